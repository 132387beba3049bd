"""Decisions feed the matcher: the score components of a pair at the moment of a decision."""

import logging

from lotse.needs.models import Need
from lotse.volunteers.models import Volunteer

logger = logging.getLogger(__name__)


def score_components_at_decision(*, need: Need, volunteer: Volunteer) -> dict[str, float]:
    """The matcher's components for this pair, or {} while the matchmaking app is absent.

    Imported lazily so that placements work (and decisions are still recorded) in an
    installation whose matchmaking app is not there yet.
    """
    try:
        from lotse.matchmaking.selectors import pair_components
    except ImportError:
        logger.warning("lotse.matchmaking is not installed: decision stored without components")
        return {}
    components = pair_components(need=need, volunteer=volunteer)
    return {str(name): float(value) for name, value in components.items()}

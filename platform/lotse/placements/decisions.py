"""Decisions feed the matcher: the score components of a pair at the moment of a decision.

The matchmaking app, built on this one, scores pairs; it registers its scorer here at start-up
(`MatchmakingConfig.ready`), and asking before that is a configuration error, not an empty dict.
"""

from collections.abc import Callable, Mapping

from lotse.core.hooks import Hook
from lotse.needs.models import Need
from lotse.volunteers.models import Volunteer

# (*, need, volunteer) -> the matcher's components of the pair
pair_scorer: Hook[Callable[..., Mapping[str, float]]] = Hook(
    "pair scorer", registered_by="lotse.matchmaking"
)


def score_components_at_decision(*, need: Need, volunteer: Volunteer) -> dict[str, float]:
    """The matcher's components for this pair, stored with proposals and decisions."""
    components = pair_scorer(need=need, volunteer=volunteer)
    return {str(name): float(value) for name, value in components.items()}

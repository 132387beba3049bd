"""One volunteer against one need: components and failed rules, even when a rule fails.

Used to record what the engine said about a pair when a social worker decided on it, so the
learner sees the components of rejected pairs too.
"""

from dataclasses import dataclass
from datetime import date

import numpy as np

from matching.context import need_context
from matching.geo import EARTH_RADIUS_KM, km_from_chord_squared
from matching.model import NeedSpec, VolunteerProfile, Weights
from matching.pool import VolunteerPool
from matching.rules import availability_overlap, failing_masks
from matching.scoring import component_scores, weighted_score

WHOLE_EARTH_KM = float(np.pi * EARTH_RADIUS_KM)
DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class PairScore:
    components: dict[str, float]
    score: float
    distance_km: float | None
    failed_rules: tuple[str, ...]


def score_pair(
    volunteer: VolunteerProfile, need: NeedSpec, *, today: date, weights: Weights = DEFAULT_WEIGHTS
) -> PairScore:
    """Raises NeedNotRankable for a need without schedule or location (like the ranking)."""
    if not volunteer.has_location:
        return PairScore({}, 0.0, None, ("no_location",))
    pool = VolunteerPool([volunteer])
    ctx = need_context(pool, need, today)
    rows, chord2 = pool.rows_near(ctx.point, WHOLE_EARTH_KM)
    overlap = availability_overlap(pool, rows, ctx)
    fails = failing_masks(pool, rows, ctx, chord2, overlap)
    components = component_scores(pool, rows, ctx, chord2, overlap)
    score = weighted_score(components, weights)
    return PairScore(
        components={name: float(values[0]) for name, values in components.items()},
        score=float(score[0]),
        distance_km=float(km_from_chord_squared(chord2)[0]),
        failed_rules=tuple(rule for rule, mask in fails.items() if mask[0]),
    )

"""The score components, each in [0, 1], vectorised over the volunteers that pass the rules."""

import numpy as np

from matching.bits import popcount
from matching.codes import MAX_LEVEL
from matching.context import NeedContext
from matching.geo import km_from_chord_squared
from matching.model import COMPONENTS, Weights
from matching.pool import VolunteerPool, contains_sorted
from matching.rules import language_levels

MAIN_SKILL_SHARE = 0.6  # the rest of the skills component is the share of further skills
REFERENCE_MONTHLY_HOURS = 20.0  # a full month for volunteers who set no monthly limit
PLACEMENTS_AT_HALF = 3  # this many placements so far halve the placements part of workload
HOURS_SHARE = 0.7  # of workload; the rest comes from placements so far


def component_scores(
    pool: VolunteerPool, rows: np.ndarray, ctx: NeedContext, chord2: np.ndarray,
    overlap: np.ndarray,
) -> dict[str, np.ndarray]:  # fmt: skip
    return {
        "distance": distance_component(pool, rows, ctx, km_from_chord_squared(chord2)),
        "skills": skills_component(pool, rows, ctx),
        "languages": languages_component(pool, rows, ctx),
        "availability": np.minimum(overlap / ctx.quarters, 1.0),
        "workload": workload_component(pool, rows),
        "continuity": contains_sorted(ctx.good_ids, pool.ids[rows]).astype(np.float64),
    }


def weighted_score(components: dict[str, np.ndarray], weights: Weights) -> np.ndarray:
    total = sum(getattr(weights, name) * components[name] for name in COMPONENTS)
    return np.clip(total, 0.0, 1.0)


def distance_component(pool, rows, ctx: NeedContext, km: np.ndarray) -> np.ndarray:
    """1 at the door, falling linearly to 0 at the nearer of the two travel radii."""
    radius = pool.radius_km[rows].astype(np.float64)
    if ctx.radius_km is not None:
        radius = np.minimum(radius, ctx.radius_km)
    with np.errstate(divide="ignore", invalid="ignore"):
        closeness = np.where(radius > 0, 1.0 - km / radius, 1.0)
    return np.clip(closeness, 0.0, 1.0)


def skills_component(pool, rows, ctx: NeedContext) -> np.ndarray:
    skills = pool.skill_bits[rows]
    if ctx.main_asked:
        has_main = ((skills & ctx.main_bit) != 0).astype(np.float64)
    else:
        has_main = np.ones(len(skills))
    if not ctx.further_count:
        return has_main
    further_share = popcount(skills & ctx.further_mask) / ctx.further_count
    return MAIN_SKILL_SHARE * has_main + (1 - MAIN_SKILL_SHARE) * further_share


def languages_component(pool, rows, ctx: NeedContext) -> np.ndarray:
    """Mean over asked languages: how far above a required level, how well a preferred one."""
    parts = []
    for ask in ctx.required:
        level = language_levels(pool, rows, ask).astype(np.float64)
        headroom = MAX_LEVEL - ask.level
        parts.append(0.5 + 0.5 * (level - ask.level) / headroom if headroom else level * 0 + 1.0)
    for ask in ctx.preferred:
        level = language_levels(pool, rows, ask).astype(np.float64)
        parts.append(np.where(level >= ask.level, 1.0, 0.5 * level / ask.level))
    return np.clip(np.mean(parts, axis=0), 0.0, 1.0)


def workload_component(pool, rows) -> np.ndarray:
    """1 for someone never placed; lower with hours this month and with placements so far."""
    max_hours = pool.max_hours[rows].astype(np.float64)
    month = np.where(np.isfinite(max_hours) & (max_hours > 0), max_hours, REFERENCE_MONTHLY_HOURS)
    hours_load = np.clip(pool.hours[rows] / month, 0.0, 1.0)
    placements = np.maximum(pool.placements[rows], 0).astype(np.float64)
    placements_load = placements / (placements + PLACEMENTS_AT_HALF)
    load = HOURS_SHARE * hours_load + (1 - HOURS_SHARE) * placements_load
    return np.clip(1.0 - load, 0.0, 1.0)

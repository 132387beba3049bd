"""The hard rules, vectorised over many volunteers: a True in a mask rules the volunteer out."""

import numpy as np

from matching.bits import popcount
from matching.context import LanguageAsk, NeedContext
from matching.geo import CHORD_TOLERANCE, chord_squared_for_km
from matching.pool import Rows, VolunteerPool, contains_sorted

# The order in which an excluded volunteer's reasons are listed.
RULES: tuple[str, ...] = (
    "too_far", "outside_need_radius", "missing_language", "certificate", "no_time",
    "paused", "no_longer_available", "hours_exhausted", "already_placed",
)  # fmt: skip


def availability_overlap(pool: VolunteerPool, rows: Rows, ctx: NeedContext) -> np.ndarray:
    """Quarter hours of the need's weekly slot each volunteer is free for."""
    total = np.zeros(_length(pool, rows), dtype=np.int32)
    for word, mask in ctx.words:
        total += popcount(pool.availability[word, rows] & mask)
    return total


def failing_masks(
    pool: VolunteerPool, rows: Rows, ctx: NeedContext, chord2: np.ndarray, overlap: np.ndarray
) -> dict[str, np.ndarray]:
    """One mask per rule that at least one volunteer fails."""
    masks = {
        "too_far": chord2 > pool.radius_chord2[rows] + CHORD_TOLERANCE,
        "outside_need_radius": _outside_need_radius(ctx, chord2),
        "missing_language": _missing_language(pool, rows, ctx.required),
        "certificate": _certificate(pool, rows, ctx),
        "no_time": overlap < ctx.quarters if ctx.one_off else overlap == 0,
        "paused": pool.paused_until[rows] >= ctx.today,
        "no_longer_available": pool.available_until[rows] < ctx.start_day,
        "hours_exhausted": pool.hours[rows] >= pool.max_hours[rows],
        "already_placed": _already_placed(pool, rows, ctx),
    }
    return {rule: mask for rule, mask in masks.items() if mask is not None and mask.any()}


def language_levels(pool: VolunteerPool, rows: Rows, ask: LanguageAsk) -> np.ndarray:
    if ask.column is None:
        return np.zeros(_length(pool, rows), dtype=np.uint8)
    return pool.language_levels[ask.column, rows]


def _outside_need_radius(ctx: NeedContext, chord2: np.ndarray) -> np.ndarray | None:
    if ctx.radius_km is None:
        return None
    return chord2 > chord_squared_for_km(ctx.radius_km) + CHORD_TOLERANCE


def _missing_language(pool, rows, asks: tuple[LanguageAsk, ...]) -> np.ndarray | None:
    missing = None
    for ask in asks:
        below = language_levels(pool, rows, ask) < ask.level
        missing = below if missing is None else missing | below
    return missing


def _certificate(pool: VolunteerPool, rows: Rows, ctx: NeedContext) -> np.ndarray | None:
    if not ctx.need.requires_certificate:
        return None
    return pool.certificate_until[rows] < ctx.start_day


def _already_placed(pool: VolunteerPool, rows: Rows, ctx: NeedContext) -> np.ndarray | None:
    if not len(ctx.placed_ids):
        return None
    return contains_sorted(ctx.placed_ids, pool.ids[rows])


def is_busy_at(pool: VolunteerPool, volunteer_id: int, ctx: NeedContext) -> bool:
    """True if an appointment the volunteer already has overlaps the need's schedule."""
    schedule = ctx.need.schedule
    return any(appointment.overlaps(schedule) for appointment in pool.busy.get(volunteer_id, ()))


def _length(pool: VolunteerPool, rows: Rows) -> int:
    return len(range(pool.n_rows)[rows]) if isinstance(rows, slice) else len(rows)

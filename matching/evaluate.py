"""One need against a pool: rules, then scores, then the best few — shared by every entry point."""

from dataclasses import dataclass

import numpy as np

from matching.context import NeedContext
from matching.geo import km_from_chord_squared
from matching.model import Weights
from matching.pool import Rows, VolunteerPool
from matching.rules import availability_overlap, failing_masks, is_busy_at
from matching.scoring import component_scores, weighted_score


@dataclass
class Evaluation:
    """Arrays over the volunteers within reach (`rows`) and over those who pass (`passed`)."""

    rows: Rows
    chord2: np.ndarray
    in_scope: np.ndarray
    fails: dict[str, np.ndarray]
    passed_local: np.ndarray  # positions in `rows` of the volunteers who pass the rules
    passed_rows: np.ndarray
    passed_ids: np.ndarray
    distance_km: np.ndarray
    overlap: np.ndarray
    components: dict[str, np.ndarray]
    scores: np.ndarray


@dataclass
class Screening:
    """The rules alone, over the volunteers within reach (`rows`)."""

    rows: Rows
    chord2: np.ndarray
    in_scope: np.ndarray
    overlap: np.ndarray
    fails: dict[str, np.ndarray]
    passed_local: np.ndarray  # positions in `rows` of the volunteers who pass the rules
    passed_rows: np.ndarray


def screen(pool: VolunteerPool, ctx: NeedContext, *, scope_km: float) -> Screening:
    rows, chord2 = pool.rows_near(ctx.point, scope_km)
    in_scope = np.isfinite(chord2)
    overlap = availability_overlap(pool, rows, ctx)
    fails = failing_masks(pool, rows, ctx, chord2, overlap)
    passing = in_scope.copy()
    for mask in fails.values():
        passing &= ~mask
    local = np.flatnonzero(passing)
    passed_rows = local if isinstance(rows, slice) else rows[local]
    return Screening(rows, chord2, in_scope, overlap, fails, local, passed_rows)


def evaluate(
    pool: VolunteerPool, ctx: NeedContext, weights: Weights, *, scope_km: float
) -> Evaluation:
    s = screen(pool, ctx, scope_km=scope_km)
    local, chord2 = s.passed_local, s.chord2[s.passed_local]
    components = component_scores(pool, s.passed_rows, ctx, chord2, s.overlap[local])
    return Evaluation(
        rows=s.rows, chord2=s.chord2, in_scope=s.in_scope, fails=s.fails, passed_local=local,
        passed_rows=s.passed_rows, passed_ids=pool.ids[s.passed_rows],
        distance_km=km_from_chord_squared(chord2), overlap=s.overlap[local],
        components=components, scores=weighted_score(components, weights),
    )  # fmt: skip


def best_positions(pool: VolunteerPool, ctx: NeedContext, ev: Evaluation, limit: int) -> list[int]:
    """Positions in ev.passed_* of the `limit` best volunteers who are not busy at that time.

    Busy appointments live in a Python side table, so they are checked only for the best few,
    widening the window when some of them turn out to be busy.
    """
    count = len(ev.scores)
    window = min(count, 2 * limit + 8)
    while True:
        chosen = [p for p in _top(ev, window) if not is_busy_at(pool, int(ev.passed_ids[p]), ctx)]
        if len(chosen) >= limit or window >= count:
            return chosen[:limit]
        window = min(count, 4 * window)


def _top(ev: Evaluation, window: int) -> np.ndarray:
    """The `window` best positions, best first: score, then distance, then id (deterministic)."""
    if window <= 0:
        return np.zeros(0, dtype=np.int64)
    if window < len(ev.scores):
        threshold = np.partition(ev.scores, len(ev.scores) - window)[len(ev.scores) - window]
        candidates = np.flatnonzero(ev.scores >= threshold)
    else:
        candidates = np.arange(len(ev.scores))
    order = np.lexsort(
        (ev.passed_ids[candidates], ev.distance_km[candidates], -ev.scores[candidates])
    )
    return candidates[order][:window]

"""Ranking: the best volunteers for a need, and the best needs for a volunteer."""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import numpy as np

from matching.context import NeedContext, check_rankable, need_context
from matching.errors import NeedNotRankable
from matching.evaluate import Evaluation, best_positions, evaluate, screen
from matching.explain import candidate_reasons, exclusion_reasons
from matching.geo import EARTH_RADIUS_KM, km_from_chord_squared
from matching.messages import Reason, check_lang, join_reasons
from matching.model import NeedSpec, VolunteerProfile, Weights
from matching.need_table import NeedTable
from matching.opportunities import Opportunity, opportunities_from_table
from matching.pool import VolunteerPool
from matching.rules import RULES, is_busy_at

MAX_LIMIT = 200
MAX_EXCLUDED = 200
DEFAULT_WEIGHTS = Weights()
WHOLE_EARTH_KM = float(np.pi * EARTH_RADIUS_KM)


@dataclass(frozen=True)
class Candidate:
    volunteer_id: int
    score: float
    distance_km: float
    components: dict[str, float]
    reasons: list[Reason]
    explanation: str  # the reasons joined with " · ", in the language asked for


@dataclass(frozen=True)
class Exclusion:
    volunteer_id: int
    reasons: list[Reason]
    explanation: str
    distance_km: float | None  # None for volunteers without a location


@dataclass(frozen=True)
class RankResult:
    need_id: int
    results: list[Candidate]
    excluded: list[Exclusion] = field(default_factory=list)
    excluded_total: int = 0  # everyone excluded, also those beyond MAX_EXCLUDED
    considered: int = 0  # volunteers the rules looked at (the whole pool with `explain`)


def rank_candidates(
    pool: VolunteerPool,
    need: NeedSpec,
    *,
    today: date,
    weights: Weights = DEFAULT_WEIGHTS,
    limit: int = 20,
    explain: bool = False,
    lang: str = "de",
) -> RankResult:
    """Volunteers who pass every hard rule, best first; with `explain`, who was ruled out and why.

    Raises NeedNotRankable for a need without schedule or location, or one that is over.
    """
    check_lang(lang)
    limit = capped_limit(limit)
    ctx = need_context(pool, need, today)
    ev = evaluate(pool, ctx, weights, scope_km=_scope_km(pool, ctx, explain))
    results = [_candidate(pool, ctx, ev, p, lang) for p in best_positions(pool, ctx, ev, limit)]
    if not explain:
        return RankResult(need.id, results, considered=int(ev.in_scope.sum()))
    excluded, total = _exclusions(pool, ctx, ev, lang)
    return RankResult(need.id, results, excluded, total, int(ev.in_scope.sum()))


def top_matches(
    pool: VolunteerPool, need: NeedSpec, *, today: date, weights: Weights, count: int
) -> tuple[np.ndarray, np.ndarray]:
    """Ids and scores of the `count` best volunteers, without explanations (for assignment)."""
    ctx = need_context(pool, need, today)
    ev = evaluate(pool, ctx, weights, scope_km=_scope_km(pool, ctx, explain=False))
    positions = np.asarray(best_positions(pool, ctx, ev, count), dtype=np.int64)
    return ev.passed_ids[positions], ev.scores[positions]


def has_candidate(pool: VolunteerPool, need: NeedSpec, *, today: date) -> bool:
    """Does anyone pass every rule and have time then? The same answer as a non-empty
    `top_matches(..., count=1)`, from the rules alone: no scores, so a fraction of the work
    (a worklist asks it of every open need of an organisation)."""
    ctx = need_context(pool, need, today)
    screening = screen(pool, ctx, scope_km=_scope_km(pool, ctx, explain=False))
    passed = pool.ids[screening.passed_rows]
    return any(not is_busy_at(pool, int(volunteer_id), ctx) for volunteer_id in passed)


def rank_opportunities(
    volunteer: VolunteerProfile,
    needs: Iterable[NeedSpec] | NeedTable,
    *,
    today: date,
    weights: Weights = DEFAULT_WEIGHTS,
    limit: int = 20,
    lang: str = "de",
) -> list[Opportunity]:
    """Open needs the volunteer passes every hard rule for, best first.

    Needs that cannot be ranked (no schedule or location, over, no open slot) are skipped.
    All needs are scored in one numpy pass (`needs` may be a prebuilt NeedTable); rules and
    scores are exactly those of rank_candidates, as rank_opportunities_pairwise shows.
    """
    check_lang(lang)
    limit = capped_limit(limit)
    table = needs if isinstance(needs, NeedTable) else NeedTable.from_specs(needs)
    return opportunities_from_table(
        volunteer, table, today=today, weights=weights, limit=limit, lang=lang
    )


def rank_opportunities_pairwise(
    volunteer: VolunteerProfile,
    needs: Iterable[NeedSpec],
    *,
    today: date,
    weights: Weights = DEFAULT_WEIGHTS,
    limit: int = 20,
    lang: str = "de",
) -> list[Opportunity]:
    """The reference for rank_opportunities: each need ranked on its own through a
    one-volunteer pool, i.e. by rank_candidates' very code (slow: for tests and benchmarks)."""
    check_lang(lang)
    limit = capped_limit(limit)
    pool = VolunteerPool([volunteer])
    found = [c for need in needs if (c := _as_opportunity(pool, need, today, weights, lang))]
    found.sort(key=lambda o: (-o.score, o.distance_km, o.need_id))
    return found[:limit]


def _as_opportunity(pool, need: NeedSpec, today, weights, lang) -> Opportunity | None:
    if need.open_slots < 1:
        return None
    try:
        check_rankable(need, today)
    except NeedNotRankable:
        return None
    ctx = need_context(pool, need, today)
    ev = evaluate(pool, ctx, weights, scope_km=_scope_km(pool, ctx, explain=False))
    positions = best_positions(pool, ctx, ev, 1)
    if not positions:
        return None
    c = _candidate(pool, ctx, ev, positions[0], lang)
    return Opportunity(need.id, c.score, c.distance_km, c.components, c.reasons, lang)


def capped_limit(limit: int) -> int:
    if limit < 1:
        raise ValueError("limit must be at least 1")
    return min(int(limit), MAX_LIMIT)


def _scope_km(pool: VolunteerPool, ctx: NeedContext, explain: bool) -> float:
    # Nobody beyond the largest travel radius in the pool can pass, so ranking looks no
    # further. Explaining looks at the whole pool, so that anyone can be found with a reason.
    if explain:
        return WHOLE_EARTH_KM
    if ctx.radius_km is None:
        return pool.max_radius_km
    return min(pool.max_radius_km, ctx.radius_km)


def _candidate(pool, ctx: NeedContext, ev: Evaluation, position: int, lang: str) -> Candidate:
    row = int(ev.passed_rows[position])
    km = float(ev.distance_km[position])
    components = {name: float(values[position]) for name, values in ev.components.items()}
    reasons = candidate_reasons(pool, row, ctx, round(km, 2), components["continuity"] > 0)
    return Candidate(
        int(ev.passed_ids[position]), float(ev.scores[position]), km, components, reasons,
        join_reasons(reasons, lang),
    )  # fmt: skip


def _exclusions(pool, ctx: NeedContext, ev: Evaluation, lang: str) -> tuple[list, int]:
    """Volunteers who fail a rule, nearest first, then those without a location."""
    local = np.concatenate([_failing_local(ev), _busy_local(pool, ctx, ev)])
    local = local[np.argsort(ev.chord2[local], kind="stable")]
    unlocated = np.flatnonzero(pool.active[: pool.n_rows] & ~pool.located[: pool.n_rows])
    shown = [_exclusion(pool, ctx, ev, int(i), lang) for i in local[:MAX_EXCLUDED]]
    for row in unlocated[: MAX_EXCLUDED - len(shown)]:
        reasons = [Reason("no_location")]
        shown.append(Exclusion(int(pool.ids[row]), reasons, join_reasons(reasons, lang), None))
    return shown, len(local) + len(unlocated)


def _failing_local(ev: Evaluation) -> np.ndarray:
    failing = np.zeros(len(ev.in_scope), dtype=bool)
    for mask in ev.fails.values():
        failing |= mask
    return np.flatnonzero(failing & ev.in_scope)


def _busy_local(pool, ctx: NeedContext, ev: Evaluation) -> np.ndarray:
    with_appointments = np.fromiter(pool.busy, dtype=np.int64, count=len(pool.busy))
    maybe = np.flatnonzero(np.isin(ev.passed_ids, with_appointments))
    busy = [p for p in maybe if is_busy_at(pool, int(ev.passed_ids[p]), ctx)]
    return ev.passed_local[np.asarray(busy, dtype=np.int64)]


def _exclusion(pool, ctx: NeedContext, ev: Evaluation, local: int, lang: str) -> Exclusion:
    row = local if isinstance(ev.rows, slice) else int(ev.rows[local])
    km = round(float(km_from_chord_squared(ev.chord2[local])), 2)
    failed = [rule for rule in RULES if rule in ev.fails and ev.fails[rule][local]]
    reasons = exclusion_reasons(pool, row, ctx, km, failed)
    return Exclusion(int(pool.ids[row]), reasons, join_reasons(reasons, lang), km)

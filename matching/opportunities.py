"""One volunteer against every open need in one numpy pass: the volunteer's opportunities.

The rules and score components are those of rules.py and scoring.py, written over needs
instead of volunteers; the arithmetic is the same, operation for operation, so scores agree
exactly with scoring each pair on its own (tests/matching/test_opportunity_table.py checks
that on random data). Explanations are built only for the few needs returned.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date
from functools import cached_property

import numpy as np

from matching.bits import popcount
from matching.codes import MAX_LEVEL
from matching.context import reason_context
from matching.explain import candidate_reasons
from matching.geo import (
    CHORD_TOLERANCE,
    chord_squared_for_km,
    chord_squared_to,
    km_from_chord_squared,
)
from matching.messages import Reason, join_reasons
from matching.model import COMPONENTS, VolunteerProfile, Weights
from matching.need_table import DAY_MINUTES, LanguageAsks, NeedTable
from matching.pool import VolunteerPool
from matching.scoring import MAIN_SKILL_SHARE, workload_component


@dataclass(frozen=True)
class Opportunity:
    need_id: int
    score: float
    distance_km: float
    components: dict[str, float]
    reasons: list[Reason]
    lang: str = "de"

    @cached_property
    def explanation(self) -> str:
        """The reasons joined in `lang`, made when asked: the volunteer's own pages speak to
        her (messages.join_reasons with to_volunteer) and never read this."""
        return join_reasons(self.reasons, self.lang)


def opportunities_from_table(
    volunteer: VolunteerProfile, table: NeedTable, *, today: date, weights: Weights,
    limit: int, lang: str,
) -> list[Opportunity]:  # fmt: skip
    """The `limit` best open needs for the volunteer (see rank.rank_opportunities)."""
    if not volunteer.has_location or not len(table):
        return []
    pool = VolunteerPool([volunteer])
    rows = _rankable_rows(table, today)
    chord2 = chord_squared_to(table.xyz[rows], pool.xyz[0])
    start_day = np.maximum(today.toordinal(), table.first_day[rows])
    overlap = _overlap(pool, table, rows)
    passing = _passing(volunteer, pool, table, rows, chord2, overlap, start_day, today)
    rows, chord2, overlap = rows[passing], chord2[passing], overlap[passing]
    free = _not_busy(volunteer, table, rows)
    rows, chord2, overlap = rows[free], chord2[free], overlap[free]
    km = km_from_chord_squared(chord2)
    components = _components(volunteer, pool, table, rows, km, overlap)
    scores = _weighted(components, weights)
    order = np.lexsort((table.ids[rows], km, -scores))[:limit]
    found = []
    for position in order.tolist():
        spec = table.specs[rows[position]]
        ctx = reason_context(pool, spec)
        values = {name: float(components[name][position]) for name in COMPONENTS}
        distance = float(km[position])
        reasons = candidate_reasons(pool, 0, ctx, round(distance, 2), values["continuity"] > 0)
        found.append(Opportunity(spec.id, float(scores[position]), distance, values, reasons, lang))
    return found


def failing_rules_from_table(
    volunteer: VolunteerProfile, table: NeedTable, *, today: date
) -> Counter:
    """For each hard rule, how many rankable open needs it rules the volunteer out of: what
    asking every need on its own (rank.rank_candidates with explain, one volunteer) reports,
    in one pass. A need failing several rules counts for each; "busy" counts needs she passes
    every rule of but has an appointment at; a volunteer without a location counts every need
    as "no_location" (tests/matching/test_opportunity_table.py compares on random data)."""
    rows = _rankable_rows(table, today)
    if not volunteer.has_location:
        return Counter({"no_location": len(rows)}) if len(rows) else Counter()
    pool = VolunteerPool([volunteer])
    chord2 = chord_squared_to(table.xyz[rows], pool.xyz[0])
    start_day = np.maximum(today.toordinal(), table.first_day[rows])
    overlap = _overlap(pool, table, rows)
    everywhere = np.ones(len(rows), dtype=bool)
    has_radius = table.has_radius[rows]
    masks = {
        "too_far": chord2 > pool.radius_chord2[0] + CHORD_TOLERANCE,
        "outside_need_radius": has_radius & (chord2 > table.radius_chord2[rows] + CHORD_TOLERANCE),
        "missing_language": _missing_language(volunteer, table.required, rows),
        "certificate": table.requires_certificate[rows] & (pool.certificate_until[0] < start_day),
        "no_time": np.where(table.one_off[rows], overlap < table.quarters[rows], overlap == 0),
        "paused": everywhere & bool(pool.paused_until[0] >= today.toordinal()),
        "no_longer_available": pool.available_until[0] < start_day,
        "hours_exhausted": everywhere & bool(pool.hours[0] >= pool.max_hours[0]),
        "already_placed": np.isin(table.ids[rows], list(volunteer.placed_need_ids)),
    }
    counts = Counter({rule: int(mask.sum()) for rule, mask in masks.items() if mask.any()})
    failing = np.zeros(len(rows), dtype=bool)
    for mask in masks.values():
        failing |= mask
    if volunteer.busy:
        passing = rows[~failing]
        if busy := int((~_not_busy(volunteer, table, passing)).sum()):
            counts["busy"] = busy
    return counts


def _rankable_rows(table: NeedTable, today: date) -> np.ndarray:
    over = table.last_end_minute <= today.toordinal() * DAY_MINUTES
    return np.flatnonzero(table.rankable & (table.open_slots >= 1) & ~over)


def _overlap(pool: VolunteerPool, table: NeedTable, rows: np.ndarray) -> np.ndarray:
    week = pool.availability[:, 0]
    return popcount(table.words[rows] & week).sum(axis=1, dtype=np.int32)


def _passing(volunteer, pool, table, rows, chord2, overlap, start_day, today) -> np.ndarray:
    """In reach of both radii and failing no hard rule (rules.failing_masks, over needs)."""
    radius = table.radius_km[rows]
    has_radius = table.has_radius[rows]
    # The one-volunteer pool's largest radius is read back from its float32 column.
    scope = np.where(has_radius, np.minimum(pool.max_radius_km, radius), pool.max_radius_km)
    ok = chord2 <= chord_squared_for_km(scope) + CHORD_TOLERANCE
    ok &= ~(chord2 > pool.radius_chord2[0] + CHORD_TOLERANCE)
    ok &= ~(has_radius & (chord2 > table.radius_chord2[rows] + CHORD_TOLERANCE))
    ok &= ~_missing_language(volunteer, table.required, rows)
    certificate_fails = pool.certificate_until[0] < start_day
    ok &= ~(table.requires_certificate[rows] & certificate_fails)
    quarters = table.quarters[rows]
    ok &= ~np.where(table.one_off[rows], overlap < quarters, overlap == 0)
    ok &= not pool.paused_until[0] >= today.toordinal()
    ok &= ~(pool.available_until[0] < start_day)
    ok &= not pool.hours[0] >= pool.max_hours[0]
    if volunteer.placed_need_ids:
        ok &= ~np.isin(table.ids[rows], list(volunteer.placed_need_ids))
    return ok


def _spoken(volunteer: VolunteerProfile, asks: LanguageAsks, rows: np.ndarray) -> np.ndarray:
    """The volunteer's level in each asked language, (rows, k)."""
    by_code = np.array([volunteer.languages.get(code, 0) for code in asks.codes], dtype=np.int64)
    if not len(by_code):
        return np.zeros(asks.column[rows].shape, dtype=np.int64)
    return by_code[asks.column[rows]]


def _missing_language(volunteer, asks: LanguageAsks, rows: np.ndarray) -> np.ndarray:
    below = _spoken(volunteer, asks, rows) < asks.level[rows]  # padding asks level 0: never
    return below.any(axis=1)


def _not_busy(volunteer: VolunteerProfile, table: NeedTable, rows: np.ndarray):
    if not volunteer.busy:
        return np.ones(len(rows), dtype=bool)
    # rules.is_busy_at, for the needs that pass the rules only (appointments are few).
    free = [
        not any(appointment.overlaps(table.specs[row].schedule) for appointment in volunteer.busy)
        for row in rows.tolist()
    ]
    return np.array(free, dtype=bool)


def _components(volunteer, pool, table, rows, km, overlap) -> dict[str, np.ndarray]:
    n = len(rows)
    workload = workload_component(pool, np.zeros(1, dtype=np.int64))
    good = list(volunteer.good_facility_ids)
    return {
        "distance": _distance(pool, table, rows, km),
        "skills": _skills(volunteer, table, rows),
        "languages": _languages(volunteer, table, rows),
        "availability": np.minimum(overlap / table.quarters[rows], 1.0),
        "workload": np.repeat(workload, n),
        "continuity": np.isin(table.facility_id[rows], good).astype(np.float64),
    }


def _weighted(components: dict[str, np.ndarray], weights: Weights) -> np.ndarray:
    total = sum(getattr(weights, name) * components[name] for name in COMPONENTS)
    return np.clip(total, 0.0, 1.0)


def _distance(pool, table: NeedTable, rows, km) -> np.ndarray:
    radius = np.repeat(pool.radius_km[:1].astype(np.float64), len(rows))
    radius = np.where(table.has_radius[rows], np.minimum(radius, table.radius_km[rows]), radius)
    with np.errstate(divide="ignore", invalid="ignore"):
        closeness = np.where(radius > 0, 1.0 - km / radius, 1.0)
    return np.clip(closeness, 0.0, 1.0)


def _skills(volunteer: VolunteerProfile, table: NeedTable, rows) -> np.ndarray:
    has = np.array([code in volunteer.skills for code in table.skill_codes], dtype=bool)
    main = table.main_skill[rows]
    has_main = np.where(main < 0, True, has[np.maximum(main, 0)] if len(has) else False)
    has_main = has_main.astype(np.float64)
    count = table.further_count[rows]
    matched = (table.further_skills[rows] & has).sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = matched / count
        mixed = MAIN_SKILL_SHARE * has_main + (1 - MAIN_SKILL_SHARE) * share
    return np.where(count > 0, mixed, has_main)


def _languages(volunteer: VolunteerProfile, table: NeedTable, rows) -> np.ndarray:
    """Parts in the order of scoring.languages_component (required, then preferred), summed
    one after another and divided by their number, as np.mean does for a handful of parts."""
    total = np.zeros(len(rows))
    asks = table.required
    spoken, asked, count = _spoken(volunteer, asks, rows), asks.level[rows], asks.count[rows]
    for k in range(asked.shape[1]):
        level, ask = spoken[:, k].astype(np.float64), asked[:, k]
        headroom = MAX_LEVEL - ask
        with np.errstate(divide="ignore", invalid="ignore"):
            part = np.where(headroom > 0, 0.5 + 0.5 * (level - ask) / headroom, 1.0)
        total += np.where(k < count, part, 0.0)
    parts = count
    asks = table.preferred
    spoken, asked, count = _spoken(volunteer, asks, rows), asks.level[rows], asks.count[rows]
    for k in range(asked.shape[1]):
        level, ask = spoken[:, k].astype(np.float64), asked[:, k]
        with np.errstate(divide="ignore", invalid="ignore"):
            part = np.where(level >= ask, 1.0, 0.5 * level / ask)
        total += np.where(k < count, part, 0.0)
    return np.clip(total / (parts + count), 0.0, 1.0)

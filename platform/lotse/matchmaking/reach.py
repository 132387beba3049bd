"""Why few open needs fit a volunteer, and what a wider radius would bring.

Every open need the volunteer does not fit is put to the engine on its own (a one-volunteer
pool, `explain`), so the reasons are the engine's hard rules, never a copy of them here.
"""

from collections import Counter
from dataclasses import dataclass, replace

import numpy as np
from django.conf import settings

from matching import (
    MAX_LIMIT,
    NeedNotRankable,
    NeedSpec,
    Reason,
    VolunteerPool,
    VolunteerProfile,
    rank_candidates,
    rank_opportunities,
)
from matching.need_table import NeedTable

from . import adapter

FEW = 3  # fewer opportunities than this, and the start page says why
RADIUS_STEPS_KM = (5, 10, 15)

# The engine's exclusion codes, grouped as a volunteer would say them.
BLOCKERS = {
    "too_far": "too_far",
    "outside_need_radius": "need_radius",
    "missing_language": "language",
    "language_too_low": "language",
    "certificate_missing": "certificate",
    "certificate_expired": "certificate",
    "no_time": "no_time",
    "no_time_on": "no_time",
    "busy": "busy",
    "paused": "paused",
    "no_longer_available": "no_longer_available",
    "hours_exhausted": "hours_exhausted",
    "no_location": "no_location",
}


@dataclass(frozen=True)
class Fit:
    """One need as the engine sees it for one volunteer: a score, or the reasons against."""

    need_id: int
    score: float | None
    reasons: list[Reason]

    @property
    def fits(self) -> bool:
        return self.score is not None


@dataclass(frozen=True)
class Widening:
    radius_km: int
    count: int  # opportunities at that radius


@dataclass(frozen=True)
class Reach:
    fitting: int
    open_needs: int
    blockers: list[tuple[str, int]]  # (group, needs ruled out by it), most first
    widening: Widening | None
    radius_km: float


def rankable_specs(table: NeedTable) -> list[NeedSpec]:
    """Open needs with a free slot and a schedule and place the engine can read."""
    rows = np.flatnonzero(table.rankable & (table.open_slots >= 1))
    return [table.specs[row] for row in rows.tolist()]


def fit_of(profile: VolunteerProfile, spec: NeedSpec, pool: VolunteerPool | None = None) -> Fit:
    """The engine's verdict on one need for one volunteer (None for a need that is over)."""
    pool = pool or VolunteerPool([profile])
    try:
        ranked = rank_candidates(pool, spec, today=adapter.today(), limit=1, explain=True)
    except NeedNotRankable:
        return Fit(spec.id, None, [])
    if ranked.results:
        candidate = ranked.results[0]
        return Fit(spec.id, candidate.score, candidate.reasons)
    reasons = ranked.excluded[0].reasons if ranked.excluded else []
    return Fit(spec.id, None, reasons)


def blocker_counts(profile: VolunteerProfile, specs: list[NeedSpec]) -> Counter:
    """For each group of reasons, the needs it rules out (a need may count in several)."""
    pool, counts = VolunteerPool([profile]), Counter()
    for spec in specs:
        fit = fit_of(profile, spec, pool)
        if not fit.fits:
            counts.update({BLOCKERS[r.code] for r in fit.reasons if r.code in BLOCKERS})
    return counts


def opportunity_count(profile: VolunteerProfile, table: NeedTable) -> int:
    found = rank_opportunities(profile, table, today=adapter.today(), limit=MAX_LIMIT)
    return len(found)


def widening_for(profile: VolunteerProfile, table: NeedTable, fitting: int) -> Widening | None:
    """The smallest next radius step that brings at least one more opportunity."""
    limit = float(settings.LOTSE_MAX_DISTANCE_KM)
    for km in RADIUS_STEPS_KM:
        if km <= profile.max_distance_km or km > limit:
            continue
        count = opportunity_count(replace(profile, max_distance_km=float(km)), table)
        if count > fitting:
            return Widening(km, count)
    return None


def reach_of(profile: VolunteerProfile, table: NeedTable, fitting: int) -> Reach:
    specs = rankable_specs(table)
    counts = blocker_counts(profile, specs)
    blockers = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    widening = widening_for(profile, table, fitting) if counts.get("too_far") else None
    return Reach(fitting, len(specs), blockers, widening, profile.max_distance_km)

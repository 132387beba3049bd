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
from matching.opportunities import failing_rules_from_table

from . import adapter

FEW = 3  # fewer opportunities than this, and the start page says why
RADIUS_STEPS_KM = (5, 10, 15)


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


# The engine's hard rules (matching.rules.RULES, and "busy", "no_location") by the group the
# page speaks of; "already_placed" is no obstacle worth telling her about.
RULE_GROUPS = {
    "too_far": "too_far",
    "outside_need_radius": "need_radius",
    "missing_language": "language",
    "certificate": "certificate",
    "no_time": "no_time",
    "busy": "busy",
    "paused": "paused",
    "no_longer_available": "no_longer_available",
    "hours_exhausted": "hours_exhausted",
    "no_location": "no_location",
}


def blocker_counts(profile: VolunteerProfile, table: NeedTable) -> Counter:
    """For each group of reasons, the needs it rules out (a need may count in several): one
    pass over the need table, as asking each need on its own would count (issue 21: that took
    1.5 s of CPU at 5,000 open needs)."""
    failing = failing_rules_from_table(profile, table, today=adapter.today())
    counts = Counter()
    for rule, needs in failing.items():
        if rule in RULE_GROUPS:
            counts[RULE_GROUPS[rule]] += needs
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
    counts = blocker_counts(profile, table)
    blockers = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    widening = widening_for(profile, table, fitting) if counts.get("too_far") else None
    return Reach(fitting, len(specs), blockers, widening, profile.max_distance_km)

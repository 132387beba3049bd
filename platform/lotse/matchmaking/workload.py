"""What placements mean for matching: hours this month, placements so far, busy appointments.

The placements app owns the Placement model; this module reads it, so the engine's workload,
continuity and "already placed" rules see real placements.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import Count, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from lotse.placements.models import HoursEntry, Placement
from matching import ParseError, Schedule, parse_schedule


@dataclass(frozen=True)
class Load:
    hours_this_month: float = 0.0
    placements_total: int = 0
    busy: tuple[Schedule, ...] = ()
    need_ids: frozenset[int] = frozenset()
    good_facility_ids: frozenset[int] = field(default_factory=frozenset)


EMPTY_LOAD = Load()


def _schedule(text: str) -> Schedule | None:
    try:
        return parse_schedule(text)
    except ParseError:
        return None


def volunteer_loads(volunteer_ids: Iterable[int] | None) -> dict[int, Load]:
    placements = Placement.objects.all()
    if volunteer_ids is not None:
        placements = placements.filter(volunteer_id__in=list(volunteer_ids))
    blocking = placements.filter(state__in=Placement.BLOCKING_STATES)
    busy, need_ids = defaultdict(list), defaultdict(set)
    for vid, need_id, text in blocking.values_list("volunteer_id", "need_id", "need__schedule"):
        need_ids[vid].add(need_id)
        if (schedule := _schedule(text)) is not None:
            busy[vid].append(schedule)
    totals = dict(
        placements.filter(state__in=Placement.COUNTED_STATES)
        .values_list("volunteer_id")
        .annotate(n=Count("id"))
    )
    good = defaultdict(set)
    for vid, facility_id in placements.filter(state=Placement.State.COMPLETED).values_list(
        "volunteer_id", "need__facility_id"
    ):
        if facility_id:
            good[vid].add(facility_id)
    hours = _hours_this_month(volunteer_ids)
    ids = set(busy) | set(totals) | set(good) | set(hours)
    return {
        vid: Load(
            hours.get(vid, 0.0),
            totals.get(vid, 0),
            tuple(busy.get(vid, ())),
            frozenset(need_ids.get(vid, ())),
            frozenset(good.get(vid, ())),
        )
        for vid in ids
    }


def _hours_this_month(volunteer_ids: Iterable[int] | None) -> dict[int, float]:
    first = timezone.localdate().replace(day=1)
    entries = HoursEntry.objects.filter(date__gte=first, date__lt=_next_month(first))
    if volunteer_ids is not None:
        entries = entries.filter(placement__volunteer_id__in=list(volunteer_ids))
    # Hours staff confirmed or corrected count as confirmed; the rest as the volunteer logged them.
    rows = entries.values_list("placement__volunteer_id").annotate(
        total=Sum(Coalesce("confirmed_hours", "hours"))
    )
    return {vid: float(total or 0) for vid, total in rows}


def _next_month(first: dt.date) -> dt.date:
    return (first + dt.timedelta(days=32)).replace(day=1)


def busy_without(volunteer_id: int, need_id: int) -> tuple[Schedule, ...]:
    texts = (
        Placement.objects.filter(volunteer_id=volunteer_id, state__in=Placement.BLOCKING_STATES)
        .exclude(need_id=need_id)
        .values_list("need__schedule", flat=True)
    )
    return tuple(s for t in texts if (s := _schedule(t)) is not None)

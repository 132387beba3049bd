"""Twelve-week series per district: demand (needs and slots opened), supply (volunteers who
signed up living in the district), placements made (activated) and hours logged.

Rows per district and day come from the summary table when it is fresh, else from the base
tables; weeks run Monday to Sunday and end with the week of the period's last day.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import F
from django.db.models.functions import TruncDate

from . import summary
from .filters import Filters, aware_midnight, local_day
from .models import Dimension
from .queries import (
    all_volunteers,
    district_key,
    float_or_int,
    fold_first_placed,
    hours_logged,
    needs_opened,
    new_volunteers,
    placements_made,
)

WEEKS = 12
MEASURES = ("needs_opened", "slots_opened", "new_volunteers", "placements_made", "hours_logged")


@dataclass
class Week:
    start: dt.date
    needs_opened: int = 0
    slots_opened: int = 0
    new_volunteers: int = 0
    placements_made: int = 0
    hours_logged: float = 0.0


@dataclass
class DistrictTrend:
    district_id: int
    name: str
    weeks: list[Week] = field(default_factory=list)


def trend_weeks(end: dt.date) -> list[dt.date]:
    last = end - dt.timedelta(days=end.weekday())
    return [last - dt.timedelta(weeks=WEEKS - 1 - k) for k in range(WEEKS)]


def trends(*, filters: Filters) -> list[DistrictTrend]:
    weeks = trend_weeks(filters.end)
    first, last = weeks[0], weeks[-1] + dt.timedelta(days=6)
    series = {
        d.pk: DistrictTrend(d.pk, d.name, [Week(w) for w in weeks]) for d in filters.districts
    }
    summarised = summary.usable_for(filters) and first >= summary.usable_for(filters).daily_since
    rows = summary.trend_rows(filters, first, last) if summarised else _live(filters, first, last)
    for row in rows:
        trend = series.get(row["district_id"])
        day = local_day(row["day"])
        if trend is None or not first <= day <= last:
            continue
        week = trend.weeks[(day - first).days // 7]
        for name in MEASURES:
            if name in row:
                setattr(week, name, getattr(week, name) + float_or_int(row[name]))
    return list(series.values())


def _live(filters: Filters, first: dt.date, last: dt.date):
    keys = {"district_id": district_key}
    start, end = aware_midnight(first), aware_midnight(last + dt.timedelta(days=1))
    where = filters.needs_q
    yield from fold_first_placed(needs_opened(where, keys, start, end, by_day=True))
    yield from placements_made(where, keys, start, end, by_day=True)
    yield from hours_logged(where, keys, first, last, by_day=True)
    group = {
        "district_id": F("postcode__neighbourhood__district_id"),
        "day": TruncDate("created_at"),
    }
    yield from new_volunteers(_volunteers(filters), Dimension.ALL, start, end, group=group)


def _volunteers(filters: Filters):
    """Volunteers living in the districts, with the skill and language filtered for."""
    volunteers = all_volunteers().filter(
        postcode__neighbourhood__district_id__in=filters.district_ids
    )
    if filters.skill:
        volunteers = volunteers.filter(skills=filters.skill)
    if filters.language:
        volunteers = volunteers.filter(languages__language=filters.language)
    return volunteers

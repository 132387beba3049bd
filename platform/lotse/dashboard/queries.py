"""Grouped queries over the base tables, shared by the live path (one request, grouped by
neighbourhood, filtered) and the summary jobs (all needs, grouped by day, neighbourhood and
one dimension). Each returns a values() queryset: the group keys, then the measures.

`keys` maps a group name to a function of the path from the queried model to the need
("", "need__", "placement__need__"), so one definition serves needs, placements and hours.
"""

import bisect
import datetime as dt
import functools
import operator
from collections.abc import Callable

from django.db.models import (
    BigIntegerField,
    Count,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Coalesce, Floor, TruncDate

from lotse.needs.models import Need, NeedLanguage
from lotse.placements.models import HoursEntry, Placement, State
from lotse.volunteers.models import Volunteer

from .models import BUCKETS, FIRST_PLACEMENT_EDGES, Dimension
from .sql import DaysBetween, ended_q, schedule_minutes

LOGGED = Coalesce("confirmed_hours", "hours")
Keys = dict  # name -> function(prefix) -> expression
Where = Callable[[str], Q]  # prefix -> the needs in view (Filters.needs_q, or everything)


def everything(prefix: str = "") -> Q:
    return Q()


def hood_key(prefix: str):
    return F(f"{prefix}neighbourhood_id")


def district_key(prefix: str):
    return F(f"{prefix}neighbourhood__district_id")


PAIR_SHIFT = 2**32  # a pair's key: first id × 2³² + second id (ids stay below 2³²)


def pair_key(first: int, second: int) -> int:
    return first * PAIR_SHIFT + second


def _pair(first, second):
    """The pair key in SQL; NULL when either side is (a need without a language)."""
    return ExpressionWrapper(first * Value(PAIR_SHIFT) + second, output_field=BigIntegerField())


_ORGANISATION = lambda prefix: F(f"{prefix}organisation_id")  # noqa: E731
_SKILL = lambda prefix: F(f"{prefix}main_skill_id")  # noqa: E731
_LANGUAGE = lambda prefix: F(f"{prefix}languages__language_id")  # noqa: E731
DIMENSION_KEYS = {
    Dimension.ALL: lambda prefix: Value(0),
    Dimension.ORGANISATION: _ORGANISATION,
    Dimension.SKILL: _SKILL,
    Dimension.LANGUAGE: _LANGUAGE,
    Dimension.ORGANISATION_SKILL: lambda p: _pair(_ORGANISATION(p), _SKILL(p)),
    Dimension.ORGANISATION_LANGUAGE: lambda p: _pair(_ORGANISATION(p), _LANGUAGE(p)),
    Dimension.SKILL_LANGUAGE: lambda p: _pair(_SKILL(p), _LANGUAGE(p)),
}
# Which filters each slice stands for, in the order of the pair key.
DIMENSION_FILTERS = {
    Dimension.ORGANISATION: ("organisation",),
    Dimension.SKILL: ("skill",),
    Dimension.LANGUAGE: ("language",),
    Dimension.ORGANISATION_SKILL: ("organisation", "skill"),
    Dimension.ORGANISATION_LANGUAGE: ("organisation", "language"),
    Dimension.SKILL_LANGUAGE: ("skill", "language"),
}


def _grouped(queryset, keys: Keys, prefix: str, **extra):
    groups = {name: key(prefix) for name, key in keys.items()} | extra
    rows = queryset.values(**groups)
    # A need without a language has no row in the per-language grouping.
    nullable = [name for name in keys if name == "key"]
    return rows.exclude(**{f"{n}__isnull": True for n in nullable}) if nullable else rows


# ---------------------------------------------------------------------------
# Current state
# ---------------------------------------------------------------------------
def open_q(where: Where, today: dt.date, prefix: str = "") -> Q:
    """Needs in view that are open and not past their last date."""
    return where(prefix) & Q(**{f"{prefix}status": Need.Status.OPEN}) & ~ended_q(today, prefix)


def open_needs(q: Q, keys: Keys, today: dt.date):
    return (
        _grouped(Need.objects.filter(open_q(q, today)), keys, "")
        .annotate(
            open_needs=Count("id"),
            open_slots=Sum("volunteers_needed"),
            demand_minutes=Sum(schedule_minutes() * F("volunteers_needed")),
        )
        .order_by()
    )


def held_slots(where: Where, keys: Keys, today: dt.date):
    """Slots held by approved placements on open needs (to subtract from what is asked)."""
    held = Placement.objects.filter(open_q(where, today, "need__"), slot__isnull=False)
    return (
        _grouped(held, keys, "need__")
        .annotate(held=Count("id"), held_minutes=Sum(schedule_minutes("need__")))
        .order_by()
    )


def held_on_need(outer: str = "pk"):
    """Slots held on the need at `outer` (a correlated count), so that what is asked and what
    is held come out of one aggregate query over needs instead of two."""
    held = (
        Placement.objects.filter(need_id=OuterRef(outer), slot__isnull=False)
        .order_by()
        .values("need_id")
        .annotate(n=Count("id"))
        .values("n")
    )
    return Coalesce(Subquery(held), 0)


def open_demand(where: Where, keys: Keys, today: dt.date):
    """Open needs, the slots still open on them and the weekly minutes those slots ask for:
    `open_needs` and `held_slots` in one query."""
    needs = Need.objects.filter(open_q(where, today)).alias(held=held_on_need())
    left = F("volunteers_needed") - F("held")
    return (
        _grouped(needs, keys, "")
        .annotate(
            open_needs=Count("id"),
            open_slots=Sum(left),
            demand_minutes=Sum(schedule_minutes() * left),
        )
        .order_by()
    )


def active_placements(where: Where, keys: Keys):
    active = Placement.objects.filter(where("need__"), state=State.ACTIVE)
    return _grouped(active, keys, "need__").annotate(placements_active=Count("id")).order_by()


# ---------------------------------------------------------------------------
# Flows within a period [start, end) of aware datetimes; `by_day` adds a `day` group
# ---------------------------------------------------------------------------
def needs_opened(where: Where, keys: Keys, start, end, *, by_day: bool = False):
    """Needs opened in the period, also grouped by whole days from opening to the first
    approved placement (`days`, None when there is none yet): the caller folds them."""
    first = (
        Placement.objects.filter(
            need=OuterRef("pk"), approved_at__isnull=False, approved_at__gte=OuterRef("opened_at")
        )
        .order_by("approved_at")
        .values("approved_at")[:1]
    )
    needs = Need.objects.filter(where(""), opened_at__gte=start, opened_at__lt=end)
    day = {"day": TruncDate("opened_at")} if by_day else {}
    days = Floor(DaysBetween(Subquery(first), F("opened_at")))
    return (
        _grouped(needs, keys, "", **day, days=days)
        .annotate(needs_opened=Count("id"), slots_opened=Sum("volunteers_needed"))
        .order_by()
    )


def fold_first_placed(rows) -> list[dict]:
    """Rows of `needs_opened` summed per group, with the histogram in BUCKETS columns."""
    folded: dict[tuple, dict] = {}
    for row in rows:
        days = row.pop("days")
        needs, slots = row.pop("needs_opened"), row.pop("slots_opened") or 0
        key = tuple(row.items())
        target = folded.setdefault(
            key, {**row, "needs_opened": 0, "slots_opened": 0, **dict.fromkeys(BUCKETS, 0)}
        )
        target["needs_opened"] += needs
        target["slots_opened"] += slots
        if days is not None:
            target[BUCKETS[bucket_of(days)]] += needs
    return list(folded.values())


def bucket_of(days: float) -> int:
    return max(0, bisect.bisect_right(FIRST_PLACEMENT_EDGES, days) - 1)


def placements_made(where: Where, keys: Keys, start, end, *, by_day: bool = False):
    made = Placement.objects.filter(where("need__"), activated_at__gte=start, activated_at__lt=end)
    day = {"day": TruncDate("activated_at")} if by_day else {}
    return _grouped(made, keys, "need__", **day).annotate(placements_made=Count("id")).order_by()


def placement_counts(where: Where, keys: Keys, start, end):
    """Placements active now and placements made (activated) in [start, end), in one query."""
    active, made = Q(state=State.ACTIVE), Q(activated_at__gte=start, activated_at__lt=end)
    rows = Placement.objects.filter(where("need__")).filter(active | made)
    return (
        _grouped(rows, keys, "need__")
        .annotate(
            placements_active=Count("id", filter=active),
            placements_made=Count("id", filter=made),
        )
        .order_by()
    )


def hours_in_periods(where: Where, keys: Keys, periods: dict[str, tuple[dt.date, dt.date]]):
    """Hours per named period of days (first..last, both included), in one query."""
    within = {name: Q(date__gte=first, date__lte=last) for name, (first, last) in periods.items()}
    entries = HoursEntry.objects.filter(where("placement__need__"))
    entries = entries.filter(functools.reduce(operator.or_, within.values()))
    return (
        _grouped(entries, keys, "placement__need__")
        .annotate(**{name: Sum(LOGGED, filter=q) for name, q in within.items()})
        .order_by()
    )


def hours_logged(where: Where, keys: Keys, first: dt.date, last: dt.date, *, by_day=False):
    """Hours on days first..last (dates, both included)."""
    entries = HoursEntry.objects.filter(where("placement__need__"), date__gte=first, date__lte=last)
    day = {"day": F("date")} if by_day else {}
    return (
        _grouped(entries, keys, "placement__need__", **day)
        .annotate(hours_logged=Sum(LOGGED))
        .order_by()
    )


# Volunteers belong to no operator: slices with an operator have no volunteer rows.
VOLUNTEER_KEYS = {
    Dimension.ALL: lambda: Value(0),
    Dimension.SKILL: lambda: F("skills"),
    Dimension.LANGUAGE: lambda: F("languages__language_id"),
    Dimension.SKILL_LANGUAGE: lambda: _pair(F("skills"), F("languages__language_id")),
}


def new_volunteers(volunteers, dimension: str, start, end, *, group: dict):
    """Volunteers who signed up in the period, by their home neighbourhood (postcode)."""
    signed_up = volunteers.filter(created_at__gte=start, created_at__lt=end)
    rows = signed_up.values(**group, key=VOLUNTEER_KEYS[dimension]())
    if dimension != Dimension.ALL:
        rows = rows.exclude(key__isnull=True)
    return rows.annotate(new_volunteers=Count("id")).order_by()


def all_volunteers():
    return Volunteer.objects.filter(postcode__neighbourhood__isnull=False)


def need_language_rows(where: Where, today: dt.date):
    return NeedLanguage.objects.filter(open_q(where, today, "need__"))


def median_days(counts: list[int]) -> float | None:
    """The median of a FIRST_PLACEMENT_EDGES histogram, interpolated within its bucket."""
    total = sum(counts)
    if not total:
        return None
    half, below = total / 2, 0
    for i, n in enumerate(counts):
        if n and below + n >= half:
            low = FIRST_PLACEMENT_EDGES[i]
            if i + 1 == len(FIRST_PLACEMENT_EDGES):
                return float(low)
            width = FIRST_PLACEMENT_EDGES[i + 1] - low
            return round(low + width * (half - below) / n, 1)
        below += n
    return None


def float_or_int(value):
    """Sums from the database: Decimal hours become floats, missing counts zero."""
    if value is None:
        return 0
    return value if isinstance(value, int | float) else float(value)

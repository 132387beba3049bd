"""SQL building blocks the dashboard aggregates with: a median, days between two timestamps,
and readings of a need's schedule text.

Need schedules are stored in the canonical spelling of `matching.format_schedule` (the needs
service normalises every schedule it saves):

    one-off  2026-12-03 09:00-12:00
    weekly   weekly tue 16:00-18:00 from 2026-12-01 until 2027-03-31   ("until …" optional)

In both, the start time stands at characters 12-16 and the end time at 18-22, so the database
can sum weekly hours without Python reading every row (tests/web/dashboard/test_sql.py checks
these readings against `parse_schedule` for every shape).
"""

import datetime as dt
import statistics

from django.db.models import (
    Aggregate,
    Case,
    CharField,
    F,
    FloatField,
    Func,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.functions import Cast, Right, Substr
from django.db.models.lookups import LessThan


class Median(Aggregate):
    """The median of a numeric expression (SQLite: a function registered on connect)."""

    function = "LOTSE_MEDIAN"
    name = "Median"
    output_field = FloatField()

    def as_postgresql(self, compiler, connection, **extra):
        template = "percentile_cont(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
        return self.as_sql(compiler, connection, template=template, **extra)


class DaysBetween(Func):
    """`later - earlier` in days, as a float, for two timestamps."""

    arity = 2
    output_field = FloatField()
    template = "(EXTRACT(EPOCH FROM (%(expressions)s)) / 86400.0)"
    arg_joiner = " - "

    def as_sqlite(self, compiler, connection, **extra):
        return self.as_sql(
            compiler,
            connection,
            template="(julianday(%(expressions)s))",
            arg_joiner=") - julianday(",
            **extra,
        )


class _SqliteMedian:
    def __init__(self) -> None:
        self.values: list[float] = []

    def step(self, value) -> None:
        if value is not None:
            self.values.append(float(value))

    def finalize(self) -> float | None:
        return statistics.median(self.values) if self.values else None


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    if connection.vendor == "sqlite":
        connection.connection.create_aggregate("LOTSE_MEDIAN", 1, _SqliteMedian)


# ---------------------------------------------------------------------------
# Readings of the canonical schedule text
# ---------------------------------------------------------------------------
START_AT, END_AT = 12, 18  # 1-based positions of "HH:MM" in both shapes
WEEKLY_FROM_AT = 29  # "weekly ddd HH:MM-HH:MM from " is 28 characters long


def _minute_of_day(field: str, at: int):
    hours = Cast(Substr(field, at, 2), IntegerField())
    minutes = Cast(Substr(field, at + 3, 2), IntegerField())
    return hours * Value(60) + minutes


def schedule_minutes(prefix: str = ""):
    """Minutes per occurrence (a week's worth for weekly needs, the one date for one-offs)."""
    field = f"{prefix}schedule"
    return _minute_of_day(field, END_AT) - _minute_of_day(field, START_AT)


def schedule_start_text(prefix: str = ""):
    """The first day as ISO text: the date of a one-off, the `from` day of a weekly need."""
    field = f"{prefix}schedule"
    return Case(
        When(**{f"{field}__startswith": "weekly"}, then=Substr(field, WEEKLY_FROM_AT, 10)),
        default=Substr(field, 1, 10),
        output_field=CharField(),
    )


def ended_q(today: dt.date, prefix: str = "") -> Q:
    """Needs whose last date lies before `today` (a one-off in the past, a weekly need whose
    `until` has passed). ISO dates compare as text; "weekly" sorts after every digit."""
    field = f"{prefix}schedule"
    iso = Value(today.isoformat(), output_field=CharField())
    one_off_past = Q(**{f"{field}__lt": today.isoformat()})
    weekly_over = Q(**{f"{field}__contains": " until "}) & LessThan(Right(F(field), 10), iso)
    return one_off_past | weekly_over

"""Refreshing the summary tables (Celery beat runs these; so does `dashboard_refresh`).

- current state (open needs and slots, hours asked for, active placements, open demand per
  skill and language): rebuilt whole, every LOTSE_DASHBOARD_CURRENT_REFRESH_SECONDS;
- daily flows of the last LOTSE_DASHBOARD_RECENT_DAYS (needs opened, first placements,
  placements made, hours, new volunteers): rebuilt every LOTSE_DASHBOARD_RECENT_REFRESH_SECONDS,
  and every day from the beginning at night, month by month, each month in one transaction;
- the public transparency report: worked out every hour and kept with the state.
"""

import datetime as dt

from django.conf import settings
from django.db import connection, transaction
from django.db.models import F, Min
from django.db.models.functions import TruncDate
from django.utils import timezone

from lotse.needs.models import Need
from lotse.placements.models import HoursEntry, Placement
from lotse.places.models import Neighbourhood
from lotse.volunteers.models import Volunteer

from .filters import EARLIEST, aware_midnight, local_day
from .models import BUCKETS, CurrentFigures, DailyFigures, Dimension, OpenDemand, RefreshState
from .queries import (
    DIMENSION_KEYS,
    VOLUNTEER_KEYS,
    active_placements,
    all_volunteers,
    everything,
    float_or_int,
    fold_first_placed,
    held_slots,
    hood_key,
    hours_logged,
    needs_opened,
    new_volunteers,
    open_needs,
    placements_made,
)
from .transparency import transparency_compute
from .unmet import open_demand_live

BATCH = 5_000
CHUNK_DAYS = 31


def _state() -> RefreshState:
    return RefreshState.objects.select_for_update().get_or_create(pk=1)[0]


def _districts() -> dict[int, int]:
    return dict(Neighbourhood.objects.values_list("pk", "district_id"))


@transaction.atomic
def summary_refresh_current(*, today: dt.date | None = None) -> int:
    """Rebuild the current-state tables; returns the rows written."""
    today = today or timezone.localdate()
    state, districts = _state(), _districts()
    rows: dict[tuple, CurrentFigures] = {}

    def at(dimension, row) -> CurrentFigures:
        key = (dimension, row["key"] or 0, row["hood"])
        if key not in rows:
            rows[key] = CurrentFigures(dimension=dimension, key=key[1], neighbourhood_id=key[2],
                                       district_id=districts[key[2]])  # fmt: skip
        return rows[key]

    for dimension in Dimension:
        keys = {"hood": hood_key, "key": DIMENSION_KEYS[dimension]}
        for row in open_needs(everything, keys, today):
            figures = at(dimension, row)
            figures.open_needs, figures.open_slots = row["open_needs"], row["open_slots"] or 0
            figures.demand_minutes = row["demand_minutes"] or 0
        for row in held_slots(everything, keys, today):
            figures = at(dimension, row)
            figures.open_slots -= row["held"]
            figures.demand_minutes -= row["held_minutes"] or 0
        for row in active_placements(everything, keys):
            at(dimension, row).placements_active = row["placements_active"]
    CurrentFigures.objects.all().delete()
    CurrentFigures.objects.bulk_create(rows.values(), batch_size=BATCH)
    written = len(rows) + _refresh_open_demand(today, districts)
    state.current_at = timezone.now()
    state.save(update_fields=["current_at"])
    return written


def _refresh_open_demand(today: dt.date, districts: dict[int, int]) -> int:
    rows = [
        OpenDemand(organisation_id=org, skill_id=skill, language_id=language,
                   neighbourhood_id=hood, district_id=districts[hood], needs=needs,
                   slots=slots, level=level)
        for org, skill, language, hood, needs, slots, level in open_demand_live(everything, today)
    ]  # fmt: skip
    OpenDemand.objects.all().delete()
    OpenDemand.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def summary_refresh_daily(*, since: dt.date | None = None, today: dt.date | None = None,
                          complete: bool = False) -> int:  # fmt: skip
    """Rebuild the daily rows from `since` (default: the recent days); `complete` says that
    nothing happened before `since`, so the summaries cover every period."""
    today = today or timezone.localdate()
    since = since or today - dt.timedelta(days=settings.LOTSE_DASHBOARD_RECENT_DAYS)
    districts, written = _districts(), 0
    first = since
    while first <= today:
        last = min(first + dt.timedelta(days=CHUNK_DAYS - 1), today)
        written += _refresh_days(first, last, districts)
        first = last + dt.timedelta(days=1)
    with transaction.atomic():
        state = _state()
        state.daily_at = timezone.now()
        covered = EARLIEST if complete else since
        if state.daily_since is None or covered < state.daily_since:
            state.daily_since = covered
        state.save(update_fields=["daily_at", "daily_since"])
    return written


DAILY_MEASURES = ("needs_opened", "slots_opened", "placements_made", "new_volunteers",
                  "hours_logged", *BUCKETS)  # fmt: skip
DAILY_COLUMNS = ("dimension", "key", "day", "neighbourhood", "district", *DAILY_MEASURES)


@transaction.atomic
def _refresh_days(first: dt.date, last: dt.date, districts: dict[int, int]) -> int:
    rows: dict[tuple, dict] = {}
    for dimension, row in _daily_rows(first, last):
        key = (dimension, row.pop("key") or 0, _date(row.pop("day")), row.pop("hood"))
        if key[3] is None:
            continue
        measures = rows.get(key)
        if measures is None:
            measures = rows[key] = dict.fromkeys(DAILY_MEASURES, 0)
        for name, value in row.items():
            measures[name] += float_or_int(value)
    DailyFigures.objects.filter(day__gte=first, day__lte=last).delete()
    _insert(DailyFigures, DAILY_COLUMNS, (
        (dimension, key, day, hood, districts[hood], *measures.values())
        for (dimension, key, day, hood), measures in rows.items()
    ))  # fmt: skip
    return len(rows)


def _insert(model, fields: tuple[str, ...], rows) -> None:
    """Write many rows without a model instance each: COPY on PostgreSQL, executemany
    elsewhere. bulk_create spent ~40 % of a refresh preparing 60,000 instances' values."""
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(model._meta.get_field(name).column) for name in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(fields))
            insert = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608 - model names
            cursor.executemany(insert, list(rows))


def _date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def _daily_rows(first: dt.date, last: dt.date):
    start, end = aware_midnight(first), aware_midnight(last + dt.timedelta(days=1))
    for dimension in Dimension:
        keys = {"hood": hood_key, "key": DIMENSION_KEYS[dimension]}
        for rows in (
            fold_first_placed(needs_opened(everything, keys, start, end, by_day=True)),
            placements_made(everything, keys, start, end, by_day=True),
            hours_logged(everything, keys, first, last, by_day=True),
        ):
            for row in rows:
                yield dimension, row
        if dimension in VOLUNTEER_KEYS:
            group = {"hood": F("postcode__neighbourhood_id"), "day": TruncDate("created_at")}
            for row in new_volunteers(all_volunteers(), dimension, start, end, group=group):
                yield dimension, row


def summary_refresh_all(*, today: dt.date | None = None) -> int:
    """Every day from the first recorded one (the nightly job)."""
    today = today or timezone.localdate()
    firsts = [
        Need.objects.aggregate(m=Min("opened_at"))["m"],
        Placement.objects.aggregate(m=Min("activated_at"))["m"],
        HoursEntry.objects.aggregate(m=Min("date"))["m"],
        Volunteer.objects.aggregate(m=Min("created_at"))["m"],
    ]
    days = [local_day(value) for value in firsts if value is not None]
    return summary_refresh_daily(since=min([*days, today]), today=today, complete=True)


@transaction.atomic
def transparency_refresh(*, today: dt.date | None = None) -> dict:
    state = _state()
    state.transparency = transparency_compute(today=today or timezone.localdate())
    state.transparency_at = timezone.now()
    state.save(update_fields=["transparency", "transparency_at"])
    return state.transparency

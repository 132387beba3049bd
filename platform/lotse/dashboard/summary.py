"""Reading the summary tables for a request (models.py says what they hold)."""

import datetime as dt
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Q, Sum
from django.utils import timezone

from .filters import Filters
from .models import BUCKETS, CurrentFigures, DailyFigures, Dimension, OpenDemand, RefreshState
from .queries import DIMENSION_FILTERS, VOLUNTEER_KEYS, pair_key

CURRENT_FIELDS = ("open_needs", "open_slots", "demand_minutes", "placements_active")
FLOW_FIELDS = ("needs_opened", "slots_opened", "placements_made", "new_volunteers",
               "hours_logged")  # fmt: skip


def dimension_of(filters: Filters) -> tuple[str, int] | None:
    """The summary slice a request needs: all needs, one filter, or two combined; None for
    all three at once (computed live)."""
    return slice_for(
        {name: getattr(filters, name) for name in ("organisation", "skill", "language")}
    )


def slice_for(chosen: dict) -> tuple[str, int] | None:
    wanted = tuple(name for name, value in chosen.items() if value is not None)
    if not wanted:
        return Dimension.ALL, 0
    for dimension, names in DIMENSION_FILTERS.items():
        if set(names) == set(wanted):
            ids = [chosen[name].pk for name in names]
            return dimension, ids[0] if len(ids) == 1 else pair_key(*ids)
    return None


def usable_for(filters: Filters) -> RefreshState | None:
    """The refresh state when the summaries are fresh and cover the request, else None."""
    if dimension_of(filters) is None:
        return None
    if "refresh_state" not in filters.memo:
        filters.memo["refresh_state"] = RefreshState.objects.filter(pk=1).first()
    state = filters.memo["refresh_state"]
    if state is None or None in (state.current_at, state.daily_at, state.daily_since):
        return None
    oldest = timezone.now() - dt.timedelta(seconds=settings.LOTSE_DASHBOARD_SUMMARY_MAX_AGE_SECONDS)
    if min(state.current_at, state.daily_at) < oldest:
        return None
    if min(filters.start, filters.today.replace(day=1)) < state.daily_since:
        return None
    return state


def _slice(model, filters: Filters):
    dimension, key = dimension_of(filters)
    return model.objects.filter(dimension=dimension, key=key, district_id__in=filters.district_ids)


# Summary rows change only when a refresh job rewrites them, and each job then moves the
# refresh state's times (OpenDemand and CurrentFigures in the same transaction as current_at).
# So the rows one request reads under a state are those of every request with the same filters
# under that state: they are kept in the shared cache with the state's times in the key (a
# coordinator's dashboard, her start page and the demand API read them several times a
# minute; each current refresh, every minute, starts new keys). Their lifetime only bounds
# the memory of keys no request will build again.
ROWS_SECONDS = 15 * 60


def _kept(kind: str, filters: Filters, read) -> list:
    state = filters.memo.get("refresh_state")
    if state is None:  # not checked by usable_for: read as asked
        return list(read())
    parts = (
        kind, state.current_at, state.daily_at, state.daily_since, filters.today, filters.start,
        filters.end, filters.district_ids, filters.organisation and filters.organisation.pk,
        filters.skill and filters.skill.pk, filters.language and filters.language.pk,
    )  # fmt: skip
    key = "lotse:dashboard:rows:" + hashlib.sha256(repr(parts).encode()).hexdigest()
    rows = cache.get(key)
    if rows is None:
        rows = list(read())
        cache.set(key, rows, ROWS_SECONDS)
    return rows


def figure_rows(filters: Filters) -> list[dict]:
    """Rows {"hood", measure…} like demand.live_figure_rows, from the summaries."""
    return _kept("figures", filters, lambda: _figure_rows(filters))


def _figure_rows(filters: Filters):
    yield from _slice(CurrentFigures, filters).values(*CURRENT_FIELDS, hood=F("neighbourhood_id"))
    first = filters.today.replace(day=1)
    last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
    period = Q(day__gte=filters.start, day__lte=filters.end)
    month = Q(day__gte=first, day__lte=last)
    yield from (
        _slice(DailyFigures, filters)
        .filter(period | month)
        .values(hood=F("neighbourhood_id"))
        .annotate(
            needs_opened=Sum("needs_opened", filter=period),
            placements_made=Sum("placements_made", filter=period),
            hours_in_period=Sum("hours_logged", filter=period),
            hours_this_month=Sum("hours_logged", filter=month),
            **{name: Sum(name, filter=period) for name in BUCKETS},
        )
        .order_by()
    )


def trend_rows(filters: Filters, first: dt.date, last: dt.date):
    """Rows {"district_id", "day", flow measures…} for days first..last."""
    days = _slice(DailyFigures, filters).filter(day__gte=first, day__lte=last)
    rows = days.values("day", "district_id").annotate(**{name: Sum(name) for name in FLOW_FIELDS})
    yield from rows.order_by()
    dimension, _key = dimension_of(filters)
    if dimension not in VOLUNTEER_KEYS:
        # Volunteers belong to no operator: supply comes from the slice without it.
        dimension, key = slice_for({"skill": filters.skill, "language": filters.language})
        everyone = DailyFigures.objects.filter(
            dimension=dimension, key=key, district_id__in=filters.district_ids,
            day__gte=first, day__lte=last,
        )  # fmt: skip
        yield from (
            everyone.values("day", "district_id")
            .annotate(new_volunteers=Sum("new_volunteers"))
            .order_by()
        )


def open_demand_rows(filters: Filters) -> list[tuple]:
    """Rows (organisation, skill, language or None, neighbourhood, needs, slots, level)."""
    return _kept("open demand", filters, lambda: _open_demand_rows(filters))


def _open_demand_rows(filters: Filters):
    rows = OpenDemand.objects.filter(district_id__in=filters.district_ids)
    if filters.organisation:
        rows = rows.filter(organisation_id=filters.organisation.pk)
    if filters.skill:
        rows = rows.filter(skill_id=filters.skill.pk)
    return rows.values_list(
        "organisation_id", "skill_id", "language_id", "neighbourhood_id", "needs", "slots",
        "level",
    )  # fmt: skip

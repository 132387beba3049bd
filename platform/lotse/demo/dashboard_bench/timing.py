"""Timings of the dashboard's selectors, pages, API and exports on the benchmark data set."""

import itertools
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.utils import timezone

from lotse.accounts.models import Role, User
from lotse.dashboard.demand import district_demand
from lotse.dashboard.filters import dashboard_filters
from lotse.dashboard.refresh import summary_refresh_current, summary_refresh_daily
from lotse.dashboard.supply import supply_current, supply_forget
from lotse.dashboard.transparency import transparency_compute
from lotse.matchmaking.pool_cache import pool_version_bump
from lotse.places.models import Organisation
from lotse.volunteers.models import Volunteer


@dataclass(frozen=True)
class Timing:
    name: str
    first_ms: float
    p50_ms: float
    p95_ms: float
    max_ms: float
    runs: int

    def row(self) -> str:
        return (f"| {self.name} | {self.first_ms:,.0f} | {self.p50_ms:,.0f} | "
                f"{self.p95_ms:,.0f} | {self.max_ms:,.0f} | {self.runs} |")  # fmt: skip


HEADER = ("| what | first call ms | p50 ms | p95 ms | max ms | runs |\n"
          "|---|---|---|---|---|---|")  # fmt: skip


def timed(name: str, call: Callable[[], object], repeat: int) -> Timing:
    """One first call (cold caches), then `repeat` timed calls."""
    started = time.perf_counter()
    call()
    first = (time.perf_counter() - started) * 1000
    runs = []
    for _ in range(repeat):
        started = time.perf_counter()
        call()
        runs.append((time.perf_counter() - started) * 1000)
    runs.sort()
    p95 = runs[min(len(runs) - 1, round(0.95 * (len(runs) - 1)))]
    return Timing(name, first, statistics.median(runs), p95, runs[-1], len(runs))


def _client(user: User) -> Client:
    client = Client(HTTP_HOST="localhost")
    client.force_login(user)
    return client


def _get(client: Client, path: str) -> Callable[[], None]:
    def call() -> None:
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")

    return call


def _selector(user: User, params: dict) -> Callable[[], object]:
    return lambda: district_demand(filters=dashboard_filters(user=user, params=params))


def _supply_counted() -> None:
    supply = supply_current()
    supply.by_neighbourhood(supply.available(timezone.localdate().toordinal()))


def _supply_build() -> None:
    """A process's first count without a warm pool: the whole matching pool is built."""
    supply_forget()
    _supply_counted()


def _supply_sync(changed: int) -> Callable[[], None]:
    """Stamp `changed` volunteers as a profile edit would (one UPDATE by primary key), move
    the version stamp as its commit would, then count (the pool syncs first)."""
    ids = list(Volunteer.objects.order_by("pk").values_list("pk", flat=True)[: changed * 100])
    turns = itertools.count()

    def sync() -> None:
        supply_current()
        start = next(turns) * changed % len(ids)
        Volunteer.objects.filter(pk__in=ids[start : start + changed]).update(
            updated_at=timezone.now()
        )
        pool_version_bump()
        _supply_counted()

    return sync


def _uncached(call: Callable[[], None]) -> Callable[[], None]:
    def uncached() -> None:
        cache.clear()
        call()

    return uncached


def _transparency_job() -> None:
    transparency_compute(today=timezone.localdate())


def cases(repeat: int) -> list[tuple[str, Callable[[], object], int]]:
    coordinator = User.objects.filter(role=Role.COORDINATOR).order_by("pk").first()
    admin = User.objects.filter(role=Role.ADMIN).order_by("pk").first()
    if coordinator is None or admin is None:
        raise RuntimeError("no coordinator or administrator: build the data set first")
    co, ad, anonymous = _client(coordinator), _client(admin), Client(HTTP_HOST="localhost")
    narrow = {"skill": "interpreting", "language": "ti"}
    one = {"language": "ti"}
    operator = Organisation.objects.order_by("pk").values_list("pk", flat=True).first()
    three = {**narrow, "organisation": operator}
    pair = "/dashboard/?skill=interpreting&language=ti"
    few = max(3, repeat // 5)
    return [
        ("supply: matching pool rebuild (all volunteers)", _supply_build, few),
        ("selector district_demand, coordinator (2 districts)", _selector(coordinator, {}), repeat),
        ("selector district_demand, administrator (all)", _selector(admin, {}), repeat),
        ("selector district_demand, one filter (language)", _selector(admin, one), repeat),
        ("supply: matching pool sync (10 volunteers changed)", _supply_sync(10), repeat),
        ("selector district_demand, two filters (skill + language)", _selector(admin, narrow),
         repeat),
        ("selector district_demand, three filters (computed live)", _selector(admin, three),
         few),
        ("API GET /api/v1/districts/demand/ (administrator)",
         _get(ad, "/api/v1/districts/demand/"), repeat),
        ("page /dashboard/ (coordinator)", _get(co, "/dashboard/"), repeat),
        ("page /dashboard/ (administrator)", _get(ad, "/dashboard/"), repeat),
        ("page /dashboard/ (administrator, skill + language)", _get(ad, pair), repeat),
        ("page /dashboard/trends/ (administrator)", _get(ad, "/dashboard/trends/"), repeat),
        ("page /dashboard/stale/ (administrator)", _get(ad, "/dashboard/stale/"), repeat),
        ("page /dashboard/stale/, need lists not cached", _uncached(_get(ad, "/dashboard/stale/")),
         repeat),
        ("export neighbourhoods.xlsx (administrator)",
         _get(ad, "/dashboard/export/neighbourhoods.xlsx"), few),
        ("page /transparency/ (no login)", _get(anonymous, "/transparency/"), repeat),
        ("job: summary refresh, current state", summary_refresh_current, 2),
        ("job: summary refresh, recent days", summary_refresh_daily, 1),
        ("job: transparency report", _transparency_job, 1),
    ]  # fmt: skip


def table_sizes() -> dict[str, int]:
    """Row counts of the tables the dashboard reads (PostgreSQL: the planner's estimate)."""
    tables = ["needs_need", "needs_needlanguage", "placements_placement",
              "placements_hoursentry", "volunteers_volunteer"]  # fmt: skip
    with connection.cursor() as cursor:
        sizes = {}
        for table in tables:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
            sizes[table] = cursor.fetchone()[0]
    return sizes


SUGGESTED_INDEXES = {
    # name: (table, columns) — indexes on other apps' models that the dashboard would use.
    "dash_need_opened_at": ("needs_need", "opened_at"),
    "dash_need_status_hood": ("needs_need", "status, neighbourhood_id"),
    "dash_placement_approved": ("placements_placement", "need_id, approved_at"),
    "dash_placement_activated": ("placements_placement", "activated_at"),
    "dash_hours_date": ("placements_hoursentry", "date"),
    "dash_volunteer_created": ("volunteers_volunteer", "created_at"),
}


def create_suggested_indexes() -> list[str]:
    """Create the suggested indexes in THIS database (PostgreSQL), for a comparison run."""
    made = []
    with connection.cursor() as cursor:
        for name, (table, columns) in SUGGESTED_INDEXES.items():
            cursor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")
            made.append(f"{table}({columns})")
        for table, _ in {t: 0 for t, _c in SUGGESTED_INDEXES.values()}.items():
            cursor.execute(f"ANALYZE {table}")
    return made


def drop_suggested_indexes() -> None:
    with connection.cursor() as cursor:
        for name in SUGGESTED_INDEXES:
            cursor.execute(f"DROP INDEX IF EXISTS {name}")

"""python manage.py bench_dashboard: build the big data set (once) and time the dashboard."""

import logging
import os
import platform as python_platform

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from lotse.dashboard.refresh import summary_refresh_current, summary_refresh_daily
from lotse.demo.dashboard_bench.data import BenchSize, bench_data_present, build_bench_data
from lotse.demo.dashboard_bench.timing import (
    HEADER,
    cases,
    create_suggested_indexes,
    drop_suggested_indexes,
    table_sizes,
    timed,
)
from lotse.ops.progress import Progress


def _load() -> str:
    """The machine's load: timings on a shared machine mean little without it."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


class Command(BaseCommand):
    help = (
        "Build the dashboard benchmark data set into an EMPTY database (skipped when it is "
        "there) and print p50/p95 timings of the dashboard selectors, pages, API and exports. "
        "Never on real data: the generated accounts share a published password."
    )

    def add_arguments(self, parser):
        size = BenchSize()
        parser.add_argument("--volunteers", type=int, default=size.volunteers)
        parser.add_argument("--needs", type=int, default=size.needs, help="open and past")
        parser.add_argument("--open-needs", type=int, default=size.open_needs)
        parser.add_argument("--placements", type=int, default=size.placements)
        parser.add_argument("--organisations", type=int, default=size.organisations)
        parser.add_argument(
            "--facilities", type=int, default=size.facilities_per_organisation,
            help="per organisation",
        )  # fmt: skip
        parser.add_argument("--seed", type=int, default=20261125)
        parser.add_argument("--repeat", type=int, default=30, help="timed calls per case")
        parser.add_argument("--build-only", action="store_true")
        parser.add_argument(
            "--compare-indexes",
            action="store_true",
            help="PostgreSQL: time without, then with the indexes docs/performance.md suggests",
        )

    def handle(self, *args, **opts):
        if not bench_data_present():
            self._build(opts)
        if opts["build_only"]:
            return
        self.stdout.write(self._environment())
        if opts["compare_indexes"]:
            if connection.vendor != "postgresql":
                raise CommandError("--compare-indexes needs PostgreSQL")
            drop_suggested_indexes()
            self._time("existing indexes only", opts["repeat"])
            made = create_suggested_indexes()
            self._time("with the suggested indexes: " + ", ".join(made), opts["repeat"])
        else:
            self._time("as the database is", opts["repeat"])

    def _build(self, opts) -> None:
        if opts["open_needs"] > opts["needs"]:
            raise CommandError("--open-needs cannot exceed --needs")
        size = BenchSize(
            volunteers=opts["volunteers"], needs=opts["needs"],
            open_needs=opts["open_needs"], placements=opts["placements"],
            organisations=opts["organisations"],
            facilities_per_organisation=opts["facilities"],
        )  # fmt: skip
        bar = lambda label, total: Progress(label, total, verbosity=opts["verbosity"])  # noqa: E731
        counts = build_bench_data(size=size, seed=opts["seed"], bar_for=bar)
        self.stdout.write("built " + ", ".join(f"{v:,} {k}" for k, v in counts.items()))

    def _environment(self) -> str:
        sizes = ", ".join(f"{table} {rows:,}" for table, rows in table_sizes().items())
        return (f"database {connection.vendor}, Python {python_platform.python_version()}\n"
                f"rows: {sizes}")  # fmt: skip

    def _time(self, title: str, repeat: int) -> None:
        # One log line per request would drown the table.
        for name in ("lotse.request", "lotse.audit", "django.request"):
            logging.getLogger(name).setLevel(logging.ERROR)
        # The pages read the summaries only while they are fresh: as the beat jobs keep them.
        summary_refresh_current()
        summary_refresh_daily()
        self.stdout.write(f"\n{title} (load average before: {_load()})\n{HEADER}")
        for name, call, runs in cases(repeat):
            self.stdout.write(timed(name, call, runs).row())
        self.stdout.write(f"(load average after: {_load()})")

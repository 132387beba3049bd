"""python manage.py dashboard_refresh [--all | --all-if-incomplete]: what the beat jobs do,
now."""

import time

from django.core.management.base import BaseCommand

from ...filters import EARLIEST
from ...models import RefreshState
from ...refresh import (
    summary_refresh_all,
    summary_refresh_current,
    summary_refresh_daily,
    transparency_refresh,
)


class Command(BaseCommand):
    help = "Refresh the dashboard's summary tables and the public transparency report."

    def add_arguments(self, parser):
        every = parser.add_mutually_exclusive_group()
        every.add_argument(
            "--all", action="store_true", help="every day from the first one (as at night)"
        )
        every.add_argument(
            "--all-if-incomplete", action="store_true",
            help="every day if the summaries were never filled from the first day (a new "
            "installation, a restored or imported database), else the recent days",
        )  # fmt: skip

    def handle(self, *args, **opts):
        if opts["all_if_incomplete"]:
            state = RefreshState.objects.filter(pk=1).first()
            opts["all"] = state is None or state.daily_since != EARLIEST
        steps = [
            ("current state", summary_refresh_current),
            ("daily figures, all days" if opts["all"] else "daily figures, recent days",
             summary_refresh_all if opts["all"] else summary_refresh_daily),
            ("transparency report", lambda: len(transparency_refresh()["areas"])),
        ]  # fmt: skip
        for label, step in steps:
            started = time.perf_counter()
            rows = step()
            self.stdout.write(f"{label}: {rows:,} rows in {time.perf_counter() - started:.1f} s")

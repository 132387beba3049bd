"""python manage.py dashboard_refresh [--all]: what the beat jobs do, now."""

import time

from django.core.management.base import BaseCommand

from ...refresh import (
    summary_refresh_all,
    summary_refresh_current,
    summary_refresh_daily,
    transparency_refresh,
)


class Command(BaseCommand):
    help = "Refresh the dashboard's summary tables and the public transparency report."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all", action="store_true", help="every day from the first one (as at night)"
        )

    def handle(self, *args, **opts):
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

"""python manage.py bench_login: time password hashing and whole logins (docs/performance.md)."""

import os
import platform as python_platform

from django.conf import settings
from django.core.management.base import BaseCommand

from lotse.demo.login_bench import HEADER, hasher_timings, login_timings


class Command(BaseCommand):
    help = (
        "Print p50/p95 wall and CPU times of the password hash alone (the configured hasher, "
        "Django's Argon2 defaults, OWASP's minimum, PBKDF2) and of logins through the login form "
        "with a throwaway account that is rolled back."
    )

    def add_arguments(self, parser):
        parser.add_argument("--repeat", type=int, default=20, help="timed calls per case")

    def handle(self, *args, **opts):
        load = " ".join(f"{x:.2f}" for x in os.getloadavg())
        self.stdout.write(
            f"Python {python_platform.python_version()}, {os.cpu_count()} CPUs, load {load}, "
            f"session engine {settings.SESSION_ENGINE}, {opts['repeat']} calls per case"
        )
        self.stdout.write(HEADER)
        for timing in hasher_timings(opts["repeat"]):
            self.stdout.write(timing.row())
        logins = login_timings(opts["repeat"])
        for timing in logins:
            self.stdout.write(timing.row())
        cpu = logins[1].cpu_p50 / 1000
        self.stdout.write(
            f"A login costs {cpu * 1000:.0f} ms CPU: at most {2 / cpu:.0f} logins/s "
            "on a 2-core web node doing nothing else."
        )

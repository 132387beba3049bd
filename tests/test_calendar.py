"""The date-sensitive tests pass on the days date arithmetic goes wrong, not only today: each
module that touches the calendar runs again with the clock moved (tests/clock.py, LOTSE_TEST_NOW).
Runs in the SQLite pass; two dates at a time in separate processes."""

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest

from .clock import HARD_DATES, date_sensitive_files

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _run_at(moment) -> tuple[str, int, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("DATABASE_URL", "CELERY_BROKER_URL", "LOTSE_REQUIRE_SERVICES")
    }
    env["LOTSE_TEST_NOW"] = moment.isoformat()
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "--no-header",
               "-o", "addopts=-p no:locust", *date_sensitive_files()]  # fmt: skip
    done = subprocess.run(  # noqa: S603 - our own interpreter and test files
        command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900, check=False
    )
    return moment.isoformat(), done.returncode, done.stdout[-3000:]


@pytest.mark.skipif(
    bool(os.environ.get("LOTSE_TEST_NOW")), reason="already running at a moved date"
)
@pytest.mark.skipif(
    os.environ.get("DATABASE_URL", "sqlite").split(":")[0] not in ("sqlite", ""),
    reason="runs in the SQLite pass (the moved runs use SQLite whatever the outer run uses)",
)
def test_the_date_sensitive_tests_pass_on_every_hard_date():
    assert len(date_sensitive_files()) > 30  # the finder still finds them
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(_run_at, HARD_DATES.values()))
    failed = [f"{moment} (exit {code}):\n{tail}" for moment, code, tail in results if code != 0]
    assert not failed, "\n\n".join(failed)

"""A controlled clock for tests whose meaning depends on the date.

`clock` (a fixture in tests/conftest.py) pins "now" to `PINNED`, a plain Wednesday in the middle of
a month, for the test that asks for it or for every test of a suite whose conftest makes it autouse.
`LOTSE_TEST_NOW` moves the whole run to another instant (the clock keeps ticking from there):
tests/test_calendar.py runs every date-sensitive test module at each of `HARD_DATES` with it.
"""

import datetime as dt
import os
import re
from pathlib import Path
from zoneinfo import ZoneInfo

BERLIN = ZoneInfo("Europe/Berlin")

PINNED = dt.datetime(2026, 11, 18, 10, 30, tzinfo=BERLIN)

# The days on which date arithmetic goes wrong: month and year ends, a leap day, and the nights
# on which Berlin's clocks change (the hour after the change, and the repeated hour).
HARD_DATES = {
    "first-of-month": dt.datetime(2027, 3, 1, 0, 20, tzinfo=BERLIN),
    "last-of-month": dt.datetime(2027, 4, 30, 23, 40, tzinfo=BERLIN),
    "leap-day": dt.datetime(2028, 2, 29, 12, 0, tzinfo=BERLIN),
    "summer-time-starts": dt.datetime(2027, 3, 28, 3, 10, tzinfo=BERLIN),
    "summer-time-ends": dt.datetime(2027, 10, 31, 2, 30, tzinfo=BERLIN, fold=1),
    "new-year": dt.datetime(2026, 12, 31, 23, 50, tzinfo=BERLIN),
}

# A test file whose meaning may depend on the date: it does date arithmetic or asks for "now".
DATE_WORDS = re.compile(
    r"localdate|localtime|timezone\.now|date\.today|datetime\.now|days_ago|timedelta|relativedelta"
    r"|isocalendar|strftime|\bclock\b"
)
# A module whose date words are only throttle clocks or relative instants says so, with its
# reason, in a line `DATE_INDEPENDENT = "…"`; the calendar rerun then leaves it out.
DATE_INDEPENDENT = re.compile(r"^DATE_INDEPENDENT = ", re.MULTILINE)
TESTS = Path(__file__).resolve().parent


def date_sensitive_files() -> list[str]:
    """Every test module (browser tests aside) that touches the calendar, found anew each run so
    a new date-sensitive test is covered without being listed."""
    return sorted(
        str(path.relative_to(TESTS.parent))
        for path in TESTS.rglob("test_*.py")
        if "browser" not in path.parts and path.name != "test_calendar.py"
        and DATE_WORDS.search(text := path.read_text(encoding="utf-8"))
        and not DATE_INDEPENDENT.search(text)
    )


def run_start() -> dt.datetime | None:
    """The instant LOTSE_TEST_NOW names (ISO 8601, Berlin time when no offset), or None."""
    value = os.environ.get("LOTSE_TEST_NOW")
    if not value:
        return None
    when = dt.datetime.fromisoformat(value)
    return when if when.tzinfo else when.replace(tzinfo=BERLIN)

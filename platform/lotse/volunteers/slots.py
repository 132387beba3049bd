"""The availability form's rows (day, from, until) to and from the contract's text.

The rows are checked here with messages a volunteer understands; the result is written in
the canonical spelling of `matching.timeslots`, which checks it once more.
"""

import re
from collections.abc import Sequence
from itertools import combinations

from django.utils.translation import gettext_lazy as _

from matching.errors import ParseError
from matching.timeslots import DAYS, format_availability, on_grid, parse_availability

from .services import NO_AVAILABILITY

ROWS = 7
MAX_ROWS = 40
DAY_CHOICES = [
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
    ("sun", _("Sunday")),
]
ROW_INCOMPLETE = _("Give the day, the start and the end of this time slot.")
NOT_A_TIME = _("Write the times as HH:MM, e.g. 17:30.")
NOT_ON_GRID = _("Times go in steps of 15 minutes (:00, :15, :30, :45).")
END_NOT_AFTER_START = _("The end must be after the start.")
OVERLAPS = _("This time slot overlaps another one on the same day.")
_TIME = re.compile(r"^([01]?\d|2[0-4])[:.]([0-5]\d)(?::00)?$")


class RowErrors(Exception):
    """Messages per row number (None: the form as a whole)."""

    def __init__(self, errors: dict[int | None, str]):
        super().__init__(errors)
        self.errors = errors


def minute_of(text: str) -> int | None:
    """Minutes since midnight of "HH:MM" (also "H.MM"); None if it is not a time of day."""
    match = _TIME.match((text or "").strip())
    if not match:
        return None
    minute = int(match[1]) * 60 + int(match[2])
    return minute if minute <= 24 * 60 else None


def _row_error(day: str, start: int | None, end: int | None):
    if day not in DAYS:
        return ROW_INCOMPLETE
    if start is None or end is None or start == 24 * 60:
        return NOT_A_TIME
    if not (on_grid(start) and on_grid(end)):
        return NOT_ON_GRID
    if end <= start:
        return END_NOT_AFTER_START
    return None


def compose(rows: Sequence[tuple[str, str, str]]) -> str:
    """Rows of (day, start, end) as availability text; empty rows are skipped."""
    errors: dict[int | None, str] = {}
    slots: list[tuple[int, str, int, int]] = []
    for n, (day, start_text, end_text) in enumerate(rows):
        if not (day or start_text or end_text):
            continue
        if not (day and start_text and end_text):
            errors[n] = ROW_INCOMPLETE
            continue
        start, end = minute_of(start_text), minute_of(end_text)
        error = _row_error(day, start, end)
        if error:
            errors[n] = error
        else:
            slots.append((n, day, start, end))
    for first, second in combinations(slots, 2):
        if first[1] == second[1] and first[2] < second[3] and second[2] < first[3]:
            errors.setdefault(second[0], OVERLAPS)
    if not errors and not slots:
        errors[None] = NO_AVAILABILITY
    if errors:
        raise RowErrors(errors)
    text = "; ".join(f"{day} {_clock(start)}-{_clock(end)}" for _, day, start, end in slots)
    return format_availability(parse_availability(text))


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def row_count(values) -> int:
    """Enough rows for every slot given, one empty row to add to, and at least ROWS."""
    used = [int(m[1]) for key in values if (m := re.search(r"slot_(\d+)_day$", key))]
    return min(max(ROWS, max(used, default=0) + 2), MAX_ROWS)


def initial_rows(availability: str) -> dict[str, str]:
    """Form initial values for a saved availability (unreadable text gives empty rows)."""
    try:
        parsed = parse_availability(availability or "")
    except ParseError:
        return {}
    initial = {}
    for n, slot in enumerate(parsed.slots[:MAX_ROWS]):
        initial[f"slot_{n}_day"] = slot.day_name
        initial[f"slot_{n}_start"] = _clock(slot.start_minute)
        initial[f"slot_{n}_end"] = _clock(slot.end_minute)
    return initial

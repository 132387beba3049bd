"""Words, not codes: how the engine's keys, schedules and weekly hours read to a person, in the
active language. Pages, e-mails and exports that show them to people call these; the codes stay
in the API and the spreadsheets (contracts.md).

“dienstags 17–19 Uhr, ab 5. Januar 2027” instead of `weekly tue 17:00-19:00 from 2027-01-05`;
“Entfernung” instead of `distance`. Text that does not parse is shown as it is (old rows).
"""

import datetime as dt
import functools

from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import get_language, get_language_bidi, gettext, pgettext
from django.utils.translation import gettext_lazy as _

from matching.errors import ParseError
from matching.timeslots import parse_availability, parse_schedule

WEEKDAYS = (
    _("Mondays"), _("Tuesdays"), _("Wednesdays"), _("Thursdays"), _("Fridays"), _("Saturdays"),
    _("Sundays"),
)  # fmt: skip

# The engine's score components (matching.COMPONENTS) as a social worker says them.
COMPONENT_LABELS = {
    "distance": _("Distance"),
    "skills": _("Tasks"),
    "languages": _("Languages"),
    "availability": _("Times"),
    "workload": _("Workload"),
    "continuity": _("Knows the facility"),
}


def component_label(name: str) -> str:
    """The label of a score component; an unknown key (a newer engine) reads as itself."""
    return str(COMPONENT_LABELS.get(name, name))


def choice_labels(choices) -> list[tuple[str, str]]:
    """Choices as a list shows them: each label begins with a capital, so an option reads
    “Distance”, not like the code `distance` (the lower-case labels are for mid-sentence use)."""
    return [(value, capfirst(label)) for value, label in choices]


def clock_time(minute: int) -> str:
    """A time of day from minutes after midnight: “17” or “17:30” in German, “17:00” in English."""
    hour, rest = divmod(minute, 60)
    if rest == 0:
        return pgettext("time of day on the full hour", "%(hour)s:00") % {"hour": hour}
    return pgettext("time of day", "%(hour)s:%(minute)s") % {"hour": hour, "minute": f"{rest:02d}"}


def time_range(start_minute: int, end_minute: int) -> str:
    """“17–19 Uhr”, “17:00–19:00”."""
    start, end = clock_time(start_minute), clock_time(end_minute)
    text = gettext("%(start)s–%(end)s") % {"start": start, "end": end}
    # Inside Arabic or Persian text the range keeps its order (an isolate, as the engine's).
    return f"\u2066{text}\u2069" if get_language_bidi() else text


def long_date(day: dt.date) -> str:
    """“5. Januar 2027”, “5 January 2027”."""
    return formats.date_format(day, "DATE_FORMAT")


def weekday_date(day: dt.date) -> str:
    """“Dienstag, 5. Januar 2027”, “Tuesday 5 January 2027”."""
    return formats.date_format(day, pgettext("date format with the weekday", "l j F Y"))


def schedule_words(text: str, today: dt.date | None = None) -> str:
    """A need's schedule as a sentence; a start date that has passed is left out."""
    return _schedule_words(text or "", get_language(), today or timezone.localdate())


@functools.lru_cache(maxsize=4096)
def _schedule_words(text: str, language: str | None, today: dt.date) -> str:
    """Kept per process by what the words depend on: a page lists twenty needs, and each
    sentence costs ~0.15 ms of date formatting and catalogue look-ups (docs/performance.md)."""
    try:
        parsed = parse_schedule(text or "")
    except ParseError:
        return text
    times = time_range(parsed.start_minute, parsed.end_minute)
    if parsed.is_one_off:
        return gettext("%(date)s, %(times)s") % {"date": weekday_date(parsed.date), "times": times}
    params = {"day": WEEKDAYS[parsed.day], "times": times}
    if parsed.valid_from > today:
        params["from"] = long_date(parsed.valid_from)
    if parsed.valid_until is not None:
        params["until"] = long_date(parsed.valid_until)
    if "from" in params and "until" in params:
        return gettext("%(day)s %(times)s, from %(from)s until %(until)s") % params
    if "from" in params:
        return gettext("%(day)s %(times)s, from %(from)s") % params
    if "until" in params:
        return gettext("%(day)s %(times)s, until %(until)s") % params
    return gettext("%(day)s %(times)s") % params


def weekly_hours_words(text: str) -> str:
    """Weekly hours (availability, consultation hours) by day: “montags 9–12 Uhr, 14–16 Uhr;
    donnerstags 9–12 Uhr”."""
    try:
        parsed = parse_availability(text or "")
    except ParseError:
        return text
    by_day: dict[int, list[str]] = {}
    for slot in parsed.slots:
        by_day.setdefault(slot.day, []).append(time_range(slot.start_minute, slot.end_minute))
    return "; ".join(
        gettext("%(day)s %(times)s") % {"day": WEEKDAYS[day], "times": ", ".join(ranges)}
        for day, ranges in by_day.items()
    )

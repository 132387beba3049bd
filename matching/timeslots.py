"""Weekly availability (`mon 17:00-20:00; sat 10:00-14:00`) and need schedules.

A need's schedule is one-off (`2026-12-03 09:00-12:00`) or weekly
(`weekly tue 16:00-18:00 from 2026-12-01 until 2027-03-31`; `until` may be left out for an
open-ended need). Times are on a 15-minute grid; `24:00` may end a slot. Times are local, naive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import numpy as np

from matching.bits import QUARTER, WORDS, day_runs, week_bits, words_to_int
from matching.errors import ParseError

DAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_MINUTES = 24 * 60
_TIME = re.compile(r"([0-9]{1,2}):([0-9]{2})", re.ASCII)
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", re.ASCII)
_DASH = re.compile(r"\s*-\s*")
SCHEDULE_EXAMPLES = (
    "'2026-12-03 09:00-12:00' or 'weekly tue 16:00-18:00 from 2026-12-01 until 2027-03-31'"
)


@dataclass(frozen=True, order=True)
class Slot:
    day: int
    start_minute: int
    end_minute: int

    def __post_init__(self) -> None:
        _check_span(self.day, self.start_minute, self.end_minute, where=repr(self))

    @property
    def day_name(self) -> str:
        return DAYS[self.day]

    @property
    def hours(self) -> float:
        return (self.end_minute - self.start_minute) / 60

    def overlaps(self, other: Slot) -> bool:
        if self.day != other.day:
            return False
        return self.start_minute < other.end_minute and other.start_minute < self.end_minute


@dataclass(frozen=True)
class WeeklyAvailability:
    """The hours a volunteer is free every week: non-overlapping slots sorted by day and time."""

    slots: tuple[Slot, ...] = ()

    def __post_init__(self) -> None:
        ordered = tuple(sorted(self.slots))
        for earlier, later in zip(ordered, ordered[1:], strict=False):
            if earlier.overlaps(later):
                raise ParseError(f"{_format_slot(earlier)!r} overlaps {_format_slot(later)!r}")
        object.__setattr__(self, "slots", ordered)

    def __iter__(self):
        return iter(self.slots)

    def __len__(self) -> int:
        return len(self.slots)

    @property
    def hours_per_week(self) -> float:
        return sum(slot.hours for slot in self.slots)

    def to_bits(self) -> np.ndarray:
        return week_bits([(s.day, s.start_minute, s.end_minute) for s in self.slots])


class PackedAvailability:
    """A weekly availability kept as its week bits (stored precomputed), so that building a
    pool of 100,000 volunteers parses no text; unpacked into slots only when asked."""

    __slots__ = ("_words",)

    def __init__(self, words: np.ndarray) -> None:
        words = np.asarray(words, dtype=np.uint64)
        if words.shape != (WORDS,):
            raise ParseError(f"week bits must be {WORDS} 64-bit words, not {words.shape}")
        self._words = words

    @classmethod
    def from_bytes(cls, data: bytes) -> PackedAvailability:
        """From the stored form: WORDS little-endian unsigned 64-bit words."""
        return cls(np.frombuffer(bytes(data), dtype="<u8").astype(np.uint64))

    def to_bits(self) -> np.ndarray:
        return self._words

    def unpacked(self) -> WeeklyAvailability:
        week = words_to_int(self._words)
        return WeeklyAvailability(tuple(
            Slot(day, start, end) for day in range(len(DAYS)) for start, end in day_runs(week, day)
        ))  # fmt: skip

    @property
    def slots(self) -> tuple[Slot, ...]:
        return self.unpacked().slots

    def __iter__(self):
        return iter(self.slots)

    def __len__(self) -> int:
        return len(self.slots)

    @property
    def hours_per_week(self) -> float:
        return self.unpacked().hours_per_week

    def __eq__(self, other) -> bool:
        if isinstance(other, PackedAvailability | WeeklyAvailability):
            return bool(np.array_equal(self.to_bits(), other.to_bits()))
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._words.tobytes())


def availability_to_bytes(availability: WeeklyAvailability) -> bytes:
    """The stored form of an availability (see PackedAvailability.from_bytes)."""
    return availability.to_bits().astype("<u8").tobytes()


def parse_availability(text: str) -> WeeklyAvailability:
    """Read `mon 17:00-20:00; sat 10:00-14:00`; an empty text means no availability given."""
    if not isinstance(text, str):
        raise ParseError(f"expected text, got {type(text).__name__}")
    items = [item.strip() for item in text.split(";") if item.strip()]
    return WeeklyAvailability(tuple(_parse_slot(item) for item in items))


def format_availability(availability: WeeklyAvailability) -> str:
    return "; ".join(_format_slot(slot) for slot in availability.slots)


def _parse_slot(item: str) -> Slot:
    tokens = _DASH.sub("-", item).split()
    if len(tokens) != 2:
        raise ParseError(f"{item!r} is not written as 'day HH:MM-HH:MM', e.g. 'mon 17:00-20:00'")
    day = _parse_day(tokens[0], item)
    start, end = _parse_time_range(tokens[1], item)
    return Slot(day, start, end)


def _format_slot(slot: Slot) -> str:
    return f"{DAYS[slot.day]} {format_minute(slot.start_minute)}-{format_minute(slot.end_minute)}"


def _parse_day(token: str, item: str) -> int:
    name = token.lower()
    if name not in DAYS:
        raise ParseError(f"unknown day {token!r} in {item!r} (use {', '.join(DAYS)})")
    return DAYS.index(name)


def _parse_time_range(token: str, item: str) -> tuple[int, int]:
    start_text, dash, end_text = token.partition("-")
    if not dash:
        raise ParseError(f"{token!r} in {item!r} is not a time range like 17:00-20:00")
    start = _parse_minute(start_text, item)
    end = _parse_minute(end_text, item)
    if start == DAY_MINUTES:
        raise ParseError(f"24:00 can only end a time range, not start it, in {item!r}")
    if end <= start:
        raise ParseError(f"end {end_text} is not after start {start_text} in {item!r}")
    return start, end


def on_grid(minute: int) -> bool:
    """Whether a time of day (minutes since midnight) is on the engine's 15-minute grid."""
    return minute % QUARTER == 0


def _parse_minute(text: str, item: str) -> int:
    match = _TIME.fullmatch(text)
    if not match:
        raise ParseError(f"{text!r} in {item!r} is not a time written as HH:MM")
    hours, minutes = int(match[1]), int(match[2])
    if minutes >= 60 or hours > 24 or (hours == 24 and minutes):
        raise ParseError(f"{text!r} in {item!r} is not a time of day")
    if not on_grid(minutes):
        raise ParseError(f"{text!r} in {item!r} is not on the 15-minute grid (:00, :15, :30, :45)")
    return hours * 60 + minutes


def format_minute(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


def _check_span(day: int, start: int, end: int, where: str) -> None:
    if not 0 <= day < len(DAYS):
        raise ParseError(f"day must be 0 (mon) to 6 (sun) in {where}")
    if not (on_grid(start) and on_grid(end)):
        raise ParseError(f"times must be on the 15-minute grid in {where}")
    if not 0 <= start < end <= DAY_MINUTES:
        raise ParseError(f"end must be after start, within one day, in {where}")


@dataclass(frozen=True)
class Schedule:
    """When a need takes place: one date, or one weekday every week between two dates."""

    kind: str  # "one_off" or "weekly"
    start_minute: int
    end_minute: int
    date: date | None = None
    day: int | None = None
    valid_from: date | None = None
    valid_until: date | None = None

    def __post_init__(self) -> None:
        if self.kind == "one_off":
            self._check_one_off()
        elif self.kind == "weekly":
            self._check_weekly()
        else:
            raise ParseError(f"schedule kind must be 'one_off' or 'weekly', not {self.kind!r}")
        _check_span(self.weekday, self.start_minute, self.end_minute, where=format_schedule(self))

    def _check_one_off(self) -> None:
        if self.date is None or self.day is not None or self.valid_from or self.valid_until:
            raise ParseError("a one-off schedule has a date and no day, from or until")

    def _check_weekly(self) -> None:
        if self.day is None or self.valid_from is None or self.date is not None:
            raise ParseError("a weekly schedule has a day and a from date, and no single date")
        if self.valid_until is not None and self.valid_until <= self.valid_from:
            raise ParseError(f"until {self.valid_until} is not after from {self.valid_from}")
        if self.last_date is not None and self.last_date < self.first_date:
            raise ParseError(
                f"there is no {DAYS[self.day]} between {self.valid_from} and {self.valid_until}"
            )

    @classmethod
    def one_off(cls, on: date, start_minute: int, end_minute: int) -> Schedule:
        return cls("one_off", start_minute, end_minute, date=on)

    @classmethod
    def weekly(
        cls, day: int, start_minute: int, end_minute: int, valid_from: date, valid_until=None
    ) -> Schedule:
        return cls("weekly", start_minute, end_minute, day=day, valid_from=valid_from,
                   valid_until=valid_until)  # fmt: skip

    @property
    def is_one_off(self) -> bool:
        return self.kind == "one_off"

    @property
    def weekday(self) -> int:
        return self.date.weekday() if self.is_one_off else self.day

    @property
    def hours_per_week(self) -> float:
        """Hours in a week in which the need takes place (a one-off counts its one occurrence)."""
        return (self.end_minute - self.start_minute) / 60

    @property
    def first_date(self) -> date:
        if self.is_one_off:
            return self.date
        return self.valid_from + timedelta(days=(self.day - self.valid_from.weekday()) % 7)

    @property
    def last_date(self) -> date | None:
        """The last date it takes place on; None for an open-ended weekly need."""
        if self.is_one_off:
            return self.date
        if self.valid_until is None:
            return None
        return self.valid_until - timedelta(days=(self.valid_until.weekday() - self.day) % 7)

    @property
    def first_start(self) -> datetime:
        return _at(self.first_date, self.start_minute)

    @property
    def last_end(self) -> datetime | None:
        last = self.last_date
        return None if last is None else _at(last, self.end_minute)

    def to_bits(self) -> np.ndarray:
        return week_bits([(self.weekday, self.start_minute, self.end_minute)])

    def occurrences(self, start: date, end: date) -> list[tuple[datetime, datetime]]:
        """Start and end of every occurrence on a date from `start` to `end`, both inclusive."""
        last = self.last_date if self.last_date is not None else end
        current = self.first_date
        if current < start:
            current += timedelta(days=-((current - start).days // 7) * 7)
        found = []
        while current <= min(end, last):
            found.append((_at(current, self.start_minute), _at(current, self.end_minute)))
            current += timedelta(days=7)
        return found

    def overlaps(self, other: Schedule) -> bool:
        """True if the two ever take place at the same time."""
        if self.weekday != other.weekday:
            return False
        if not (self.start_minute < other.end_minute and other.start_minute < self.end_minute):
            return False
        # Both repeat every 7 days on the same weekday, so they share a date exactly when
        # their first-to-last date ranges intersect.
        latest_first = max(self.first_date, other.first_date)
        lasts = [d for d in (self.last_date, other.last_date) if d is not None]
        return not lasts or latest_first <= min(lasts)

    def is_in_past(self, now: datetime | date) -> bool:
        if not isinstance(now, datetime):
            now = datetime.combine(now, time())
        last_end = self.last_end
        return last_end is not None and last_end <= now


def _at(day: date, minute: int) -> datetime:
    return datetime.combine(day, time()) + timedelta(minutes=minute)


def parse_schedule(text: str) -> Schedule:
    """Read a one-off or weekly need schedule; ParseError names what is wrong."""
    if not isinstance(text, str):
        raise ParseError(f"expected text, got {type(text).__name__}")
    tokens = _DASH.sub("-", text.strip()).split()
    if not tokens:
        raise ParseError(f"the schedule is empty; write {SCHEDULE_EXAMPLES}")
    if tokens[0].lower() == "weekly":
        return _parse_weekly(tokens, text)
    if len(tokens) != 2 or not _DATE.fullmatch(tokens[0]):
        raise ParseError(f"{text.strip()!r} is not a schedule; write {SCHEDULE_EXAMPLES}")
    start, end = _parse_time_range(tokens[1], text.strip())
    return Schedule.one_off(_parse_date(tokens[0], text.strip()), start, end)


def _parse_weekly(tokens: list[str], text: str) -> Schedule:
    item = text.strip()
    words = [token.lower() for token in tokens]
    shape_ok = len(tokens) in (5, 7) and words[3] == "from"
    if not shape_ok or (len(tokens) == 7 and words[5] != "until"):
        raise ParseError(
            f"{item!r} is not a weekly schedule; write "
            "'weekly tue 16:00-18:00 from 2026-12-01 until 2027-03-31' ('until …' is optional)"
        )
    day = _parse_day(tokens[1], item)
    start, end = _parse_time_range(tokens[2], item)
    valid_from = _parse_date(tokens[4], item)
    valid_until = _parse_date(tokens[6], item) if len(tokens) == 7 else None
    return Schedule.weekly(day, start, end, valid_from, valid_until)


def _parse_date(token: str, item: str) -> date:
    if not _DATE.fullmatch(token):
        raise ParseError(f"{token!r} in {item!r} is not a date written as YYYY-MM-DD")
    try:
        return date.fromisoformat(token)
    except ValueError:
        raise ParseError(f"{token!r} in {item!r} is not a valid date") from None


def format_schedule(schedule: Schedule) -> str:
    times = f"{format_minute(schedule.start_minute)}-{format_minute(schedule.end_minute)}"
    if schedule.is_one_off:
        return f"{schedule.date.isoformat()} {times}"
    text = f"weekly {DAYS[schedule.day]} {times} from {schedule.valid_from.isoformat()}"
    if schedule.valid_until is not None:
        text += f" until {schedule.valid_until.isoformat()}"
    return text

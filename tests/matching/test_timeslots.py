import contextlib
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import (
    ParseError,
    Schedule,
    WeeklyAvailability,
    format_availability,
    format_schedule,
    parse_availability,
    parse_schedule,
)
from matching.bits import WORDS, popcount
from matching.timeslots import Slot, on_grid


def test_it_reads_a_weekly_availability():
    availability = parse_availability("mon 17:00-20:00; sat 10:00-14:00")
    assert availability.slots == (Slot(0, 1020, 1200), Slot(5, 600, 840))


def test_it_allows_24_00_as_the_end_of_a_slot():
    assert parse_availability("sun 20:00-24:00").hours_per_week == 4


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("mon 20:00-17:00", "end 17:00 is not after start 20:00"),
        ("mon 17:10-20:00", "'17:10' in 'mon 17:10-20:00' is not on the 15-minute grid"),
        ("monday 17:00-20:00", "unknown day 'monday'"),
        ("mon 17-20", "not a time written as HH:MM"),
        ("mon", "is not written as 'day HH:MM-HH:MM'"),
        ("mon 17:00-20:00; mon 19:00-21:00", "'mon 17:00-20:00' overlaps 'mon 19:00-21:00'"),
        ("mon 24:00-24:00", "24:00 can only end"),
    ],
)
def test_it_names_what_is_wrong_in_an_availability(text, message):
    with pytest.raises(ParseError, match=message):
        parse_availability(text)


def test_it_sets_one_bit_per_quarter_hour_in_eleven_words():
    bits = parse_availability("mon 17:00-20:00; sat 10:00-14:00").to_bits()
    assert bits.shape == (WORDS,) and bits.dtype.name == "uint64"
    assert int(popcount(bits).sum()) == (3 + 4) * 4


def test_it_reads_a_one_off_schedule():
    schedule = parse_schedule("2026-12-03 09:00-12:00")
    assert (schedule.kind, schedule.date, schedule.weekday) == ("one_off", date(2026, 12, 3), 3)
    assert schedule.first_start == datetime(2026, 12, 3, 9) == schedule.last_end.replace(hour=9)


def test_it_reads_a_weekly_schedule():
    schedule = parse_schedule("weekly tue 16:00-18:00 from 2026-12-01 until 2027-03-31")
    assert schedule.first_start == datetime(2026, 12, 1, 16)
    assert schedule.last_end == datetime(2027, 3, 30, 18)
    assert schedule.hours_per_week == 2


def test_it_lists_the_occurrences_between_two_dates():
    schedule = parse_schedule("weekly tue 16:00-18:00 from 2026-12-01 until 2027-03-31")
    occurrences = schedule.occurrences(date(2026, 12, 5), date(2026, 12, 31))
    assert [start.day for start, _ in occurrences] == [8, 15, 22, 29]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "the schedule is empty"),
        ("weekly tue 16:00-18:00", "is not a weekly schedule"),
        ("weekly tue 16:00-18:00 from 2027-01-01 until 2026-12-01", "until 2026-12-01 is not"),
        ("2026-02-30 09:00-12:00", "'2026-02-30' .* is not a valid date"),
        ("tomorrow 09:00-12:00", "is not a schedule"),
        ("weekly tue 16:00-18:00 from 2026-12-02 until 2026-12-07", "there is no tue between"),
    ],
)
def test_it_names_what_is_wrong_in_a_schedule(text, message):
    with pytest.raises(ParseError, match=message):
        parse_schedule(text)


def test_it_sees_a_one_off_overlap_on_the_same_date_only():
    morning = parse_schedule("2026-12-03 09:00-12:00")
    assert morning.overlaps(parse_schedule("2026-12-03 11:00-13:00"))
    assert not morning.overlaps(parse_schedule("2026-12-03 12:00-13:00"))
    assert not morning.overlaps(parse_schedule("2026-12-10 09:00-12:00"))


def test_it_sees_weekly_overlaps_only_when_the_date_ranges_meet():
    winter = parse_schedule("weekly tue 16:00-18:00 from 2026-12-01 until 2027-03-31")
    assert winter.overlaps(parse_schedule("weekly tue 17:00-19:00 from 2027-03-01"))
    assert not winter.overlaps(parse_schedule("weekly tue 17:00-19:00 from 2027-04-01"))
    assert not winter.overlaps(parse_schedule("weekly wed 16:00-18:00 from 2026-12-01"))


def test_it_sees_a_one_off_inside_a_weekly_schedule():
    winter = parse_schedule("weekly tue 16:00-18:00 from 2026-12-01 until 2027-03-31")
    assert winter.overlaps(parse_schedule("2026-12-08 17:00-19:00"))
    assert not winter.overlaps(parse_schedule("2027-04-06 17:00-19:00"))


def test_it_knows_when_a_schedule_is_over():
    schedule = parse_schedule("2026-12-03 09:00-12:00")
    assert schedule.is_in_past(datetime(2026, 12, 3, 12))
    assert not schedule.is_in_past(date(2026, 12, 3))
    assert not parse_schedule("weekly tue 16:00-18:00 from 2026-12-01").is_in_past(date(2099, 1, 1))


slots = st.builds(
    lambda day, start, length: (day, start * 15, min(start + length, 96) * 15),
    st.integers(0, 6), st.integers(0, 95), st.integers(1, 40),
)  # fmt: skip


@st.composite
def availabilities(draw):
    chosen: list[Slot] = []
    for day, start, end in draw(st.lists(slots, max_size=8)):
        slot = Slot(day, start, end)
        if not any(slot.overlaps(other) for other in chosen):
            chosen.append(slot)
    return WeeklyAvailability(tuple(chosen))


@given(availabilities())
def test_it_round_trips_any_availability(availability):
    assert parse_availability(format_availability(availability)) == availability


schedules = st.one_of(
    st.builds(lambda d, s: Schedule.one_off(d, s[1], s[2]), st.dates(), slots),
    st.builds(
        lambda s, start, days, open_ended: Schedule.weekly(
            s[0], s[1], s[2], start, None if open_ended else date.fromordinal(
                min(start.toordinal() + days, date.max.toordinal()))),
        slots, st.dates(max_value=date(9000, 1, 1)), st.integers(7, 4000), st.booleans(),
    ),
)  # fmt: skip


@given(schedules)
def test_it_round_trips_any_schedule(schedule):
    assert parse_schedule(format_schedule(schedule)) == schedule


@settings(max_examples=300)
@given(st.text())
def test_it_refuses_random_availability_text_only_with_a_parse_error(text):
    with contextlib.suppress(ParseError):
        parse_availability(text)


@settings(max_examples=300)
@given(st.text() | st.from_regex(r"(weekly )?[a-z]{3} [0-9:]{4,5}-[0-9:]{4,5}( from .*)?"))
def test_it_refuses_random_schedule_text_only_with_a_parse_error(text):
    with contextlib.suppress(ParseError):
        parse_schedule(text)


def test_it_tells_a_time_on_the_15_minute_grid_from_one_off_it():
    assert [on_grid(minute) for minute in (0, 15, 17 * 60 + 45, 24 * 60)] == [True] * 4
    assert [on_grid(minute) for minute in (1, 10, 17 * 60 + 50)] == [False] * 3

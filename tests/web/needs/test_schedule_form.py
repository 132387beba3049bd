"""The need form's own parsing: schedule fields to the contract's text."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from lotse.needs.forms import compose_schedule, schedule_initial
from matching.timeslots import DAYS, parse_schedule

quarters = st.integers(min_value=0, max_value=95)
dates = st.dates(min_value=dt.date(2026, 1, 1), max_value=dt.date(2035, 12, 31))


def _clock(quarter: int) -> str:
    return f"{quarter * 15 // 60:02d}:{quarter * 15 % 60:02d}"


@given(dates, quarters, st.integers(min_value=1, max_value=96))
def test_one_off_fields_round_trip(on, start, length):
    end = min(start + length, 96)
    data = {"kind": "one_off", "on": on, "start": _clock(start), "end": _clock(end)}
    text = compose_schedule(data)
    assert parse_schedule(text).date == on
    again = schedule_initial(text)
    assert (again["on"], again["start"], again["end"]) == (on, data["start"], data["end"])


@given(st.sampled_from(DAYS), dates, st.integers(min_value=7, max_value=400))
def test_weekly_fields_round_trip(day, since, days):
    until = since + dt.timedelta(days=days)
    data = {"kind": "weekly", "day": day, "valid_from": since, "valid_until": until,
            "start": "16:00", "end": "18:00"}  # fmt: skip
    again = schedule_initial(compose_schedule(data))
    assert (again["day"], again["valid_from"], again["valid_until"]) == (day, since, until)


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"start": ""}, "start"),
        ({"end": "08:00"}, "end"),
        ({"start": "09:10"}, "start"),
        ({"on": None}, "on"),
        ({"kind": "weekly", "day": "", "valid_from": dt.date(2027, 1, 1)}, "day"),
        ({"kind": "weekly", "day": "mon", "valid_from": dt.date(2027, 1, 5),
          "valid_until": dt.date(2027, 1, 5)}, "valid_until"),
        ({"kind": "weekly", "day": "mon", "valid_from": dt.date(2027, 1, 5),
          "valid_until": dt.date(2027, 1, 7)}, "valid_until"),
    ],
)  # fmt: skip
def test_bad_fields_get_an_error_on_the_field(changes, field):
    data = {"kind": "one_off", "on": dt.date(2027, 1, 4), "start": "09:00", "end": "12:00"}
    with pytest.raises(ValidationError) as caught:
        compose_schedule(data | changes)
    assert field in caught.value.message_dict

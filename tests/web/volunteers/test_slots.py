"""The availability form's own parsing: rows of (day, from, until) to the contract's text."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lotse.volunteers import slots
from matching.timeslots import DAYS, parse_availability

quarter = st.integers(min_value=0, max_value=95).map(lambda q: q * 15)


def _clock(minute: int) -> str:
    return f"{minute // 60:02d}:{minute % 60:02d}"


@st.composite
def rows(draw):
    """Up to seven rows on distinct days, each a valid slot."""
    days = draw(st.lists(st.sampled_from(DAYS), min_size=1, max_size=7, unique=True))
    out = []
    for day in days:
        start = draw(quarter)
        end = draw(st.integers(min_value=start // 15 + 1, max_value=96)) * 15
        out.append((day, _clock(start), _clock(end)))
    return out


@given(rows())
def test_valid_rows_compose_to_text_that_reads_back_to_the_same_rows(given_rows):
    text = slots.compose(given_rows)
    initial = slots.initial_rows(text)
    again = [
        (initial[f"slot_{n}_day"], initial[f"slot_{n}_start"], initial[f"slot_{n}_end"])
        for n in range(len(given_rows))
    ]
    assert sorted(again) == sorted(given_rows)
    assert len(parse_availability(text)) == len(given_rows)


@given(st.text(max_size=8), st.text(max_size=8))
def test_any_typed_times_give_text_or_a_row_error_never_a_crash(start, end):
    try:
        slots.compose([("mon", start, end)])
    except slots.RowErrors as exc:
        assert set(exc.errors) == {0}


@pytest.mark.parametrize(
    ("row", "message"),
    [
        (("mon", "17:00", ""), slots.ROW_INCOMPLETE),
        (("mon", "20:00", "17:00"), slots.END_NOT_AFTER_START),
        (("mon", "17:10", "18:00"), slots.NOT_ON_GRID),
        (("mon", "25:00", "26:00"), slots.NOT_A_TIME),
        (("mon", "24:00", "24:00"), slots.NOT_A_TIME),
    ],
)
def test_a_bad_row_gets_its_own_message(row, message):
    with pytest.raises(slots.RowErrors) as caught:
        slots.compose([("tue", "10:00", "12:00"), row])
    assert caught.value.errors == {1: message}


def test_overlapping_rows_are_refused_on_the_later_row():
    with pytest.raises(slots.RowErrors) as caught:
        slots.compose([("mon", "17:00", "20:00"), ("mon", "19:00", "21:00")])
    assert caught.value.errors == {1: slots.OVERLAPS}


def test_no_rows_at_all_is_refused_for_the_whole_form():
    with pytest.raises(slots.RowErrors) as caught:
        slots.compose([("", "", "")])
    assert list(caught.value.errors) == [None]


def test_a_german_dot_and_24_00_as_end_are_understood():
    assert slots.compose([("sun", "20.00", "24:00")]) == "sun 20:00-24:00"

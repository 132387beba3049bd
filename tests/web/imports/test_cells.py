"""Our own cell parsing (numbers, dates, yes/no, lists) — never a crash, only CellError."""

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from lotse.imports import cells


@given(st.text(max_size=20))
def test_any_text_is_a_number_in_range_or_a_cell_error(text):
    try:
        value = cells.number(text, low=0, high=200, low_open=True)
    except cells.CellError:
        return
    assert value is None or 0 < value <= 200


@given(st.floats(min_value=0.01, max_value=200, allow_nan=False))
def test_a_number_in_range_reads_back_also_with_a_german_comma(value):
    text = repr(value).replace(".", ",")
    assert cells.number(text, low=0, high=200, low_open=True) == pytest.approx(value)


@given(st.text(max_size=12))
def test_any_text_is_a_whole_number_or_a_cell_error(text):
    try:
        value = cells.integer(text, low=1, high=50)
    except cells.CellError:
        return
    assert value is None or 1 <= value <= 50


@given(st.dates(min_value=dt.date(1900, 1, 1)))
def test_dates_read_in_iso_and_german_spelling(day):
    assert cells.date(day.isoformat()) == day
    assert cells.date(f"{day.day}.{day.month}.{day.year}") == day


@given(st.text(max_size=12))
def test_any_text_is_a_date_or_a_cell_error(text):
    try:
        value = cells.date(text)
    except cells.CellError:
        return
    assert value is None or isinstance(value, dt.date)


@pytest.mark.parametrize(
    ("text", "value"),
    [("yes", True), ("Ja", True), ("no", False), ("nein", False), ("1", True), ("0", False)],
)
def test_yes_and_no_in_both_languages(text, value):
    assert cells.yes_no(text) is value


def test_an_empty_yes_no_cell_is_none_when_optional():
    assert cells.yes_no("", required=False) is None
    with pytest.raises(cells.CellError):
        cells.yes_no("")


@given(st.lists(st.text(alphabet="abc_", min_size=1, max_size=6), max_size=5))
def test_list_cells_split_on_semicolons_and_keep_the_order(words):
    assert cells.items(" ; ".join(words)) == [w for w in words if w.strip()]

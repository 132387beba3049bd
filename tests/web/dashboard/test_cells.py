"""Table cells for people (dashboard templatetags `cell`, `table_rows`): numbers in the reader's
format, kept per process by value, kind and language."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django.template.defaultfilters import floatformat
from django.utils import translation
from django.utils.formats import date_format, number_format

from lotse.dashboard.templatetags.dashboard import cell, table_rows


def _as_django_writes_it(value):
    """What the cell wrote before it kept anything: Django's formats each time."""
    if value is None:
        return "–"
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    if isinstance(value, float):
        return floatformat(value, "-2g")
    return date_format(value, "SHORT_DATE_FORMAT")


@pytest.mark.parametrize("language", ["de", "en"])
def test_numbers_and_dates_follow_the_language_however_often_asked(language):
    values = [12345, 1, 0.5, 1.0, 2.25, None, dt.date(2027, 1, 3)]
    with translation.override(language):
        expected = [_as_django_writes_it(value) for value in values]
    assert expected[0] == {"de": "12.345", "en": "12,345"}[language]
    for other in ("de", "en", language):  # the last time from the per-process cache
        with translation.override(other):
            written = [cell(value) for value in values]
        assert (written == expected) == (other == language)


def test_a_row_escapes_what_it_shows():
    table = SimpleNamespace(
        lines=[([("<b>Kinderhaus</b>", False), (1234, True), ("a & b", False)], None)]
    )
    with translation.override("de"):
        html = table_rows(table)
    assert html == (
        '<tr><th scope="row">&lt;b&gt;Kinderhaus&lt;/b&gt;</th>'
        '<td class="num">1.234</td><td>a &amp; b</td></tr>'
    )

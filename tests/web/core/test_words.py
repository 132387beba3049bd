"""Words, not codes: schedules, weekly hours and score components as people say them."""

import datetime as dt

import pytest
from django.utils import translation

from lotse.core.words import component_label, schedule_words, weekly_hours_words
from matching import COMPONENTS

TODAY = dt.date(2026, 12, 6)


def _in(language, function, *args):
    with translation.override(language):
        return function(*args)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "dienstags 17–19 Uhr, ab 5. Januar 2027"),
        ("en", "Tuesdays 17:00–19:00, from 5 January 2027"),
    ],
)
def test_it_says_a_weekly_schedule_in_words(language, expected):
    text = "weekly tue 17:00-19:00 from 2027-01-05"
    assert _in(language, schedule_words, text, TODAY) == expected


def test_it_leaves_out_a_start_date_that_has_passed():
    text = "weekly thu 09:30-12:00 from 2026-01-08 until 2027-03-31"
    assert _in("de", schedule_words, text, TODAY) == "donnerstags 9:30–12 Uhr, bis 31. März 2027"


def test_it_names_both_ends_of_a_schedule_that_has_not_begun():
    text = "weekly sat 10:00-14:00 from 2027-01-09 until 2027-03-27"
    expected = "samstags 10–14 Uhr, vom 9. Januar 2027 bis 27. März 2027"
    assert _in("de", schedule_words, text, TODAY) == expected


def test_the_words_kept_per_process_follow_the_language_and_the_day():
    """schedule_words keeps its sentences (lru_cache): by text, language and today."""
    text = "weekly tue 17:00-19:00 from 2027-01-05"
    first = [_in(language, schedule_words, text, TODAY) for language in ("de", "en", "de")]
    assert first[0] == first[2] != first[1]
    later = _in("de", schedule_words, text, dt.date(2027, 1, 6))  # the start date has passed
    assert later == "dienstags 17–19 Uhr" != first[0]
    with translation.override("en"):
        assert schedule_words(text, TODAY) == first[1]


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("de", "Donnerstag, 3. Dezember 2026, 9–12 Uhr"),
        ("en", "Thursday 3 December 2026, 9:00–12:00"),
    ],
)
def test_it_says_a_one_off_date_with_its_weekday(language, expected):
    assert _in(language, schedule_words, "2026-12-03 09:00-12:00") == expected


def test_it_groups_weekly_hours_by_day():
    text = "mon 14:00-16:00; thu 09:00-12:00; thu 14:00-15:30"
    expected = "montags 14–16 Uhr; donnerstags 9–12 Uhr, 14–15:30 Uhr"
    assert _in("de", weekly_hours_words, text) == expected


def test_it_shows_text_that_does_not_parse_as_it_is():
    assert _in("de", weekly_hours_words, "nach Absprache") == "nach Absprache"
    assert _in("de", schedule_words, "nach Absprache") == "nach Absprache"


@pytest.mark.parametrize("language", ["de", "en"])
def test_every_engine_component_has_a_word_in_every_language(language):
    labels = [_in(language, component_label, name) for name in COMPONENTS]
    assert all(label != name for label, name in zip(labels, COMPONENTS, strict=True))
    assert len(set(labels)) == len(COMPONENTS)


def test_it_says_the_components_the_way_a_social_worker_does():
    assert [_in("de", component_label, name) for name in COMPONENTS] == [
        "Entfernung", "Tätigkeiten", "Sprachen", "Zeiten", "Auslastung", "kennt die Einrichtung",
    ]  # fmt: skip

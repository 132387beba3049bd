"""What a social worker reads next to each candidate and each excluded volunteer."""

from datetime import date

import pytest

from matching import Reason
from matching.messages import MESSAGES

from .factories import TODAY, need, rank, volunteer


def _arabic_speaker():
    return volunteer(1, km=2.1, languages="ar:native; de:fluent", availability="tue 16:00-19:00")


def test_it_explains_a_candidate_in_german():
    result = rank([_arabic_speaker()], need(preferred="ar:fluent"), lang="de")
    assert result.results[0].explanation.startswith(
        "2,1 km entfernt · spricht Arabisch (Muttersprache) · dienstags 16–19 frei · "
        "noch kein Einsatz"
    )


def test_it_explains_a_candidate_in_english():
    result = rank([_arabic_speaker()], need(preferred="ar:fluent"), lang="en")
    assert result.results[0].explanation.startswith(
        "2.1 km away · speaks Arabic (native) · free Tuesdays 16–19 · no placement yet"
    )


def test_it_keeps_reasons_structured_for_clients():
    reason = rank([_arabic_speaker()], need(preferred="ar:fluent")).results[0].reasons[1]
    assert reason == Reason("speaks", {"language": "ar", "level": 4})
    assert reason.to_dict("en") == {
        "code": "speaks", "params": {"language": "ar", "level": 4}, "text": "speaks Arabic (native)"
    }  # fmt: skip


def test_it_says_how_much_someone_already_does():
    busy = volunteer(1, hours_this_month=12.5, placements_total=1)
    explanation = rank([busy], need()).results[0].explanation
    assert "diesen Monat 12,5 h im Einsatz · 1 Einsatz bisher" in explanation


def test_it_says_when_someone_is_free_for_only_part_of_the_time():
    partly = volunteer(1, availability="tue 17:00-20:00")
    explanation = rank([partly], need(), lang="en").results[0].explanation
    assert "free Tuesdays only 17–20 (16–18 asked)" in explanation


def test_it_names_the_certificate_date_when_the_need_requires_one():
    certified = volunteer(1, certificate_valid_until=date(2029, 3, 31))
    result = rank([certified], need(requires_certificate=True))
    assert "Führungszeugnis gültig bis 31.03.2029" in result.results[0].explanation


def test_it_explains_an_exclusion_in_both_languages():
    result = rank([volunteer(1, km=7.2, radius=5)], need(), explain=True, lang="en")
    reason = result.excluded[0].reasons[0]
    assert result.excluded[0].explanation == "7.2 km away, travels at most 5 km"
    assert reason.text("de") == "7,2 km entfernt, fährt höchstens 5 km"


def test_it_explains_a_missing_language_with_the_level_needed():
    result = rank([volunteer(1)], need(required="ti:fluent"), explain=True)
    assert result.excluded[0].explanation == "spricht kein Tigrinya (nötig: fließend)"


def test_it_refuses_a_language_it_has_no_texts_for():
    with pytest.raises(ValueError, match="language must be one of de, en"):
        rank([volunteer(1)], need(), lang="fr")


def test_it_has_a_german_and_an_english_text_for_every_reason():
    assert all(set(texts) == {"de", "en"} for texts in MESSAGES.values())


def test_it_formats_dates_for_each_language():
    paused = Reason("paused", {"date": TODAY})
    assert paused.text("de") == "pausiert bis 02.11.2026"
    assert paused.text("en") == "paused until 2 Nov 2026"

import pytest

from matching import KNOWN_LANGUAGES, SKILLS, ParseError, format_languages, parse_languages
from matching.codes import LANGUAGE_NAMES, SKILL_LABELS, parse_skills


def test_it_reads_languages_with_ordered_levels():
    assert parse_languages("ar:native; de:fluent") == {"ar": 4, "de": 3}


def test_it_orders_levels_from_basic_to_native():
    levels = parse_languages("de:basic; en:conversational; fr:fluent; ar:native")
    assert [levels[code] for code in ("de", "en", "fr", "ar")] == [1, 2, 3, 4]


def test_it_refuses_an_unknown_level_and_names_it():
    with pytest.raises(ParseError, match="unknown level 'expert'"):
        parse_languages("ar:expert")


def test_it_refuses_an_item_without_level():
    with pytest.raises(ParseError, match="code:level"):
        parse_languages("ar")


def test_it_refuses_a_language_listed_twice():
    with pytest.raises(ParseError, match="listed twice"):
        parse_languages("ar:native; ar:basic")


def test_it_refuses_codes_outside_the_vocabulary_when_given_one():
    with pytest.raises(ParseError, match="unknown language code 'xx'"):
        parse_languages("xx:native", known=KNOWN_LANGUAGES)


def test_it_writes_languages_back_as_it_reads_them():
    assert format_languages(parse_languages("ar:native; de:fluent")) == "ar:native; de:fluent"


def test_it_reads_skills_and_refuses_unknown_ones():
    assert parse_skills("homework_help; childcare") == {"homework_help", "childcare"}
    with pytest.raises(ParseError, match="unknown skill 'juggling'"):
        parse_skills("juggling")


def test_it_has_german_and_english_names_for_every_known_language_and_skill():
    for table, codes in ((LANGUAGE_NAMES, KNOWN_LANGUAGES), (SKILL_LABELS, SKILLS)):
        assert all(set(table[code]) == {"de", "en"} for code in codes)

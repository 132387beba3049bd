"""The engine's texts in every language: complete translation modules, German fallback."""

import string
from datetime import date
from types import SimpleNamespace

import pytest

from matching import codes, messages, translations
from matching.messages import Reason, supported_lang

NEW_LANGUAGES = ("ar", "fa", "uk", "ru", "tr")
PRESENT = sorted(translations.MODULES)


def placeholders(text) -> set[str]:
    forms = text if isinstance(text, tuple) else (text,)
    return {name for form in forms for _, name, _, _ in string.Formatter().parse(form) if name}


@pytest.mark.parametrize("lang", PRESENT)
def test_every_translation_module_has_every_name(lang):
    module = translations.MODULES[lang]
    assert [name for name in translations.REQUIRED if not hasattr(module, name)] == []


@pytest.mark.parametrize("lang", PRESENT)
@pytest.mark.parametrize(
    ("table", "german"),
    [("MESSAGES", messages.MESSAGES), ("MESSAGES_TO_VOLUNTEER", messages.MESSAGES_TO_VOLUNTEER)],
)
def test_every_translation_has_every_reason_with_the_same_placeholders(lang, table, german):
    texts = getattr(translations.MODULES[lang], table)
    assert set(texts) == set(german)
    for code, text in texts.items():
        assert text, f"{lang} {table}[{code!r}] is empty"
        assert placeholders(text) == placeholders(german[code]["de"]), f"{lang} {code}"


@pytest.mark.parametrize("lang", PRESENT)
def test_every_translation_chooses_a_plural_form_it_has(lang):
    module = translations.MODULES[lang]
    for table in (module.MESSAGES, module.MESSAGES_TO_VOLUNTEER):
        for text in table.values():
            if isinstance(text, tuple):
                assert all(0 <= module.plural(n) < len(text) for n in range(0, 200))


@pytest.mark.parametrize("lang", PRESENT)
def test_every_translation_names_every_code(lang):
    module = translations.MODULES[lang]
    assert set(module.LANGUAGE_NAMES) == set(codes.LANGUAGE_NAMES)
    assert set(module.SKILL_LABELS) == set(codes.SKILL_LABELS)
    assert set(module.LEVEL_LABELS) == {1, 2, 3, 4}
    assert all(module.LANGUAGE_NAMES.values()) and all(module.SKILL_LABELS.values())
    assert len(module.DAY_ADVERBS) == 7 and len(module.MONTHS) == 12
    assert placeholders(module.DATE_PATTERN) <= {"day", "month", "year"}
    assert module.DECIMAL_SEPARATOR


@pytest.mark.parametrize("lang", NEW_LANGUAGES)
def test_it_explains_a_candidate_in_each_new_language(lang):
    if lang not in translations.MODULES:
        pytest.skip(f"matching/translations/{lang}.py is not written yet")
    reason = Reason("speaks", {"language": "ar", "level": 4})
    text = reason.text(lang)
    assert text not in (reason.text("de"), reason.text("en"))
    assert codes.language_name("ar", lang) in text and codes.level_label(4, lang) in text
    separator = translations.MODULES[lang].DECIMAL_SEPARATOR
    assert f"2{separator}1" in Reason("distance", {"km": 2.1}).text(lang)
    assert str(date(2027, 3, 5).year) in Reason("paused", {"date": date(2027, 3, 5)}).text(lang)


@pytest.fixture
def partial_language(monkeypatch):
    """An invented language "xx" whose translators did only a few texts (one of them wrong)."""
    module = SimpleNamespace(
        plural=lambda n: 0 if n == 1 else 1,
        MESSAGES={
            "distance": "{km} Kilometers-xx",
            "no_placement_yet": "{unknown} xx",
            "placements_so_far": ("{count} xx-one", "{count} xx-many"),
        },
        MESSAGES_TO_VOLUNTEER={},
        DAY_ADVERBS=(),
        MONTHS=tuple(f"m{n}" for n in range(1, 13)),
        DATE_PATTERN="{year}/{month}/{day}",
        DECIMAL_SEPARATOR="٫",
        LANGUAGE_NAMES={"ar": "Arabic-xx"},
        LEVEL_LABELS={},
        SKILL_LABELS={},
    )
    monkeypatch.setitem(translations.MODULES, "xx", module)
    monkeypatch.setattr(messages, "LANGS", (*messages.LANGS, "xx"))
    return "xx"


def test_it_uses_the_languages_own_decimal_separator(partial_language):
    assert Reason("distance", {"km": 2.14}).text("xx") == "2٫1 Kilometers-xx"


def test_it_writes_german_for_a_text_the_translation_lacks(partial_language):
    assert Reason("offers_skill", {"skill": "childcare"}).text("xx") == "bietet Kinderbetreuung an"


def test_it_writes_german_where_a_translation_asks_for_an_unknown_placeholder(partial_language):
    assert Reason("no_placement_yet").text("xx") == "noch kein Einsatz"


def test_it_picks_the_plural_form_by_the_languages_rule(partial_language):
    assert Reason("placements_so_far", {"count": 1}).text("xx") == "1 xx-one"
    assert Reason("placements_so_far", {"count": 3}).text("xx") == "3 xx-many"


def test_it_writes_dates_and_names_in_the_language_with_german_for_the_rest(partial_language):
    assert Reason("paused", {"date": date(2027, 3, 5)}).text("xx") == "pausiert bis 2027/m3/5"
    assert codes.language_name("ar", "xx") == "Arabic-xx"
    assert codes.language_name("tr", "xx") == "Türkisch"
    assert Reason("free_at", {"day": 0, "times": [(600, 720)]}).text("xx") == "montags 10–12 frei"


def test_it_reduces_a_page_language_to_one_it_has_texts_for():
    assert supported_lang("en-gb") == "en"
    assert supported_lang("pt-br") == "de"
    assert supported_lang(None) == "de"


def test_it_keeps_time_ranges_left_to_right_in_right_to_left_languages(monkeypatch):
    monkeypatch.setattr(messages, "LANGS", (*messages.LANGS, "fa"))
    monkeypatch.setitem(translations.MODULES, "fa", SimpleNamespace(MESSAGES={}))
    text = Reason("free_at", {"day": 1, "times": [(600, 720)]}).text("fa")
    assert "\u206610–12\u2069" in text
    assert "\u2066" not in Reason("free_at", {"day": 1, "times": [(600, 720)]}).text("de")

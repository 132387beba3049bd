"""Translations you can rely on (issue 18): complete for the languages of the people served,
and in every language with the msgid's placeholders and markup — a broken catalogue fails here,
never on a page."""

import ast
import re
from collections import Counter
from functools import cache

import pytest
from django.utils.translation.template import templatize

from tests.catalogues import (
    REPO,
    SERVED_LANGUAGES,
    STAFF_ONLY_APPS,
    catalogue_entries,
    catalogue_paths,
    language_of,
    translations,
)

NAMED = re.compile(r"%\(\w+\)[sdif]|\{\w+\}")
POSITIONAL = re.compile(r"%[sdif]")
TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
ATTRIBUTE_VALUE = re.compile(r'\b(href|src)="([^"]*)"')


def _placeholders(text: str) -> set[str]:
    return set(NAMED.findall(text))


def _markup(text: str) -> tuple[Counter, Counter]:
    return Counter(TAG.findall(text)), Counter(ATTRIBUTE_VALUE.findall(text))


def _problems(entry: dict) -> list[str]:
    sources = [entry["msgid"], *filter(None, [entry.get("msgid_plural")])]
    allowed = set().union(*map(_placeholders, sources))
    problems = []
    texts = [text for text in translations(entry) if text]
    for text in texts:
        if extra := _placeholders(text) - allowed:
            problems.append(f"unknown placeholder {sorted(extra)}")
        if len(POSITIONAL.findall(text)) != len(POSITIONAL.findall(entry["msgid"])):
            problems.append("a different number of %s placeholders")
        if _markup(text) != _markup(entry["msgid"]):
            problems.append("different HTML tags or link targets")
    if texts and (missing := allowed - set().union(*map(_placeholders, texts))):
        problems.append(f"placeholder {sorted(missing)} in no form")
    if not entry.get("msgid_plural"):  # a plural's singular may say "one" instead of %(count)s
        for text in texts:
            if missing := _placeholders(entry["msgid"]) - _placeholders(text):
                problems.append(f"placeholder {sorted(missing)} missing")
    return problems


@pytest.mark.parametrize("path", catalogue_paths(), ids=lambda p: "/".join(p.parts[-6:-2]))
def test_every_translation_keeps_the_placeholders_and_the_markup(path):
    found = [f"{entry['msgid'][:60]!r}: {problem}"
             for entry in catalogue_entries(path) for problem in _problems(entry)]  # fmt: skip
    assert not found, "\n".join(found)


SERVED = [path for language in SERVED_LANGUAGES for path in catalogue_paths(language)
          if not any(f"/{app}/" in str(path) for app in STAFF_ONLY_APPS)]  # fmt: skip


def test_every_served_language_has_every_catalogue_of_the_german_one():
    german = {str(p).replace("/de/", "/{}/") for p in catalogue_paths("de")}
    expected = {path.format(language) for path in german for language in SERVED_LANGUAGES
                if not any(f"/{app}/" in path for app in STAFF_ONLY_APPS)}  # fmt: skip
    assert sorted(expected - {str(p) for p in SERVED}) == []


@pytest.mark.parametrize("path", SERVED, ids=lambda p: "/".join(p.parts[-6:-2]))
def test_the_served_languages_translate_every_text_and_guess_none(path):
    german = {entry["msgid"] for entry in catalogue_entries(_german(path))}
    entries = {entry["msgid"]: entry for entry in catalogue_entries(path)}
    untranslated = [m for m, e in entries.items() if not all(translations(e))]
    fuzzy = [m for m, e in entries.items() if "fuzzy" in e["flags"]]
    missing = sorted(german - entries.keys())
    assert (untranslated, fuzzy, missing) == ([], [], []), language_of(path)


def _german(path):
    return type(path)(str(path).replace(f"/{language_of(path)}/", "/de/"))


GETTEXT = re.compile(r"""\bgettext\(u?('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")\)""")


def _project_template_msgids() -> set[str]:
    """The texts of base.html and the error pages: they belong to no app, so no app's catalogue
    is sure to carry them (a staff-only one did, and the error pages were German in Arabic)."""
    pages = (REPO / "platform/lotse/templates").glob("*.html")
    return {ast.literal_eval(text) for page in pages
            for text in GETTEXT.findall(templatize(page.read_text(encoding="utf-8")))}  # fmt: skip


@cache
def _translated(path) -> set[str]:
    entries = catalogue_entries(path) if path.exists() else []
    return {e["msgid"] for e in entries if all(translations(e)) and "msgctxt" not in e}


def _in_every_served_language(msgid: str) -> bool:
    """In a German catalogue of an app that is not staff-only, and in each served language's."""
    homes = {_german(path) for path in SERVED}
    return any(all(msgid in _translated(type(home)(str(home).replace("/de/", f"/{language}/")))
                   for language in ("de", *SERVED_LANGUAGES)) for home in homes)  # fmt: skip


def test_the_project_pages_find_every_text_in_the_catalogues_of_the_served_languages():
    msgids = _project_template_msgids()
    assert {"Error code: 404", "Skip to content"} <= msgids  # the extraction still finds them,
    assert [m for m in msgids if "the city's IT" in m]  # also those templatize quotes with "…"
    assert sorted(m for m in msgids if not _in_every_served_language(m)) == []


def test_the_checks_find_a_lost_placeholder_and_a_broken_link():
    entry = {"msgid": 'See <a href="%(url)s">this</a> for %(name)s.', "flags": set()}
    assert _problems(entry | {"msgstr": 'Siehe <a href="%(url)s">hier</a> für %(name)s.'}) == []
    assert _problems(entry | {"msgstr": "Siehe hier für %(name)s."}) != []
    assert _problems(entry | {"msgstr": 'Siehe <a href="%(url)s">hier</a> für %(nam)s.'}) != []

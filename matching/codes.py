"""Skill and language codes, language levels, and their labels in every language we have.

German and English labels live here; further languages come from `matching.translations`,
with the German label for a text a translation lacks.
"""

from collections.abc import Iterable

from matching import translations
from matching.errors import ParseError

LEVELS: dict[str, int] = {"basic": 1, "conversational": 2, "fluent": 3, "native": 4}
LEVEL_NAMES: dict[int, str] = {value: name for name, value in LEVELS.items()}
MAX_LEVEL = 4

KNOWN_LANGUAGES: tuple[str, ...] = (
    "de", "en", "ar", "fa", "prs", "ps", "kmr", "ckb", "ti",
    "so", "uk", "ru", "tr", "fr", "sq", "sr", "bs",
)  # fmt: skip

SKILLS: tuple[str, ...] = (
    "accompaniment", "interpreting", "german_practice", "homework_help", "childcare",
    "sports_leisure", "womens_group", "bike_repair", "housing_search", "job_search",
    "digital_help", "repair_cafe", "community_events", "move_in_help", "mentoring",
)  # fmt: skip

# Work with minors usually needs an extended certificate of conduct (§72a SGB VIII); a default
# for the need form only — the need's own `requires_certificate` is what the engine checks.
SKILLS_WITH_MINORS: frozenset[str] = frozenset(
    {"homework_help", "childcare", "sports_leisure", "mentoring"}
)

LANGUAGE_NAMES: dict[str, dict[str, str]] = {
    "de": {"de": "Deutsch", "en": "German"},
    "en": {"de": "Englisch", "en": "English"},
    "ar": {"de": "Arabisch", "en": "Arabic"},
    "fa": {"de": "Farsi", "en": "Farsi"},
    "prs": {"de": "Dari", "en": "Dari"},
    "ps": {"de": "Paschtu", "en": "Pashto"},
    "kmr": {"de": "Kurdisch (Kurmandschi)", "en": "Kurdish (Kurmanji)"},
    "ckb": {"de": "Kurdisch (Sorani)", "en": "Kurdish (Sorani)"},
    "ti": {"de": "Tigrinya", "en": "Tigrinya"},
    "so": {"de": "Somali", "en": "Somali"},
    "uk": {"de": "Ukrainisch", "en": "Ukrainian"},
    "ru": {"de": "Russisch", "en": "Russian"},
    "tr": {"de": "Türkisch", "en": "Turkish"},
    "fr": {"de": "Französisch", "en": "French"},
    "sq": {"de": "Albanisch", "en": "Albanian"},
    "sr": {"de": "Serbisch", "en": "Serbian"},
    "bs": {"de": "Bosnisch", "en": "Bosnian"},
}

LEVEL_LABELS: dict[int, dict[str, str]] = {
    1: {"de": "Grundkenntnisse", "en": "basic"},
    2: {"de": "gesprächssicher", "en": "conversational"},
    3: {"de": "fließend", "en": "fluent"},
    4: {"de": "Muttersprache", "en": "native"},
}

SKILL_LABELS: dict[str, dict[str, str]] = {
    "accompaniment": {"de": "Begleitung zu Ämtern und Ärzten",
                      "en": "accompaniment to offices and doctors"},
    "interpreting": {"de": "Sprachmittlung", "en": "interpreting"},
    "german_practice": {"de": "Deutsch üben (Sprachcafé)",
                        "en": "German practice (language café)"},
    "homework_help": {"de": "Hausaufgabenhilfe", "en": "homework help"},
    "childcare": {"de": "Kinderbetreuung", "en": "childcare"},
    "sports_leisure": {"de": "Sport und Freizeit mit Kindern und Jugendlichen",
                       "en": "sports and leisure with children and young people"},
    "womens_group": {"de": "Frauengruppe", "en": "women's group"},
    "bike_repair": {"de": "Fahrradwerkstatt", "en": "bike repair workshop"},
    "housing_search": {"de": "Hilfe bei der Wohnungssuche", "en": "help with flat search"},
    "job_search": {"de": "Bewerbungen und Lebenslauf", "en": "job applications and CVs"},
    "digital_help": {"de": "Digitale Hilfe (Handy, Online-Formulare)",
                     "en": "digital help (phones, online forms)"},
    "repair_cafe": {"de": "Nähen und Reparaturcafé", "en": "sewing and repair café"},
    "community_events": {"de": "Garten und Stadtteilfeste", "en": "garden and community events"},
    "move_in_help": {"de": "Umzugshilfe", "en": "move-in help"},
    "mentoring": {"de": "Patenschaft", "en": "mentoring (Patenschaft)"},
}  # fmt: skip


def language_name(code: str, lang: str) -> str:
    return _label(LANGUAGE_NAMES, "LANGUAGE_NAMES", code, lang) or code


def level_label(level: int, lang: str) -> str:
    return _label(LEVEL_LABELS, "LEVEL_LABELS", level, lang) or str(level)


def skill_label(slug: str, lang: str) -> str:
    return _label(SKILL_LABELS, "SKILL_LABELS", slug, lang) or slug


def own_label(kind: str, key, lang: str) -> str | None:
    """The label `lang` itself has for a skill or a language code; None where it has none."""
    table, name = {
        "skill": (SKILL_LABELS, "SKILL_LABELS"),
        "language": (LANGUAGE_NAMES, "LANGUAGE_NAMES"),
    }[kind]
    return table.get(key, {}).get(lang) or translations.lookup(lang, name, key)


def _label(table: dict, name: str, key, lang: str) -> str | None:
    """The label in `lang`: ours (de, en), then the translation module's, then German."""
    labels = table.get(key, {})
    return labels.get(lang) or translations.lookup(lang, name, key) or labels.get("de")


def parse_languages(text: str, known: Iterable[str] | None = None) -> dict[str, int]:
    """Read `ar:native; de:fluent` into {"ar": 4, "de": 3}; `known` restricts the codes."""
    allowed = frozenset(known) if known is not None else None
    levels: dict[str, int] = {}
    for item in _items(text):
        code, level = _parse_language_item(item)
        if allowed is not None and code not in allowed:
            raise ParseError(f"unknown language code {code!r} in {item!r}")
        if code in levels:
            raise ParseError(f"language {code!r} is listed twice")
        levels[code] = level
    return levels


def format_languages(levels: dict[str, int]) -> str:
    return "; ".join(f"{code}:{LEVEL_NAMES[level]}" for code, level in levels.items())


def parse_skills(text: str, known: Iterable[str] = SKILLS) -> frozenset[str]:
    """Read `homework_help; childcare` into a set of skill slugs, refusing unknown slugs."""
    allowed = frozenset(known)
    slugs: set[str] = set()
    for item in _items(text):
        slug = item.lower()
        if slug not in allowed:
            raise ParseError(f"unknown skill {item!r}")
        slugs.add(slug)
    return frozenset(slugs)


def _items(text: str) -> list[str]:
    if not isinstance(text, str):
        raise ParseError(f"expected text, got {type(text).__name__}")
    return [part.strip() for part in text.split(";") if part.strip()]


def _parse_language_item(item: str) -> tuple[str, int]:
    code, colon, level_name = item.partition(":")
    code, level_name = code.strip().lower(), level_name.strip().lower()
    if not colon or not code or not level_name:
        raise ParseError(f"{item!r} is not written as code:level, e.g. ar:native")
    if not (code.isascii() and code.isalpha() and 2 <= len(code) <= 3):
        raise ParseError(f"{code!r} in {item!r} is not an ISO 639 language code")
    if level_name not in LEVELS:
        choices = ", ".join(LEVELS)
        raise ParseError(f"unknown level {level_name!r} in {item!r} (use one of {choices})")
    return code, LEVELS[level_name]

"""The engine's texts in further languages: one module per language code, found at import.

German and English live in `matching.messages` and `matching.codes`; a module here (e.g. `ar.py`)
adds one more language with this shape (every name required):

    plural(n) -> int          index into the tuples of MESSAGES / MESSAGES_TO_VOLUNTEER
    MESSAGES                  {code: text or tuple of plural forms}, keys of messages.MESSAGES
    MESSAGES_TO_VOLUNTEER     the same for messages.MESSAGES_TO_VOLUNTEER
    DAY_ADVERBS               7 texts, Monday first ("on Mondays")
    MONTHS                    12 month names
    DATE_PATTERN              e.g. "{day} {month} {year}"
    DECIMAL_SEPARATOR         "," or "٫" …
    LANGUAGE_NAMES            {language code: name}, keys of codes.LANGUAGE_NAMES
    LEVEL_LABELS              {1..4: label}
    SKILL_LABELS              {skill slug: label}, keys of codes.SKILL_LABELS

A text missing from a module is shown in German (tests check that none is missing).
"""

import importlib
import pkgutil
from types import ModuleType

REQUIRED = (
    "plural", "MESSAGES", "MESSAGES_TO_VOLUNTEER", "DAY_ADVERBS", "MONTHS", "DATE_PATTERN",
    "DECIMAL_SEPARATOR", "LANGUAGE_NAMES", "LEVEL_LABELS", "SKILL_LABELS",
)  # fmt: skip


def _discover() -> dict[str, ModuleType]:
    found: dict[str, ModuleType] = {}
    for info in sorted(pkgutil.iter_modules(__path__), key=lambda info: info.name):
        if info.ispkg or info.name.startswith("_"):
            continue
        found[info.name] = importlib.import_module(f"{__name__}.{info.name}")
    return found


# Language code → module, in code order; read once at import (the set is fixed per process).
MODULES: dict[str, ModuleType] = _discover()


def module_for(lang: str) -> ModuleType | None:
    return MODULES.get(lang)


def lookup(lang: str, table: str, key, default=None):
    """`table[key]` of the language's module, or `default` when the module or text is missing."""
    module = MODULES.get(lang)
    value = getattr(module, table, {}).get(key) if module is not None else None
    return default if value in (None, "", ()) else value

"""Our gettext catalogues as data, for the tests that read them (crawl, catalogue checks)."""

import ast
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# The catalogues of the people the service works with: every volunteer-facing and public text.
SERVED_LANGUAGES = ("ar", "fa", "uk", "ru", "tr")
STAFF_ONLY_APPS = ("ops", "imports")  # their pages exist in German and English only


def catalogue_paths(language: str | None = None) -> list[Path]:
    paths = [*(REPO / "platform").rglob("*.po"), *(REPO / "notifications").rglob("*.po")]
    return sorted(p for p in paths if language is None or p.parts[-3] == language)


def language_of(path: Path) -> str:
    return path.parts[-3]


def catalogue_entries(path: Path) -> list[dict]:
    """Each entry as {"msgid", "msgid_plural"?, "msgstr" or "msgstr[n]"…, "flags"}."""
    entries, entry, key, flags = [], None, None, set()
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if not line or line.startswith("#"):
            continue
        keyword = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")$', line)
        if not keyword:
            entry[key] += ast.literal_eval(line)
            continue
        key = keyword[1]
        if key == "msgctxt" or (key == "msgid" and (entry is None or "msgid" in entry)):
            entry = {"flags": flags}
            flags = set()
            entries.append(entry)
        entry[key] = ast.literal_eval(keyword[2])
    return [entry for entry in entries if entry.get("msgid")]


def translations(entry: dict) -> list[str]:
    return [text for key, text in entry.items() if key.startswith("msgstr")]

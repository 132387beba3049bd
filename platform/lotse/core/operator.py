"""Who runs this instance: read from the city pack's `operator.json` (docs/city-data.md).

The imprint page and the privacy notice's controller section show it. A pack without the
file, or with a broken one, gives None: the pages then say that the imprint is missing instead
of failing (and `check --deploy` warns, lotse.W010).
"""

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from django.conf import settings

FILE_NAME = "operator.json"
TEXT_FIELDS = (
    "operator", "department", "represented_by", "email", "phone", "vat_id",
    "content_responsible", "data_protection_officer", "supervisory_authority",
)  # fmt: skip


@dataclass(frozen=True)
class Operator:
    operator: str
    department: str = ""
    address: tuple[str, ...] = field(default_factory=tuple)
    represented_by: str = ""
    email: str = ""
    phone: str = ""
    vat_id: str = ""
    content_responsible: str = ""
    data_protection_officer: str = ""
    supervisory_authority: str = ""


def city_operator() -> Operator | None:
    path = Path(settings.LOTSE_CITY_DIR) / FILE_NAME
    try:
        status = path.stat()
    except OSError:
        return None
    return _read(str(path), (status.st_mtime_ns, status.st_size))


@lru_cache(maxsize=4)
def _read(path: str, stamp: tuple[int, int]) -> Operator | None:
    """The file's content; `stamp` (time and size) makes a changed file read again."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("operator"), str):
        return None
    texts = {
        name: value.strip() for name in TEXT_FIELDS if isinstance(value := data.get(name, ""), str)
    }
    address = data.get("address", [])
    lines = tuple(line.strip() for line in address if isinstance(line, str) and line.strip())
    if not texts.get("operator"):
        return None
    return Operator(address=lines if isinstance(address, list) else (), **texts)

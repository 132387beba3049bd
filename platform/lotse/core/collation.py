"""Names sorted as the reader's language sorts them, where the database can (issue 18).

On PostgreSQL with ICU each interface language has a collation (`de-x-icu`, `ar-x-icu`, …):
"Ähm" comes after "Ada" in German instead of after "Zed" as in byte order. SQLite and a server
without the collation keep the database's own order.
"""

from functools import cache

from django.db import connection
from django.db.models import F
from django.db.models.functions import Collate
from django.utils.translation import get_language


def by_name(*fields: str) -> list:
    """Order expressions for `fields`, in the active language's collation when there is one."""
    collation = _collation(get_language() or "de")
    if collation is None:
        return list(fields)
    return [Collate(F(field), collation).asc() for field in fields]


def _collation(language: str) -> str | None:
    if connection.vendor != "postgresql":
        return None
    return _known(connection.alias, language.split("-")[0] + "-x-icu")


@cache
def _known(alias: str, name: str) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_collation WHERE collname = %s", [name])
        return name if cursor.fetchone() else None

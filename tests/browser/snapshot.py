"""The seeded demo, taken once per run and put back before each browser test.

`seed_demo` imports the Münster demo through the real services (300 volunteers, 60 needs): about
7 s on two cores, paid by each of the 42 browser tests (a transactional test's database is
emptied after it). The first test of a run seeds as before; its database is then copied table
by table, and every later test gets the same rows back in a fraction of a second: on PostgreSQL
with COPY (text format, every type round-trips), elsewhere with SELECT and INSERT. Sequences are
set past the restored ids, and the process's matching pool and need table are dropped, since the
restored rows carry the first seed's `updated_at`, older than what the pool last synced.

A copy is kept for the day it was taken on: the demo's dates are relative to today.
"""

import io

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction
from django.utils import timezone


class DemoSnapshot:
    def __init__(self) -> None:
        self.day = None
        self.tables: dict[str, object] = {}

    def fresh(self) -> bool:
        return self.day == timezone.localdate() and bool(self.tables)

    def take(self) -> None:
        self.tables = {table: self._read(table) for table in _tables()}
        self.day = timezone.localdate()

    def restore(self) -> None:
        from lotse.matchmaking.need_cache import needs_forget
        from lotse.matchmaking.pool_cache import pool_forget

        tables = _tables()
        with transaction.atomic(), connection.cursor() as cursor:
            for sql in connection.ops.sql_flush(no_style(), tables, allow_cascade=True):
                cursor.execute(sql)
            for table, content in self.tables.items():
                self._write(cursor, table, content)
            models = [m for m in apps.get_models(include_auto_created=True) if m._meta.managed]
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)
        pool_forget()
        needs_forget()

    def _read(self, table: str):
        quoted = connection.ops.quote_name(table)
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                buffer = io.BytesIO()
                with cursor.cursor.copy(f"COPY {quoted} TO STDOUT") as copy:
                    for chunk in copy:
                        buffer.write(chunk)
                return buffer.getvalue()
            cursor.execute(f"SELECT * FROM {quoted}")  # noqa: S608 (a table name of ours)
            return [column[0] for column in cursor.description], cursor.fetchall()

    def _write(self, cursor, table: str, content) -> None:
        quoted = connection.ops.quote_name(table)
        if connection.vendor == "postgresql":
            if content:
                with cursor.cursor.copy(f"COPY {quoted} FROM STDIN") as copy:
                    copy.write(content)
            return
        columns, rows = content
        if rows:
            names = ", ".join(connection.ops.quote_name(c) for c in columns)
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quoted} ({names}) VALUES ({marks})", rows)  # noqa: S608


def _tables() -> list[str]:
    return sorted(connection.introspection.django_table_names(only_existing=True))

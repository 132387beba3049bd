"""Fast bulk writes for generated data: COPY on PostgreSQL, bulk_create elsewhere.

Rows are tuples of the columns a generator names; every other column gets the model field's
default, so a field another app adds later (with a default) needs no change here. Primary
keys are given explicitly (taken from `next_ids`), so related rows can point at them without
reading anything back; `reset_sequences` makes the database's own counters follow.
"""

import json
from collections.abc import Callable, Iterable, Iterator
from itertools import islice

from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

BATCH = 5_000


def _default(field: models.Field, now):
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    return field.get_default()


class TableWriter:
    """Write rows of `columns` (field attnames) into `model`'s table."""

    def __init__(self, model: type[models.Model], columns: Iterable[str]):
        self.model = model
        position = {name: i for i, name in enumerate(columns)}
        pk = model._meta.pk
        # Without a given key the database numbers the rows itself.
        self.fields = [
            f for f in model._meta.concrete_fields if f is not pk or f.attname in position
        ]
        unknown = set(position) - {f.attname for f in model._meta.concrete_fields}
        if unknown:
            raise ValueError(f"{model.__name__} has no column(s) {sorted(unknown)}")
        now = timezone.now()
        self._plan = [(position.get(f.attname), _default(f, now)) for f in self.fields]
        self._json_columns = [
            i for i, f in enumerate(self.fields) if isinstance(f, models.JSONField)
        ]

    def _full(self, row: tuple) -> list:
        return [row[i] if i is not None else default for i, default in self._plan]

    def write(self, rows: Iterable[tuple], on_batch: Callable[[int], None] | None = None) -> int:
        written = 0
        for batch in _batches(rows, BATCH):
            full = [self._full(row) for row in batch]
            if connection.vendor == "postgresql":
                self._copy(full)
            else:
                self._bulk_create(full)
            written += len(full)
            if on_batch:
                on_batch(len(full))
        return written

    def _copy(self, rows: list[list]) -> None:
        table = connection.ops.quote_name(self.model._meta.db_table)
        names = ", ".join(connection.ops.quote_name(f.column) for f in self.fields)
        statement = f"COPY {table} ({names}) FROM STDIN"  # noqa: S608 - names from the model
        with connection.cursor() as cursor, cursor.cursor.copy(statement) as copy:
            for row in rows:
                for i in self._json_columns:  # COPY takes JSON as text
                    row[i] = json.dumps(row[i])
                copy.write_row(row)

    def _bulk_create(self, rows: list[list]) -> None:
        names = [f.attname for f in self.fields]
        self.model.objects.bulk_create(self.model(**dict(zip(names, r, strict=True))) for r in rows)


def _batches(rows: Iterable[tuple], size: int) -> Iterator[list[tuple]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch


def next_id(model: type[models.Model]) -> int:
    """The first free primary key (rows are written with explicit keys from here on)."""
    top = model.objects.aggregate(top=models.Max("pk"))["top"]
    return (top or 0) + 1


def reset_sequences(*model_classes: type[models.Model]) -> None:
    """Move the database's id counters past the explicitly written keys."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_classes))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def analyze(*model_classes: type[models.Model]) -> None:
    """Fresh planner statistics after a million-row load (PostgreSQL)."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in model_classes:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")

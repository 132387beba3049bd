"""Import a spreadsheet whole or not at all, through the same services as the pages and API.

Every row is read and written inside one transaction; each row in its own savepoint, so
that all bad rows are found in one pass. Any error, or a dry run, rolls everything back. A
row whose write changes nothing is rolled back to its savepoint, so re-importing the same
file leaves the database exactly as it was.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import User

from .cells import CellError
from .kinds import KINDS, Context, Kind
from .tables import EXTRA_CELLS, FileRejected, RowError, Table, check_columns, read_table

UNKNOWN_KIND = _("Unknown kind of import: %(kind)s (facilities, volunteers or needs)")
DUPLICATE_ID = _("The external_id %(id)s appears twice (first in row %(row)s).")
DUPLICATE_EMAIL = _("The e-mail address %(email)s appears twice (first in row %(row)s).")
EXTRA = _("Cells to the right of the last column: %(cells)s")
CONFLICT = _("The row conflicts with stored data: %(detail)s")
Progress = Callable[[int, int], None]


@dataclass
class ImportReport:
    kind: str
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def saved(self) -> bool:
        return self.ok and not self.dry_run


def import_file(*, kind: str, data: bytes, filename: str, **options) -> ImportReport:
    """Read and import one file; problems come back as the report's errors, nothing saved.
    `options` are those of `import_table`."""
    spec = _kind(kind)
    try:
        table = read_table(data, filename)
    except FileRejected as exc:
        return ImportReport(spec.name, options.get("dry_run", False), errors=exc.errors)
    return import_table(kind=spec.name, table=table, **options)


def _kind(kind: str) -> Kind:
    if kind not in KINDS:
        raise ValidationError(UNKNOWN_KIND % {"kind": kind})
    return KINDS[kind]


def import_table(
    *,
    kind: str,
    table: Table,
    actor: User | None,
    dry_run: bool = False,
    invite: bool = True,
    progress: Progress | None = None,
) -> ImportReport:
    spec = _kind(kind)
    report = ImportReport(spec.name, dry_run, rows=len(table.rows))
    report.errors = check_columns(table, spec.required, spec.optional)
    if report.errors:
        return report
    ctx = Context.load(actor, invite)
    parsed = _read_rows(spec, table, ctx, report)
    with transaction.atomic():
        for done, (number, values) in enumerate(parsed, start=1):
            _write_row(spec, number, values, ctx, report)
            if progress:
                progress(done, len(parsed))
        if not report.saved:
            transaction.set_rollback(True)
    if not report.ok:
        report.created = report.updated = report.unchanged = 0
    return report


def _read_rows(spec: Kind, table: Table, ctx: Context, report: ImportReport) -> list:
    """Every cell checked; rows with a bad cell are reported and not written."""
    parsed, first_seen = [], {}
    for number, row in table.rows:
        values, errors = {}, []
        for column in table.columns:
            try:
                values[column] = spec.readers[column](row[column], ctx)
            except CellError as exc:
                errors.append(RowError(number, column, exc.message))
        if EXTRA_CELLS in row:
            errors.append(RowError(number, None, EXTRA % {"cells": row[EXTRA_CELLS]}))
        errors += [RowError(number, c, m) for c, m in spec.cross_check(values).items()]
        errors += _duplicates(number, values, first_seen)
        report.errors += errors
        if not errors:
            parsed.append((number, values))
    return parsed


def _duplicates(number: int, values: dict, first_seen: dict) -> list[RowError]:
    errors = []
    for column, message in (("external_id", DUPLICATE_ID), ("email", DUPLICATE_EMAIL)):
        value = values.get(column)
        if not value:
            continue
        key = (column, value.lower())
        if key in first_seen:
            params = {"id": value, "email": value, "row": first_seen[key]}
            errors.append(RowError(number, column, message % params))
        else:
            first_seen[key] = number
    return errors


def _write_row(spec: Kind, number: int, values: dict, ctx: Context, report) -> None:
    before = spec.snapshot(values["external_id"])
    savepoint = transaction.savepoint()
    try:
        spec.apply(values, ctx)
    except ValidationError as exc:
        transaction.savepoint_rollback(savepoint)
        report.errors += _service_errors(spec, number, exc)
        return
    except PermissionDenied as exc:
        transaction.savepoint_rollback(savepoint)
        report.errors.append(RowError(number, spec.column_for("facility"), str(exc)))
        return
    except IntegrityError as exc:
        transaction.savepoint_rollback(savepoint)
        report.errors.append(RowError(number, "external_id", CONFLICT % {"detail": exc}))
        return
    if before is None:
        report.created += 1
    elif before == spec.snapshot(values["external_id"]):
        transaction.savepoint_rollback(savepoint)
        report.unchanged += 1
        return
    else:
        report.updated += 1
    transaction.savepoint_commit(savepoint)


def _service_errors(spec: Kind, number: int, exc: ValidationError) -> list[RowError]:
    if not hasattr(exc, "error_dict"):
        return [RowError(number, spec.column_for(""), m) for m in exc.messages]
    return [
        RowError(number, spec.column_for(name), message)
        for name, messages in exc.message_dict.items()
        for message in messages
    ]

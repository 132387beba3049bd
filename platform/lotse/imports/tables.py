"""Reading a spreadsheet (CSV in UTF-8, or XLSX) into rows of text cells, refusing what we
cannot read safely: too large, not UTF-8, formulas, unknown or missing columns."""

import csv
import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import gettext_lazy as _

TOO_LARGE = _("The file is larger than %(mb)s MB; split it into smaller files.")
TOO_MANY_ROWS = _("The file has more than %(rows)s rows; split it into smaller files.")
UNKNOWN_FORMAT = _("Upload a .csv (UTF-8) or .xlsx file.")
NOT_UTF8 = _("The file is not in UTF-8. Save it as “CSV UTF-8” and try again.")
NOT_XLSX = _("The file cannot be read as an Excel workbook (.xlsx).")
EMPTY = _("The file is empty: the first row must name the columns.")
FORMULA = _("Formulas are not allowed; paste the values instead.")
UNKNOWN_COLUMN = _("Unknown column.")
MISSING_COLUMN = _("This column is missing.")
DUPLICATE_COLUMN = _("This column appears twice.")
HEADER_ROW = 1
EXTRA_CELLS = "\0extra"  # key of cells found right of the last named column
# A text cell written by our export that starts like a formula is prefixed with ' (CSV only).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


@dataclass(frozen=True)
class RowError:
    """One problem, where a person finds it in the spreadsheet (the header is row 1)."""

    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return str(self.message)
        return f"row {self.row}, column {self.column or '-'}: {self.message}"


class FileRejected(Exception):
    def __init__(self, errors: list[RowError]):
        super().__init__("; ".join(str(e) for e in errors))
        self.errors = errors


@dataclass
class Table:
    columns: list[str]
    rows: list[tuple[int, dict[str, str]]] = field(default_factory=list)


def read_table(data: bytes, filename: str) -> Table:
    """The table in `data`; FileRejected lists every reason it cannot be imported."""
    limit = settings.LOTSE_IMPORT_MAX_BYTES
    if len(data) > limit:
        raise FileRejected([RowError(None, None, TOO_LARGE % {"mb": limit // (1024 * 1024)})])
    name = filename.lower()
    if name.endswith(".csv"):
        table = _read_csv(data)
    elif name.endswith(".xlsx"):
        table = _read_xlsx(data)
    else:
        raise FileRejected([RowError(None, None, UNKNOWN_FORMAT)])
    if len(table.rows) > settings.LOTSE_IMPORT_MAX_ROWS:
        max_rows = settings.LOTSE_IMPORT_MAX_ROWS
        raise FileRejected([RowError(None, None, TOO_MANY_ROWS % {"rows": max_rows})])
    return table


def check_columns(table: Table, required: list[str], optional: list[str]) -> list[RowError]:
    errors = []
    known = set(required) | set(optional)
    seen = set()
    for column in table.columns:
        if column in seen:
            errors.append(RowError(HEADER_ROW, column, DUPLICATE_COLUMN))
        elif column not in known:
            errors.append(RowError(HEADER_ROW, column or "?", UNKNOWN_COLUMN))
        seen.add(column)
    errors += [RowError(HEADER_ROW, c, MISSING_COLUMN) for c in required if c not in seen]
    return errors


def _bad_byte_position(data: bytes, position: int) -> tuple[int, int]:
    """Row (1-based) and column index of the byte that is not UTF-8 (lines ≈ rows)."""
    line_start = data.rfind(b"\n", 0, position) + 1
    row = data.count(b"\n", 0, position) + 1
    line = data[line_start:position]
    delimiter = b";" if line.count(b";") > line.count(b",") else b","
    return row, line.count(delimiter)


def _read_csv(data: bytes) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        row, index = _bad_byte_position(data, exc.start)
        header = data.split(b"\n", 1)[0].decode("utf-8", "replace")
        names = _split_header(header)
        column = names[index] if index < len(names) else None
        raise FileRejected([RowError(row, column, NOT_UTF8)]) from None
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise FileRejected([RowError(None, None, EMPTY)])
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns = [name.strip() for name in next(reader)]
    table = Table(columns)
    for number, values in enumerate(reader, start=HEADER_ROW + 1):
        cells = [_unescape(v.strip()) for v in values]
        if any(cells):
            table.rows.append((number, _row(columns, cells)))
    return table


def _split_header(line: str) -> list[str]:
    delimiter = ";" if line.count(";") > line.count(",") else ","
    return [name.strip() for name in line.strip().split(delimiter)]


def _unescape(cell: str) -> str:
    if len(cell) > 1 and cell[0] == "'" and cell[1] in FORMULA_STARTS:
        return cell[1:]
    return cell


def _row(columns: list[str], cells: list[str]) -> dict[str, str]:
    row = dict.fromkeys(columns, "")
    for column, cell in zip(columns, cells, strict=False):
        row[column] = cell
    extra = [cell for cell in cells[len(columns) :] if cell]
    if extra:
        row[EXTRA_CELLS] = "; ".join(extra)
    return row


def _read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise FileRejected([RowError(None, None, NOT_XLSX)]) from None
    try:
        return _sheet_table(workbook.worksheets[0])
    finally:
        workbook.close()


def _sheet_table(sheet) -> Table:
    rows = sheet.iter_rows()
    header = next(rows, None)
    if header is None:
        raise FileRejected([RowError(None, None, EMPTY)])
    columns = [_cell_text(cell.value).strip() for cell in header]
    while columns and not columns[-1]:
        columns.pop()
    table, errors = Table(columns), []
    for cells in rows:
        number = next((c.row for c in cells if getattr(c, "row", None)), None)
        values = []
        for index, cell in enumerate(cells):
            if cell.data_type == "f":
                column = columns[index] if index < len(columns) else None
                errors.append(RowError(number, column, FORMULA))
            values.append(_cell_text(cell.value).strip())
        if any(values) and number is not None:
            table.rows.append((number, _row(columns, values)))
        if len(table.rows) > settings.LOTSE_IMPORT_MAX_ROWS:
            break
    if errors:
        raise FileRejected(errors)
    return table


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)

"""Reading a spreadsheet (CSV in UTF-8, or XLSX) into rows of text cells, refusing what we
cannot read safely: too large or too wide, not UTF-8, NUL characters, formulas, unknown or
missing columns. Reading stops at the first row past a limit, so memory stays bounded."""

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from . import limits as import_limits
from .limits import MB, Limits
from .workbook_guard import TOO_MANY_COLUMNS, TOO_MANY_ROWS, UNREADABLE, Refused, check_workbook

TOO_LARGE = _("The file is larger than %(mb)s MB; split it into smaller files.")
UNKNOWN_FORMAT = _("Upload a .csv (UTF-8) or .xlsx file.")
NOT_UTF8 = _("The file is not in UTF-8. Save it as “CSV UTF-8” and try again.")
NOT_XLSX = _("The file cannot be read as an Excel workbook (.xlsx).")
EMPTY = _("The file is empty: the first row must name the columns.")
FORMULA = _("Formulas are not allowed; paste the values instead.")
UNKNOWN_COLUMN = _("Unknown column.")
MISSING_COLUMN = _("This column is missing.")
DUPLICATE_COLUMN = _("This column appears twice.")
NUL = _("The cell contains a NUL character; delete it and type the text again.")
CSV_UNREADABLE = _(
    "This line cannot be read as CSV: a cell is longer than %(chars)s characters "
    "or a quotation mark is not closed."
)
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
    limits = import_limits.current()
    if len(data) > limits.max_bytes:
        raise FileRejected([RowError(None, None, TOO_LARGE % {"mb": limits.max_bytes // MB})])
    name = filename.lower()
    if name.endswith(".csv"):
        return _read_csv(data, limits)
    if name.endswith(".xlsx"):
        return _read_xlsx(data, limits)
    raise FileRejected([RowError(None, None, UNKNOWN_FORMAT)])


def _refuse(message, row: int | None = None, column: str | None = None) -> FileRejected:
    return FileRejected([RowError(row, column, message)])


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


def _read_csv(data: bytes, limits: Limits) -> Table:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _refuse(NOT_UTF8, *_cell_at(data, exc.start)) from None
    if "\0" in text:
        raise _refuse(NUL, *_cell_at(data, data.index(b"\0")))
    first_line = text.split("\n", 1)[0]
    if not first_line.strip():
        raise FileRejected([RowError(None, None, EMPTY)])
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    lines = _bounded_lines(text, delimiter, limits)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        columns = _header([name.strip() for name in next(reader)], limits)
        table = Table(columns)
        for number, values in enumerate(reader, start=HEADER_ROW + 1):
            cells = [_unescape(v.strip()) for v in values]
            if any(cells):
                table.rows.append((number, _row(columns, cells)))
            _check_row_count(table, number, limits)
    except csv.Error:
        message = CSV_UNREADABLE % {"chars": csv.field_size_limit()}
        raise _refuse(message, reader.line_num) from None
    return table


def _bounded_lines(text: str, delimiter: str, limits: Limits):
    """The lines of `text`; one with absurdly many separators (a million columns) is refused
    before the csv module splits it into a list of cells."""
    for number, line in enumerate(io.StringIO(text, newline=""), start=1):
        if line.count(delimiter) > limits.csv_delimiters_per_line:
            raise _refuse(TOO_MANY_COLUMNS % {"columns": limits.max_columns}, number)
        yield line


def _header(columns: list[str], limits: Limits) -> list[str]:
    while columns and not columns[-1]:
        columns.pop()
    if len(columns) > limits.max_columns:
        raise _refuse(TOO_MANY_COLUMNS % {"columns": limits.max_columns}, HEADER_ROW)
    return columns


def _check_row_count(table: Table, number: int, limits: Limits) -> None:
    """Stop at the first row past the limit; blank rows count only past the sheet's span."""
    if len(table.rows) > limits.max_rows or number > limits.sheet_rows:
        raise _refuse(TOO_MANY_ROWS % {"rows": limits.max_rows})


def _cell_at(data: bytes, position: int) -> tuple[int, str | None]:
    """Row and column name of the byte at `position` of a CSV file."""
    row, index = _bad_byte_position(data, position)
    header = data.split(b"\n", 1)[0].decode("utf-8", "replace")
    names = _split_header(header)
    return row, names[index] if index < len(names) else None


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


def _read_xlsx(data: bytes, limits: Limits) -> Table:
    # data_only=False: a formula must be seen to be refused, not imported as its cached value.
    from openpyxl import load_workbook

    try:
        check_workbook(io.BytesIO(data), limits)
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Refused as exc:
        raise _refuse(exc.message) from None
    except UNREADABLE:
        raise _refuse(NOT_XLSX) from None
    try:
        return _sheet_table(workbook.worksheets[0], limits)
    except UNREADABLE:
        raise _refuse(NOT_XLSX) from None
    finally:
        workbook.close()


def _sheet_table(sheet, limits: Limits) -> Table:
    """Rows read with bounds: the guard has already refused cells right of max_columns."""
    header = next(sheet.iter_rows(max_row=HEADER_ROW, max_col=limits.max_columns), None)
    if header is None:
        raise FileRejected([RowError(None, None, EMPTY)])
    columns = _header([_cell_text(cell.value).strip() for cell in header], limits)
    if not columns:
        raise FileRejected([RowError(None, None, EMPTY)])
    table, errors = Table(columns), []
    rows = sheet.iter_rows(
        min_row=HEADER_ROW + 1, max_row=limits.sheet_rows, max_col=limits.max_columns
    )
    for number, cells in enumerate(rows, start=HEADER_ROW + 1):
        values = []
        for index, cell in enumerate(cells):
            column = columns[index] if index < len(columns) else None
            values.append(_cell_text(cell.value).strip())
            errors += _cell_errors(cell, values[-1], number, column)
        if any(values):
            table.rows.append((number, _row(columns, values)))
        _check_row_count(table, number, limits)
    if errors:
        raise FileRejected(errors)
    return table


def _cell_errors(cell, text: str, number: int, column: str | None) -> list[RowError]:
    # Excel writes a NUL typed into a cell as the escape _x0000_ (XML cannot hold it).
    if getattr(cell, "data_type", None) == "f":
        return [RowError(number, column, FORMULA)]
    if "\0" in text or "_x0000_" in text:
        return [RowError(number, column, NUL)]
    return []


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

"""Tables as XLSX and CSV: headers in the reader's language, numbers as numbers, text that a
spreadsheet would take for a formula kept as text; the CSV laid out for the reader's Excel
(lotse.core.spreadsheets)."""

import datetime as dt
import io

from django.http import HttpResponse

from lotse.core.spreadsheets import CsvLayout, csv_bytes, excel_layout

from .tables import Table

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _plain(value):
    """A cell for a file: None is empty, dates in ISO, lazy texts resolved."""
    if value is None:
        return ""
    if isinstance(value, (int, float, dt.date)):
        return value.isoformat() if isinstance(value, dt.date) else value
    return str(value)


def table_csv(table: Table, layout: CsvLayout | None = None) -> bytes:
    header = [str(column.label) for column in table.columns]
    return csv_bytes(header, table.rows, layout or excel_layout())


def table_xlsx(table: Table) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = table.slug[:31]
    sheet.append([str(column.label) for column in table.columns])
    for row in table.rows:
        sheet.append([_plain(cell) for cell in row])
    for line in sheet.iter_rows(min_row=1):
        for cell in line:
            if isinstance(cell.value, str):
                cell.data_type = "s"  # text, never a formula
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def table_response(table: Table, fmt: str, stem: str) -> HttpResponse:
    body = table_csv(table) if fmt == "csv" else table_xlsx(table)
    response = HttpResponse(body, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="{stem}.{fmt}"'
    return response

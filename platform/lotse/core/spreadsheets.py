"""One CSV writer for every export: cells Excel would run as formulas are written as text, and the
file is laid out the way the reader's Excel opens it.

German Excel splits columns at `;` and reads `1,5` as a number; it reads UTF-8 only after a byte
order mark. English Excel wants `,` and `1.5`. Scripts (the transparency CSV, `export_data`)
keep the stable form they were promised: `,`, `1.5`, no BOM.
"""

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.http import HttpResponse
from django.utils.translation import get_language

CONTENT_TYPE = "text/csv; charset=utf-8"
BOM = "\ufeff"
# OWASP "CSV injection": a cell starting with one of these is run as a formula by spreadsheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# A text that is only a number (e.g. "-5" or "51.96") stays a number: Excel runs no formula.
PLAIN_NUMBER = re.compile(r"\s*[-+]?(\d+([.,]\d*)?|[.,]\d+)\s*")


@dataclass(frozen=True)
class CsvLayout:
    delimiter: str
    decimal: str
    bom: bool


FOR_SCRIPTS = CsvLayout(delimiter=",", decimal=".", bom=False)
EXCEL_GERMAN = CsvLayout(delimiter=";", decimal=",", bom=True)
EXCEL_ENGLISH = CsvLayout(delimiter=",", decimal=".", bom=True)


def excel_layout(language: str | None = None) -> CsvLayout:
    """The layout the reader's Excel opens without an import dialogue: by interface language."""
    language = language or get_language() or ""
    return EXCEL_GERMAN if language.startswith("de") else EXCEL_ENGLISH


def neutralise(text: str) -> str:
    """`'` before text that a spreadsheet would run as a formula (also after leading spaces)."""
    if not text or PLAIN_NUMBER.fullmatch(text):
        return text
    if text[0] in FORMULA_STARTS or text.lstrip()[:1] in FORMULA_STARTS:
        return "'" + text
    return text


def _number(value: float | Decimal, layout: CsvLayout) -> str:
    text = str(value)
    if "e" in text.lower() and value == value:  # 1e-05 → 0.00001; NaN stays as it is
        text = format(Decimal(text), "f")
    return text.replace(".", layout.decimal)


def cell_text(value, layout: CsvLayout) -> str:
    """One cell as text: numbers in the layout's decimal form, dates in ISO, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, (float, Decimal)):
        return _number(value, layout)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return neutralise(str(value))


def csv_text(header: Iterable, rows: Iterable[Iterable], layout: CsvLayout) -> str:
    out = io.StringIO(newline="")
    if layout.bom:
        out.write(BOM)
    writer = csv.writer(out, delimiter=layout.delimiter, lineterminator="\n")
    writer.writerow([cell_text(value, layout) for value in header])
    for row in rows:
        writer.writerow([cell_text(value, layout) for value in row])
    return out.getvalue()


def csv_bytes(header: Iterable, rows: Iterable[Iterable], layout: CsvLayout) -> bytes:
    return csv_text(header, rows, layout).encode("utf-8")


def csv_response(
    header: Iterable, rows: Iterable[Iterable], *, filename: str, layout: CsvLayout | None = None
) -> HttpResponse:
    """A CSV download; without `layout`, the one the reader's Excel expects."""
    body = csv_bytes(header, rows, layout or excel_layout())
    response = HttpResponse(body, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response

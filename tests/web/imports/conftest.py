"""Spreadsheets built in memory: CSV text or XLSX bytes from rows of cells."""

import csv
import io

import pytest

from lotse.imports.kinds import KINDS
from lotse.imports.services import import_file

FACILITY = {
    "external_id": "F-1", "name": "Haus am See", "organisation": "Stadt Münster",
    "street": "Seeweg 1", "postcode": "48159",
}  # fmt: skip
VOLUNTEER = {
    "external_id": "V-1", "first_name": "Lena", "last_name": "Lange",
    "email": "lena@example.org", "postcode": "48143", "max_distance_km": "5",
    "skills": "accompaniment; interpreting", "languages": "de:native; ar:fluent",
    "availability": "mon 17:00-20:00", "code_of_conduct": "yes",
}  # fmt: skip


def need_row(facility, **changes) -> dict:
    from ..needs.conftest import one_off

    row = {
        "external_id": "N-1", "facility": facility.external_id, "title": "Sprachcafé",
        "skills": "german_practice; digital_help", "schedule": one_off(),
        "volunteers_needed": "2", "requires_certificate": "",
    }  # fmt: skip
    return row | changes


def csv_bytes(rows: list[dict], encoding: str = "utf-8", delimiter: str = ",") -> bytes:
    columns = list(dict.fromkeys(column for row in rows for column in row))
    out = io.StringIO(newline="")
    writer = csv.DictWriter(out, columns, lineterminator="\n", delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[dict], formula: tuple[int, str] | None = None) -> bytes:
    """`formula`: (data row index, column) whose cell gets a formula instead of its value."""
    from openpyxl import Workbook

    columns = list(dict.fromkeys(column for row in rows for column in row))
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(columns)
    for index, row in enumerate(rows):
        values = [row.get(column, "") for column in columns]
        if formula and formula[0] == index:
            values[columns.index(formula[1])] = "=1+1"
        sheet.append(values)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def run(kind: str, rows: list[dict] | bytes, filename: str = "file.csv", actor=None, **kwargs):
    data = rows if isinstance(rows, bytes) else csv_bytes(rows)
    return import_file(kind=kind, data=data, filename=filename, actor=actor, **kwargs)


def messages(report) -> list[str]:
    return [str(error) for error in report.errors]


@pytest.fixture
def f1(stadt):
    report = run("facilities", [FACILITY])
    assert report.ok, messages(report)
    return stadt.facilities.get(external_id="F-1")


__all__ = ["KINDS"]

"""Every table as CSV and XLSX, with the page's filters; text never becomes a formula. The CSV
is laid out for German Excel here (the tests' language): `;`, decimal comma, BOM."""

import csv
import io

import pytest
from openpyxl import load_workbook

from lotse.dashboard.tables import TABLES
from lotse.places.models import Facility

from .factories import make_need


def parse(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=";"))


def csv_rows(client, table: str, **params) -> list[list[str]]:
    return parse(client.get(f"/dashboard/export/{table}.csv", params).content)


def sheet_of(client, table: str):
    return load_workbook(io.BytesIO(client.get(f"/dashboard/export/{table}.xlsx").content)).active


@pytest.fixture
def as_erin(client, erin):
    client.force_login(erin)
    return client


@pytest.mark.parametrize("table", sorted(TABLES))
def test_it_exports_every_table_as_csv_and_xlsx(as_erin, nord, table):
    as_csv = as_erin.get(f"/dashboard/export/{table}.csv")
    as_xlsx = as_erin.get(f"/dashboard/export/{table}.xlsx")
    assert (as_csv.status_code, as_xlsx.status_code) == (200, 200)
    header = parse(as_csv.content)[0]
    sheet = load_workbook(io.BytesIO(as_xlsx.content)).active
    assert [cell.value for cell in sheet[1]] == header


def test_it_exports_the_figures_of_the_page(as_erin, nord):
    rows = csv_rows(as_erin, "neighbourhoods")
    kinderhaus = next(row for row in rows if row[0] == "Kinderhaus")
    assert kinderhaus[1:4] == ["Nord", "1", "2"]


def test_it_keeps_numbers_numeric_in_xlsx(as_erin, nord):
    sheet = load_workbook(
        io.BytesIO(as_erin.get("/dashboard/export/districts.xlsx").content)
    ).active
    nord_row = next(row for row in sheet.iter_rows(values_only=True) if row[0] == "Nord")
    assert isinstance(nord_row[1], int)


def test_it_writes_formula_like_names_as_text(as_erin, alice, facility_a1):
    Facility.objects.filter(pk=facility_a1.pk).update(name='=HYPERLINK("http://x")')
    make_need(facility_a1, days_ahead=-3)
    body = as_erin.get("/dashboard/export/stale_past.csv").content.decode()
    assert "'=HYPERLINK" in body
    sheet = load_workbook(
        io.BytesIO(as_erin.get("/dashboard/export/stale_past.xlsx").content)
    ).active
    assert sheet.cell(row=2, column=2).data_type == "s"


def test_it_applies_the_filters_to_the_export(as_erin, nord):
    nord_row = next(
        row for row in csv_rows(as_erin, "districts", language="ti") if row[0] == "Nord"
    )
    assert nord_row[1] == "1"

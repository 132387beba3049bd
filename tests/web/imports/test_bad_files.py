"""Files we refuse as a whole: each with a clear message, and nothing saved."""

import pytest

from lotse.imports import tables
from lotse.places.models import Facility
from lotse.volunteers.models import Volunteer

from .conftest import FACILITY, VOLUNTEER, csv_bytes, messages, run, xlsx_bytes

pytestmark = pytest.mark.django_db


def test_a_50_mb_file_is_refused_before_it_is_read(db):
    report = run("facilities", b"a" * (50 * 1024 * 1024))
    assert messages(report) == [str(tables.TOO_LARGE % {"mb": 10})]


def test_a_latin_1_csv_names_the_row_and_column_to_fix(stadt):
    rows = [
        FACILITY | {"organisation": "Stadt"},
        FACILITY | {"external_id": "F-2", "organisation": "Stadt", "street": "Große Str. 3"},
    ]
    report = run("facilities", csv_bytes(rows, encoding="latin-1"))
    assert messages(report) == [f"row 3, column street: {tables.NOT_UTF8}"]
    assert not Facility.objects.exists()


def test_an_xlsx_with_a_formula_is_refused(stadt):
    data = xlsx_bytes([FACILITY, FACILITY | {"external_id": "F-2"}], formula=(1, "name"))
    report = run("facilities", data, filename="facilities.xlsx")
    assert messages(report) == [f"row 3, column name: {tables.FORMULA}"]
    assert not Facility.objects.exists()


def test_an_xlsx_without_formulas_is_imported(stadt):
    data = xlsx_bytes([FACILITY | {"postcode": 48159, "capacity": 80}])
    report = run("facilities", data, filename="facilities.xlsx")
    assert report.created == 1, messages(report)
    assert Facility.objects.get().capacity == 80


def test_a_duplicate_external_id_in_one_file_is_refused(stadt):
    report = run("facilities", [FACILITY, FACILITY | {"name": "Zweites Haus"}])
    assert messages(report) == [
        "row 3, column external_id: Die external_id F-1 kommt doppelt vor (zuerst in Zeile 2)."
    ]
    assert not Facility.objects.exists()


def test_one_bad_row_imports_nothing_and_names_the_row(db):
    rows = [VOLUNTEER | {"external_id": f"V-{n}", "email": f"v{n}@example.org"}
            for n in range(5)]  # fmt: skip
    rows[3]["languages"] = "de:native; xx:basic"
    report = run("volunteers", rows)
    assert [(e.row, e.column) for e in report.errors] == [(5, "languages")]
    assert report.created == 0
    assert not Volunteer.objects.exists()


def test_unknown_and_missing_columns_are_named(db):
    row = {k: v for k, v in FACILITY.items() if k != "street"} | {"fax": "0251 1"}
    report = run("facilities", [row])
    assert sorted(messages(report)) == [
        f"row 1, column fax: {tables.UNKNOWN_COLUMN}",
        f"row 1, column street: {tables.MISSING_COLUMN}",
    ]


def test_a_semicolon_separated_csv_from_a_german_spreadsheet_is_read(stadt):
    report = run("facilities", csv_bytes([FACILITY], delimiter=";"))
    assert report.created == 1, messages(report)


@pytest.mark.parametrize(
    ("data", "filename", "message"),
    [
        (b"", "f.csv", tables.EMPTY),
        (b"external_id,name", "f.txt", tables.UNKNOWN_FORMAT),
        (b"PK\x03\x04 broken", "f.xlsx", tables.NOT_XLSX),
    ],
)
def test_files_we_cannot_read_are_refused(db, data, filename, message):
    assert messages(run("facilities", data, filename=filename)) == [str(message)]


def test_cells_right_of_the_last_column_are_reported(stadt):
    data = csv_bytes([FACILITY]) + b"F-2,Haus,Stadt,Weg 1,48159,surplus\n"
    report = run("facilities", data)
    assert [(e.row, e.column) for e in report.errors] == [(3, None)]


def test_a_file_with_too_many_rows_is_refused(stadt, settings):
    settings.LOTSE_IMPORT_MAX_ROWS = 2
    rows = [FACILITY | {"external_id": f"F-{n}"} for n in range(3)]
    assert messages(run("facilities", rows)) == [str(tables.TOO_MANY_ROWS % {"rows": 2})]

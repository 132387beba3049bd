"""Files within the limits are read as before; blank rows after the data do not count."""

import pytest

from lotse.imports import tables
from lotse.imports import workbook_guard as guard
from lotse.places.models import Facility

from . import hostile
from .conftest import FACILITY, csv_bytes, messages, run, xlsx_bytes

pytestmark = pytest.mark.django_db


def test_it_imports_a_hand_built_workbook(stadt):
    report = run("facilities", hostile.workbook(), filename="facilities.xlsx")
    assert report.created == 1, messages(report)
    assert Facility.objects.get().name == "Haus am See"


def test_blank_rows_below_the_data_of_a_workbook_are_ignored(stadt):
    blank = "".join(f'<row r="{n}"/>' for n in range(3, 3003))
    data = hostile.workbook(hostile.sheet(hostile.rows_xml(hostile.FACILITY_ROWS) + blank))
    report = run("facilities", data, filename="facilities.xlsx")
    assert (report.rows, report.created) == (1, 1), messages(report)


def test_blank_lines_below_the_data_of_a_csv_are_ignored(stadt):
    report = run("facilities", csv_bytes([FACILITY]) + b",,,,\n" * 3000)
    assert (report.rows, report.created) == (1, 1), messages(report)


def test_a_workbook_with_too_many_rows_is_refused(stadt, settings):
    settings.LOTSE_IMPORT_MAX_ROWS = 2
    data = xlsx_bytes([FACILITY | {"external_id": f"F-{n}"} for n in range(3)])
    report = run("facilities", data, filename="facilities.xlsx")
    assert messages(report) == [str(guard.TOO_MANY_ROWS % {"rows": 2})]


def test_the_column_limit_is_a_setting(stadt, settings):
    settings.LOTSE_IMPORT_MAX_COLUMNS = 4
    report = run("facilities", [FACILITY])
    assert messages(report) == [f"row 1, column -: {guard.TOO_MANY_COLUMNS % {'columns': 4}}"]


def test_the_unpacked_size_limit_is_a_setting(stadt, settings):
    settings.LOTSE_IMPORT_MAX_UNCOMPRESSED_BYTES = 1024
    report = run("facilities", hostile.workbook(), filename="facilities.xlsx")
    assert messages(report) == [str(guard.UNPACKED_TOO_LARGE % {"mb": 0})]


def test_a_formula_is_still_refused_in_a_wide_sheet(stadt):
    data = xlsx_bytes([FACILITY, FACILITY | {"external_id": "F-2"}], formula=(0, "street"))
    report = run("facilities", data, filename="facilities.xlsx")
    assert messages(report) == [f"row 2, column street: {tables.FORMULA}"]


@pytest.mark.parametrize(("letters", "number"), [("A", 1), ("Z", 26), ("AX", 50), ("XFD", 16384)])
def test_column_letters_are_numbered_like_excel(letters, number):
    assert guard._column_number(letters) == number

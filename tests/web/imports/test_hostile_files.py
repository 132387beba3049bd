"""Hostile spreadsheets (issue 17, finding 4): each is refused with a clear message, by the
command (CommandError) and the upload page (400), within a memory and time budget.

Memory is measured with tracemalloc around the one call: it sees every Python allocation,
including expat's, zlib's and openpyxl's, in this process and per case. ru_maxrss would need a
subprocess per case (a Django start-up each), as it is the process's lifetime maximum and could
only rise once across the whole suite. tracemalloc misses allocations of C code outside
Python's allocators; none of the readers involved makes large ones.
"""

import time
import tracemalloc
from dataclasses import dataclass, field
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.html import escape

from lotse.imports import tables
from lotse.imports import workbook_guard as guard
from lotse.places.models import Facility

from . import hostile

pytestmark = pytest.mark.django_db
BUDGET_MB = 200
SECONDS = 10  # a guard against runaway reading, not a benchmark
LIMITS = {"mb": 50, "rows": 20_000, "columns": 50, "ratio": 100, "count": 280_000}


@dataclass(frozen=True)
class Case:
    build: object
    message: object  # the problem's text, or (row, column, text)
    name: str = "facilities.xlsx"
    settings: dict = field(default_factory=dict)

    def expected(self) -> str:
        if isinstance(self.message, tuple):
            row, column, text = self.message
            return f"row {row}, column {column}: {text}"
        return str(self.message % LIMITS if "%(" in str(self.message) else self.message)


def _dimension(ref):
    return guard.DIMENSION % (LIMITS | {"ref": ref})


CASES = {
    "huge shared strings": Case(hostile.huge_shared_strings, guard.UNPACKED_TOO_LARGE),
    "many distinct texts": Case(hostile.many_distinct_texts, guard.TOO_MANY_TEXTS),
    "30M rows declared": Case(hostile.dimension_lie, _dimension("A1:N30000000")),
    "whole sheet declared": Case(hostile.whole_sheet_dimension, _dimension("A1:XFD1048576")),
    "empty rows to row 30M": Case(hostile.far_empty_rows, guard.TOO_MANY_ROWS),
    "2M header columns": Case(hostile.two_million_header_columns, guard.TOO_TIGHTLY_PACKED),
    "2M header columns, any ratio": Case(
        hostile.two_million_header_columns,
        guard.TOO_MANY_COLUMNS,
        settings={"LOTSE_IMPORT_MAX_COMPRESSION_RATIO": 10**6},
    ),
    "billion laughs": Case(hostile.billion_laughs, guard.DOCTYPE),
    "NUL escape in XLSX": Case(hostile.nul_escape_in_xlsx, (2, "name", tables.NUL)),
    "NUL reference in XLSX": Case(hostile.nul_reference_in_xlsx, tables.NOT_XLSX),
    "zip bomb member": Case(hostile.zip_bomb_member, guard.TOO_TIGHTLY_PACKED),
    "200 MB member": Case(hostile.big_zip_bomb_member, guard.UNPACKED_TOO_LARGE),
    "not a zip": Case(lambda: b"no zip at all\n" * 1000, tables.NOT_XLSX),
    "NUL in CSV": Case(hostile.nul_in_csv, (2, "name", tables.NUL), "f.csv"),
    "Latin-1 CSV": Case(hostile.latin_1_csv, (2, "street", tables.NOT_UTF8), "f.csv"),
    "CSV 50 MB line": Case(hostile.csv_one_50_mb_line, tables.TOO_LARGE % {"mb": 10}, "f.csv"),
    "CSV 1M columns": Case(
        hostile.csv_million_columns, (1, "-", guard.TOO_MANY_COLUMNS % LIMITS), "f.csv"
    ),
    "CSV 1M cells in a row": Case(
        hostile.csv_million_columns_in_a_row, (2, "-", guard.TOO_MANY_COLUMNS % LIMITS), "f.csv"
    ),
    "CSV unclosed quote": Case(
        hostile.csv_unclosed_quote,
        (2, "-", tables.CSV_UNREADABLE % {"chars": 131072}),
        "f.csv",
    ),
    "CSV 4M blank lines": Case(hostile.csv_blank_lines, guard.TOO_MANY_ROWS, "f.csv"),
}


def measure(call):
    """(the exception `call` raised or its result, peak MB above the start, seconds)."""
    tracemalloc.start()
    start = time.perf_counter()
    try:
        outcome = call()
    except Exception as exc:  # noqa: BLE001 — the caller asserts on what was raised
        outcome = exc
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return outcome, peak, seconds


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_command_refuses_it_within_the_budget(stadt, tmp_path, settings, record_property, case):
    for name, value in case.settings.items():
        setattr(settings, name, value)
    path = tmp_path / case.name
    path.write_bytes(case.build())
    err = StringIO()
    outcome, peak, seconds = measure(
        lambda: call_command("import_data", "facilities", str(path), stderr=err)
    )
    record_property("peak_mb", round(peak, 1))
    record_property("seconds", round(seconds, 2))
    assert isinstance(outcome, CommandError), outcome
    assert case.expected() in [str(outcome), *err.getvalue().splitlines()]
    assert peak < BUDGET_MB
    assert seconds < SECONDS
    assert not Facility.objects.exists()


@pytest.mark.parametrize("case", CASES.values(), ids=CASES.keys())
def test_the_upload_page_answers_400_within_the_budget(
    client, erin, stadt, settings, record_property, case
):
    for name, value in case.settings.items():
        setattr(settings, name, value)
    client.force_login(erin)
    upload = {"kind": "facilities", "file": SimpleUploadedFile(case.name, case.build())}
    response, peak, seconds = measure(lambda: client.post(reverse("imports:upload"), upload))
    record_property("peak_mb", round(peak, 1))
    record_property("seconds", round(seconds, 2))
    assert response.status_code == 400
    text = case.message[2] if isinstance(case.message, tuple) else case.expected()
    assert escape(str(text)) in response.content.decode()
    assert peak < BUDGET_MB
    assert seconds < SECONDS

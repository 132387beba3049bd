"""The demo spreadsheets in fixtures/demo/ are what seed_demo imports: importing them again
changes nothing, and the database exports back to the same rows."""

import csv
import io

import pytest

from lotse.demo.seed import DEMO_DIR, demo_tables, seed_demo
from lotse.imports.exports import export_csv
from lotse.imports.services import import_table
from lotse.imports.tables import read_table

SLICES = {"facilities": None, "volunteers": 30, "needs": 10}


def _fixture(kind: str):
    path = DEMO_DIR / f"{kind}.csv"
    return read_table(path.read_bytes(), path.name)


def test_the_shipped_files_are_what_the_seeded_generator_writes():
    for kind, rows in demo_tables().items():
        shipped = list(csv.reader((DEMO_DIR / f"{kind}.csv").open(encoding="utf-8")))
        assert shipped == rows, kind


@pytest.fixture
def seeded(db):
    seed_demo(volunteers=SLICES["volunteers"], needs=SLICES["needs"])


def test_importing_the_demo_files_again_changes_nothing(seeded):
    for kind, limit in SLICES.items():
        table = _fixture(kind)
        table.rows = table.rows[:limit]
        report = import_table(kind=kind, table=table, actor=None)
        assert report.ok, [str(e) for e in report.errors]
        assert (report.created, report.updated, report.unchanged) == (0, 0, len(table.rows))


def test_the_seeded_data_exports_to_the_demo_rows(seeded):
    for kind, limit in SLICES.items():
        exported = list(csv.reader(io.StringIO(export_csv(kind=kind, user=None).decode())))
        shipped = list(csv.reader((DEMO_DIR / f"{kind}.csv").open(encoding="utf-8")))
        assert exported == shipped[: None if limit is None else limit + 1], kind

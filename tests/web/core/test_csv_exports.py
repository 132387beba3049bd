"""Every CSV export goes through one writer (lotse.core.spreadsheets): no cell runs as a formula,
German Excel gets `;`, decimal commas and a BOM, English Excel commas, and the transparency CSV
keeps its script contract unless `?format=excel` asks for the Excel layout."""

import csv
import io
import re
from decimal import Decimal

import pytest
from django.utils import translation

from lotse.core.spreadsheets import (
    EXCEL_ENGLISH,
    EXCEL_GERMAN,
    FOR_SCRIPTS,
    FORMULA_STARTS,
    PLAIN_NUMBER,
    cell_text,
    csv_text,
    excel_layout,
)
from lotse.dashboard.tables import TABLES
from lotse.dashboard.views import TRANSPARENCY_COLUMNS
from lotse.imports.kinds import KINDS
from lotse.imports.services import import_file
from lotse.placements.models import PlacementEvent
from lotse.placements.views import EXPORT_COLUMNS
from lotse.places.models import Facility
from lotse.privacy.models import Consent
from lotse.privacy.services import consent_give

from ..dashboard.factories import make_need
from ..placements.factories import make_placement


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """A request in English leaves English active in this thread; later tests expect German."""
    yield
    translation.deactivate()


HYPERLINK = '=HYPERLINK("http://x")'
PAYLOADS = [HYPERLINK, "+1+1", "@SUM(A1)", "-2+3"]
BOM = b"\xef\xbb\xbf"
DELIMITER = {"de": ";", "en": ","}

# Every CSV URL of the platform, with the header it must carry (None: translated labels) and a
# cell that must appear neutralised (None: the export carries none of the payloads).
EXPORTS = {
    "/placements/events.csv": (EXPORT_COLUMNS, "'" + HYPERLINK),
    "/transparency.csv?format=excel": (TRANSPARENCY_COLUMNS, None),
    **{f"/data/export/{kind}.csv": (KINDS[kind].columns, None) for kind in KINDS},
    **{f"/dashboard/export/{table}.csv": (None, None) for table in sorted(TABLES)},
}
EXPORTS["/data/export/facilities.csv"] = (KINDS["facilities"].columns, "'" + HYPERLINK)
EXPORTS["/data/export/needs.csv"] = (KINDS["needs"].columns, "'@SUM(A1)")
EXPORTS["/data/export/volunteers.csv"] = (KINDS["volunteers"].columns, "'-2+3")
EXPORTS["/dashboard/export/stale_past.csv"] = (None, "'@SUM(A1)")


def runs_as_formula(cell: str) -> bool:
    if PLAIN_NUMBER.fullmatch(cell):
        return False
    return cell[:1] in FORMULA_STARTS or cell.lstrip()[:1] in FORMULA_STARTS


def parse(content: bytes, language: str) -> list[list[str]]:
    assert content.startswith(BOM), "Excel reads UTF-8 only after a BOM"
    text = content[len(BOM) :].decode("utf-8")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=DELIMITER[language]))


@pytest.fixture
def tricky_data(stadt, facility_a1, alice, victor):
    """Names, titles and notes that a spreadsheet would run as formulas."""
    stadt.name = "+1+1"
    stadt.save()
    facility_a1.name = HYPERLINK
    facility_a1.save()
    victor.first_name, victor.last_name = "-2+3", "@SUM(A1)"
    victor.save()
    consent_give(user=victor, kind=Consent.Kind.CODE_OF_CONDUCT, version="test")
    need = make_need(facility_a1, days_ahead=-3, title="@SUM(A1)", description="-2+3")
    placement = make_placement(need=need, volunteer=victor.volunteer, how="proposed")
    PlacementEvent.objects.create(
        placement=placement, action="propose", to_state="proposed", actor=alice,
        actor_role="social_worker", note=HYPERLINK,
    )  # fmt: skip


@pytest.fixture
def as_erin(client, erin):
    client.force_login(erin)
    return client


@pytest.mark.parametrize("language", ["de", "en"])
@pytest.mark.parametrize("url", sorted(EXPORTS))
def test_no_export_has_a_cell_excel_would_run_as_a_formula(as_erin, tricky_data, url, language):
    response = as_erin.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert re.fullmatch(r'attachment; filename="[\w.-]+\.csv"', response["Content-Disposition"])
    rows = parse(response.content, language)
    header, neutralised = EXPORTS[url]
    if header is not None:
        assert rows[0] == list(header)
    assert len({len(row) for row in rows}) == 1, "every row has the header's columns"
    cells = [cell for row in rows for cell in row]
    assert [cell for cell in cells if runs_as_formula(cell)] == []
    if neutralised is not None:
        assert neutralised in cells


def test_german_exports_write_decimal_commas(as_erin, tricky_data):
    rows = parse(as_erin.get("/dashboard/export/districts.csv").content, "de")
    cells = [cell for row in rows[1:] for cell in row]
    assert any(re.fullmatch(r"\d+,\d+", cell) for cell in cells)
    assert not any(re.fullmatch(r"\d+\.\d+", cell) for cell in cells)


def test_english_exports_write_decimal_points(as_erin, tricky_data):
    response = as_erin.get("/dashboard/export/districts.csv", HTTP_ACCEPT_LANGUAGE="en")
    cells = [cell for row in parse(response.content, "en")[1:] for cell in row]
    assert any(re.fullmatch(r"\d+\.\d+", cell) for cell in cells)
    assert not any(re.fullmatch(r"\d+,\d+", cell) for cell in cells)


def test_the_import_export_keeps_values_the_import_reads(as_erin, tricky_data, facility_a1):
    rows = parse(as_erin.get("/data/export/facilities.csv").content, "de")
    lat = rows[0].index("lat")
    [row] = [r for r in rows[1:] if r[1] == "'" + HYPERLINK]
    assert row[lat] == str(facility_a1.lat).rstrip("0").rstrip(".")  # a point, as imported


def test_the_transparency_csv_keeps_its_contract_for_scripts(
    client, tricky_data, facility_a2, facility_c1
):
    for language in ("de", "en"):
        response = client.get("/transparency.csv", HTTP_ACCEPT_LANGUAGE=language)
        assert not response.content.startswith(BOM)
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8"))))
        assert rows[0] == TRANSPARENCY_COLUMNS
        assert "< 5" in [cell for row in rows for cell in row]
        assert response["Content-Type"] == "text/csv; charset=utf-8"


def test_the_transparency_page_offers_the_excel_layout_first(client):
    page = client.get("/transparency/").content.decode()
    assert page.index('href="/transparency.csv?format=excel"') < page.index(
        'href="/transparency.csv"'
    )


def test_the_pages_offer_xlsx_before_csv(as_erin):
    page = as_erin.get("/data/").content.decode()
    assert page.index("/data/export/needs.xlsx") < page.index("/data/export/needs.csv")


@pytest.mark.parametrize("text", [*PAYLOADS, "\t=1", "\r=1", "  =1+1", " @x", "-", "+"])
def test_it_prefixes_formula_text_with_an_apostrophe(text):
    assert cell_text(text, EXCEL_GERMAN) == "'" + text


@pytest.mark.parametrize(
    ("value", "german", "english"),
    [(-5, "-5", "-5"), ("-5", "-5", "-5"), (-2.5, "-2,5", "-2.5"), (Decimal("-0.75"), "-0,75",
     "-0.75"), ("+3", "+3", "+3"), (1e-05, "0,00001", "0.00001"), ("1.5", "1.5", "1.5")],
)  # fmt: skip
def test_it_keeps_numbers_numbers(value, german, english):
    assert (cell_text(value, EXCEL_GERMAN), cell_text(value, EXCEL_ENGLISH)) == (german, english)


def test_it_leaves_ordinary_text_alone():
    text = "Begleitung zum Amt - dringend"
    assert cell_text(text, EXCEL_GERMAN) == text


def test_it_picks_the_layout_from_the_interface_language():
    with translation.override("de"):
        assert excel_layout() == EXCEL_GERMAN
    with translation.override("en"):
        assert excel_layout() == EXCEL_ENGLISH


def test_the_script_layout_has_no_bom_and_commas():
    text = csv_text(["a", "b"], [[1.5, "=x"]], FOR_SCRIPTS)
    assert text == "a,b\n1.5,'=x\n"


@pytest.mark.parametrize("language", ["de", "en"])
def test_an_excel_export_of_the_data_page_imports_again_unchanged(
    as_erin, tricky_data, facility_a1, language
):
    Facility.objects.filter(pk=facility_a1.pk).update(external_id="F-1")
    content = as_erin.get("/data/export/facilities.csv", HTTP_ACCEPT_LANGUAGE=language).content
    report = import_file(kind="facilities", data=content, filename="f.csv", actor=None)
    assert (report.ok, report.unchanged, report.created, report.updated) == (True, 1, 0, 0), [
        str(e) for e in report.errors
    ]

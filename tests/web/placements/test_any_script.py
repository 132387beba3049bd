"""Data in any script (issue 18): names, need titles and facility names in Arabic, Persian,
Cyrillic or mixed with German are stored, shown, exported to CSV and XLSX and read back intact."""

import csv
import io

import pytest
from openpyxl import load_workbook

from lotse.dashboard.exports import table_csv, table_xlsx
from lotse.dashboard.tables import Column, Table

pytestmark = pytest.mark.django_db

NAME = ("أحمد", "Коваленко")
TITLE = "Допомога з документами · مساعدة في الأوراق"
FACILITY = "اقامتگاه کیندرهاوس (Kinderhaus)"
# An Arabic text that starts like a formula, and a German street inside Persian.
TEXTS = [TITLE, FACILITY, "=ملخص", "خیابان Brüningheide 40، ۴۸۱۵۷ Münster", "Ёлка ё Ї ґ"]


def test_names_and_titles_in_any_script_are_stored_and_shown_intact(client, active, alice,
                                                                   victor):  # fmt: skip
    victor.first_name, victor.last_name = NAME
    victor.save()
    need = active.need
    need.title = TITLE
    need.save()
    need.facility.name = FACILITY
    need.facility.save()
    client.force_login(alice)
    page = client.get(f"/placements/{active.pk}/").content.decode()
    assert TITLE in page and "أحمد" in page
    client.force_login(victor)
    page = client.get("/placements/", headers={"accept-language": "ar"}).content.decode()
    assert TITLE in page


def test_the_audit_export_keeps_every_script(client, proposal, alice):
    proposal.need.facility.name = FACILITY
    proposal.need.facility.save()
    client.force_login(alice)
    client.post(f"/placements/{proposal.pk}/approve/")
    text = client.get("/placements/events.csv").content.decode("utf-8-sig")
    assert FACILITY in text


def test_spreadsheets_read_back_every_script_and_keep_formulas_as_text():
    table = Table("scripts", "Scripts", [Column("Text", numeric=False), Column("Count")])
    for number, text in enumerate(TEXTS):
        table.add([text, number])
    sheet = load_workbook(io.BytesIO(table_xlsx(table))).active
    assert [row[0] for row in sheet.iter_rows(min_row=2, values_only=True)] == TEXTS
    assert all(cell.data_type == "s" for cell in sheet["A"][1:])
    rows = list(csv.reader(io.StringIO(table_csv(table).decode("utf-8-sig")), delimiter=";"))
    read_back = [row[0].removeprefix("'") for row in rows[1:]]
    assert read_back == TEXTS


def test_mixed_direction_text_is_isolated_so_it_keeps_its_order(client, active, victor):
    """An Arabic name with a German street: each typed text in its own bidi island (<bdi>), so
    "Brüningheide 40" is not reordered by the Arabic around it."""
    victor.first_name = "أحمد"
    victor.save()
    volunteer = active.volunteer
    volunteer.street = "Brüningheide 40"
    volunteer.save()
    client.force_login(victor)
    client.cookies["django_language"] = "ar"
    page = client.get("/volunteer/profile/").content.decode()
    assert '<html lang="ar" dir="rtl">' in page
    assert "<bdi>Brüningheide 40</bdi>" in page
    assert '<bdi dir="ltr">' + volunteer.postcode.code + "</bdi>" in page

"""Coordinators see aggregates: no volunteer's personal data in any dashboard response."""

import io

import pytest
from openpyxl import load_workbook

from lotse.dashboard.tables import TABLES

PAGES = ["/dashboard/", "/dashboard/trends/", "/dashboard/stale/", "/api/v1/districts/demand/",
         "/transparency/", "/transparency.csv", "/coordinator/"]  # fmt: skip


@pytest.fixture
def personal(nord, helper):
    """Everything personal about the scenario's volunteers, as it could leak."""
    helper.phone, helper.street = "+49 251 9876543", "Geheimweg 7"
    helper.save()
    runner = nord["runner"]
    # Names no page could contain by chance (a random "Mona" is inside "Monat").
    for volunteer, first, last in (
        (helper, "Xaveria", "Quendolin"),
        (runner, "Zebulon", "Yrrgang"),
    ):
        volunteer.user.first_name, volunteer.user.last_name = first, last
        volunteer.user.save(update_fields=["first_name", "last_name"])
    return [
        helper.user.email, helper.user.first_name, helper.user.last_name, helper.phone,
        helper.street, runner.user.email, runner.user.last_name, runner.user.first_name,
        helper.user.display_name, runner.user.display_name,
    ]  # fmt: skip


def _xlsx_text(content: bytes) -> str:
    sheet = load_workbook(io.BytesIO(content)).active
    return " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v)


@pytest.mark.parametrize("name", ["dora", "erin"])
def test_it_shows_no_personal_field_on_any_page_or_api(client, everyone, personal, name):
    client.force_login(everyone[name])
    for url in PAGES:
        body = client.get(url).content.decode()
        assert not [value for value in personal if value in body], url


def test_it_exports_no_personal_field_in_any_table(client, erin, personal):
    client.force_login(erin)
    for table in TABLES:
        text = client.get(f"/dashboard/export/{table}.csv").content.decode()
        text += _xlsx_text(client.get(f"/dashboard/export/{table}.xlsx").content)
        assert not [value for value in personal if value in text], table

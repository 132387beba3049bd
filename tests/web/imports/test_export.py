"""Exports: the import's columns, within scope; a file exported imports without change."""

import csv
import io

import pytest
from django.urls import reverse

from lotse.imports.exports import export_csv, export_xlsx
from lotse.imports.services import import_file
from lotse.places.models import Facility

from .conftest import FACILITY, VOLUNTEER, need_row, run

pytestmark = pytest.mark.django_db


@pytest.fixture
def stored(f1):
    run("volunteers", [VOLUNTEER | {"certificate_date": "2026-09-01",
                                    "certificate_inspected_on": "2026-10-15"}])  # fmt: skip
    run("needs", [need_row(f1, languages_preferred="en:basic")])


@pytest.mark.parametrize("kind", ["facilities", "volunteers", "needs"])
@pytest.mark.parametrize(("writer", "filename"), [(export_csv, "x.csv"), (export_xlsx, "x.xlsx")])
def test_an_export_imports_again_without_change(stored, kind, writer, filename):
    data = writer(kind=kind, user=None)
    report = import_file(kind=kind, data=data, filename=filename, actor=None)
    assert (report.ok, report.unchanged, report.created, report.updated) == (True, 1, 0, 0), [
        str(e) for e in report.errors
    ]


def test_the_export_has_the_contracts_columns(stored):
    header = export_csv(kind="volunteers", user=None).decode().splitlines()[0]
    assert header == (
        "external_id,first_name,last_name,email,postcode,street,max_distance_km,skills,"
        "languages,availability,max_hours_per_month,certificate_date,"
        "certificate_inspected_on,code_of_conduct"
    )


def test_a_cell_that_looks_like_a_formula_is_written_as_text(stadt):
    run("facilities", [FACILITY | {"name": '=HYPERLINK("http://x")'}])
    rows = list(csv.reader(io.StringIO(export_csv(kind="facilities", user=None).decode())))
    assert rows[1][1] == '\'=HYPERLINK("http://x")'
    report = import_file(
        kind="facilities", data=export_csv(kind="facilities", user=None), filename="f.csv",
        actor=None,
    )  # fmt: skip
    assert report.unchanged == 1
    assert Facility.objects.get().name.startswith("=HYPERLINK")


def test_staff_export_only_what_they_may_see(client, charlie, stored):
    client.force_login(charlie)
    url = reverse("imports:export", kwargs={"kind": "needs", "fmt": "csv"})
    body = client.get(url).content.decode()
    assert body.splitlines() == [body.splitlines()[0]]  # the header only: F-1 is Stadt's


def test_volunteers_are_exported_to_administrators_only(client, alice, erin, stored):
    url = reverse("imports:export", kwargs={"kind": "volunteers", "fmt": "xlsx"})
    client.force_login(alice)
    assert client.get(url).status_code == 403
    client.force_login(erin)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].endswith('.xlsx"')


@pytest.mark.parametrize("name", ["dora", "victor"])
def test_coordinators_export_places_and_needs_but_volunteers_get_nothing(client, everyone, name):
    client.force_login(everyone[name])
    url = reverse("imports:export", kwargs={"kind": "needs", "fmt": "csv"})
    assert client.get(url).status_code == (200 if name == "dora" else 403)

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lotse.imports.tables import TOO_LARGE
from lotse.places.models import Facility

from .conftest import FACILITY, csv_bytes

pytestmark = pytest.mark.django_db


def _upload(client, data: bytes, name="facilities.csv", dry_run=False):
    form = {"kind": "facilities", "file": SimpleUploadedFile(name, data)}
    if dry_run:
        form["dry_run"] = "on"
    return client.post(reverse("imports:upload"), form)


def test_an_administrator_checks_then_imports_a_file(client, erin, stadt):
    client.force_login(erin)
    response = _upload(client, csv_bytes([FACILITY]), dry_run=True)
    assert "Prüfung bestanden" in response.content.decode()
    assert not Facility.objects.exists()
    response = _upload(client, csv_bytes([FACILITY]))
    assert "1 neu" in response.content.decode()
    assert Facility.objects.get().external_id == "F-1"


def test_the_page_lists_every_problem_in_a_table(client, erin, stadt):
    client.force_login(erin)
    response = _upload(client, csv_bytes([FACILITY | {"postcode": "99999"}]))
    assert response.status_code == 400
    page = response.content.decode()
    assert "<caption>Probleme in der Datei</caption>" in page
    assert "99999" in page
    assert not Facility.objects.exists()


def test_a_50_mb_upload_is_refused(client, erin):
    client.force_login(erin)
    response = _upload(client, b"x" * (50 * 1024 * 1024))
    assert response.status_code == 400
    assert response.context["form"].errors["file"] == [str(TOO_LARGE % {"mb": 10})]


@pytest.mark.parametrize("name", ["alice", "dora", "victor"])
def test_only_administrators_upload(client, everyone, name, stadt):
    client.force_login(everyone[name])
    assert _upload(client, csv_bytes([FACILITY])).status_code == 403
    assert not Facility.objects.filter(external_id="F-1").exists()


def test_staff_see_exports_but_no_upload_form(client, alice):
    client.force_login(alice)
    page = client.get(reverse("imports:home")).content.decode()
    assert reverse("imports:export", kwargs={"kind": "needs", "fmt": "csv"}) in page
    assert reverse("imports:upload") not in page
    assert "volunteers.csv" not in page


def test_a_file_with_thousands_of_problems_shows_the_first_ones(client, erin, stadt, monkeypatch):
    monkeypatch.setattr("lotse.imports.views.SHOWN_ERRORS", 1)
    client.force_login(erin)
    rows = [FACILITY | {"external_id": f"F-{n}", "postcode": "99999"} for n in range(3)]
    page = _upload(client, csv_bytes(rows)).content.decode()
    assert page.count("99999") == 1
    assert "… und 2 weitere Probleme." in page

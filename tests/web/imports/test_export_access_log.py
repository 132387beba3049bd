"""Exports of eFZ data leave an access-log entry per exported certificate inspection: who,
when, which record, and how many rows the export had (GDPR Art. 10)."""

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from lotse.core.models import AccessLogEntry
from lotse.volunteers.models import CertificateInspection

from .conftest import VOLUNTEER, run

pytestmark = pytest.mark.django_db

CERTIFIED = {"certificate_date": "2026-09-01", "certificate_inspected_on": "2026-10-15"}


@pytest.fixture
def volunteers():
    """Three volunteers, two of them with an inspected certificate of conduct."""
    rows = [
        VOLUNTEER | CERTIFIED,
        VOLUNTEER | CERTIFIED | {"external_id": "V-2", "email": "mo@example.org"},
        VOLUNTEER | {"external_id": "V-3", "email": "ida@example.org"},
    ]
    report = run("volunteers", rows)
    assert report.ok, [str(e) for e in report.errors]
    assert AccessLogEntry.objects.count() == 0


def _export(client, fmt: str = "csv"):
    url = reverse("imports:export", kwargs={"kind": "volunteers", "fmt": fmt})
    return client.get(url)


def test_it_logs_each_exported_certificate_inspection(client, erin, volunteers):
    client.force_login(erin)
    assert _export(client).status_code == 200
    entries = AccessLogEntry.objects.all()
    assert sorted(int(e.record_id) for e in entries) == sorted(
        CertificateInspection.objects.values_list("pk", flat=True)
    )
    assert {e.record_type for e in entries} == {"volunteers.certificateinspection"}


def test_it_logs_who_exported_and_when(client, erin, volunteers):
    client.force_login(erin)
    before = timezone.now()
    _export(client)
    entry = AccessLogEntry.objects.first()
    assert (entry.actor, entry.actor_label, entry.actor_role) == (erin, erin.email, "admin")
    assert before <= entry.at <= timezone.now()


def test_it_logs_the_format_and_the_number_of_rows(client, erin, volunteers):
    client.force_login(erin)
    _export(client, "xlsx")
    assert set(AccessLogEntry.objects.values_list("purpose", flat=True)) == {
        "volunteers export as XLSX: 3 rows, 2 with eFZ data"
    }


def test_each_export_is_logged_again(client, erin, volunteers):
    client.force_login(erin)
    _export(client)
    _export(client, "xlsx")
    assert AccessLogEntry.objects.count() == 4


def test_the_operators_export_command_is_logged_as_the_system(volunteers, tmp_path):
    call_command("export_data", "volunteers", "--output", str(tmp_path / "v.csv"))
    assert set(AccessLogEntry.objects.values_list("actor_label", "actor_role")) == {
        ("system", "system")
    }
    assert AccessLogEntry.objects.count() == 2


def test_a_refused_export_logs_nothing(client, alice, volunteers):
    client.force_login(alice)
    assert _export(client).status_code == 403
    assert AccessLogEntry.objects.count() == 0


def test_exports_without_efz_data_log_nothing(client, erin, volunteers):
    client.force_login(erin)
    client.get(reverse("imports:export", kwargs={"kind": "needs", "fmt": "csv"}))
    client.get(reverse("imports:export", kwargs={"kind": "facilities", "fmt": "xlsx"}))
    assert AccessLogEntry.objects.count() == 0

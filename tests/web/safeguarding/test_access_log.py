import datetime as dt

import pytest
from django.db import DatabaseError, connection, transaction

from lotse.core.audit import access_log_record
from lotse.core.errors import AppendOnlyError
from lotse.core.models import AccessLogEntry
from lotse.safeguarding.retention import access_log_purge
from lotse.volunteers.selectors import certificate_status
from lotse.volunteers.services import certificate_inspection_record

pytestmark = pytest.mark.django_db


def test_it_logs_who_read_which_concern_when_and_why(client, contact_alice, concern):
    client.force_login(contact_alice)
    client.get(f"/concerns/{concern.pk}/")
    client.get(f"/api/v1/concerns/{concern.pk}/")
    entries = AccessLogEntry.objects.filter(record_type="safeguarding.concern")
    assert entries.count() == 2
    entry = entries.first()
    assert (entry.actor, entry.actor_label, entry.record_id) == (
        contact_alice, "alice@example.org", str(concern.pk)
    )  # fmt: skip
    assert entry.purpose.startswith("case handling") and entry.at is not None


def test_it_logs_each_concern_shown_in_a_list(client, dora, concern):
    client.force_login(dora)
    client.get("/concerns/")
    client.get("/api/v1/concerns/")
    assert AccessLogEntry.objects.filter(record_id=str(concern.pk), actor=dora).count() == 2


def test_it_logs_nothing_for_those_who_may_not_read(client, bob, concern):
    client.force_login(bob)
    client.get(f"/concerns/{concern.pk}/")
    assert not AccessLogEntry.objects.exists()


@pytest.fixture
def inspection(victor, alice):
    today = dt.date.today()
    return certificate_inspection_record(
        volunteer=victor.volunteer,
        actor=alice,
        certificate_date=today - dt.timedelta(days=10),
        inspected_on=today,
    )


def test_it_logs_every_staff_read_of_certificate_data(inspection, alice, victor):
    certificate_status(victor.volunteer, reader=alice)
    entry = AccessLogEntry.objects.get()
    assert entry.record_type == "volunteers.certificateinspection"
    assert entry.record_id == str(inspection.pk) and entry.actor == alice


def test_it_does_not_log_a_volunteer_reading_their_own_certificate(inspection, victor):
    certificate_status(victor.volunteer, reader=victor)
    assert not AccessLogEntry.objects.exists()


def test_it_never_changes_an_entry(concern, alice):
    entry = access_log_record(actor=alice, record=concern, purpose="test")
    entry.purpose = "changed"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        AccessLogEntry.objects.filter(pk=entry.pk).update(purpose="changed")
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_the_database_refuses_to_change_an_entry(concern, alice):
    entry = access_log_record(actor=alice, record=concern, purpose="test")
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE safeguarding_accesslogentry SET purpose = 'x' WHERE id = %s", [entry.pk]
        )
    entry.refresh_from_db()
    assert entry.purpose == "test"


def test_it_drops_entries_after_the_retention_period(concern, alice, settings):
    settings.LOTSE_ACCESS_LOG_RETENTION_MONTHS = 24
    entry = access_log_record(actor=alice, record=concern, purpose="test")
    assert access_log_purge(now=entry.at + dt.timedelta(days=700)) == 0
    assert access_log_purge(now=entry.at + dt.timedelta(days=732)) == 1


def test_administrators_read_the_log_in_the_admin_and_cannot_change_it(
    client, erin, concern, alice
):
    entry = access_log_record(actor=alice, record=concern, purpose="test")
    client.force_login(erin)
    base = "/admin/core/accesslogentry/"
    assert client.get(base).status_code == 200
    assert client.get(f"{base}{entry.pk}/change/").status_code == 200
    assert client.get(f"{base}add/").status_code == 403
    assert client.post(f"{base}{entry.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()


def test_concerns_are_not_in_the_admin_at_all(client, erin, concern):
    client.force_login(erin)
    assert client.get("/admin/safeguarding/concern/").status_code == 404


def test_it_logs_an_administrator_opening_an_inspection_in_the_admin(client, inspection, erin):
    client.force_login(erin)
    response = client.get(f"/admin/volunteers/certificateinspection/{inspection.pk}/change/")
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get(actor=erin)
    assert entry.record_id == str(inspection.pk)


def test_it_logs_each_inspection_in_the_admin_list(client, inspection, erin):
    client.force_login(erin)
    assert client.get("/admin/volunteers/certificateinspection/").status_code == 200
    assert AccessLogEntry.objects.filter(actor=erin, record_id=str(inspection.pk)).exists()

import datetime as dt

import pytest
from django.utils import timezone

from lotse.placements.gates import OPEN_CONCERN, safeguarding_problems
from lotse.safeguarding import services
from lotse.safeguarding.models import AppendOnlyError, Status
from notifications.models import Notification

from ..placements.factories import NeedFactory, make_placement, ready_volunteer

pytestmark = pytest.mark.django_db


def _api(client, concern, verb, **body):
    return client.post(f"/api/v1/concerns/{concern.pk}/{verb}/", body, "application/json")


def test_it_moves_a_concern_from_new_to_in_review_to_resolved(client, contact_alice, concern):
    client.force_login(contact_alice)
    assert _api(client, concern, "acknowledge").json()["status"] == Status.IN_REVIEW
    resolved = _api(client, concern, "resolve", text="Gespräch geführt, Hausverbot.").json()
    assert resolved["status"] == Status.RESOLVED and resolved["resolution"]


def test_it_answers_409_to_a_second_acknowledgement(client, contact_alice, concern):
    client.force_login(contact_alice)
    _api(client, concern, "acknowledge")
    response = _api(client, concern, "acknowledge")
    assert response.status_code == 409
    assert response.json()["detail"] == str(services.ALREADY_ACKNOWLEDGED)


def test_it_refuses_to_close_a_concern_nobody_acknowledged(client, contact_alice, concern):
    client.force_login(contact_alice)
    response = _api(client, concern, "resolve", text="erledigt")
    assert response.status_code == 409
    concern.refresh_from_db()
    assert concern.status == Status.NEW


def test_it_refuses_to_close_without_an_outcome(client, contact_alice, concern):
    client.force_login(contact_alice)
    _api(client, concern, "acknowledge")
    response = _api(client, concern, "resolve", text="  ")
    assert response.status_code == 400
    assert response.json()["resolution"] == [str(services.RESOLUTION_REQUIRED)]


def test_it_keeps_case_notes_as_written(client, dora, concern):
    client.force_login(dora)
    notes = _api(client, concern, "notes", text="Mit der Leitung gesprochen.").json()["notes"]
    assert [n["text"] for n in notes] == ["Mit der Leitung gesprochen."]
    note = concern.notes.get()
    note.text = "geändert"
    with pytest.raises(AppendOnlyError):
        note.save()


def test_it_handles_the_case_on_the_page(client, contact_alice, concern):
    client.force_login(contact_alice)
    client.post(f"/concerns/{concern.pk}/acknowledge/")
    client.post(f"/concerns/{concern.pk}/notes/", {"text": "Notiz"})
    client.post(f"/concerns/{concern.pk}/resolve/", {"text": "Geklärt"})
    concern.refresh_from_db()
    assert concern.status == Status.RESOLVED and concern.notes.count() == 1


@pytest.fixture
def placed(facility_a1, alice):
    volunteer = ready_volunteer(email="paul@example.org")
    make_placement(need=NeedFactory(facility=facility_a1, created_by=alice), volunteer=volunteer)
    return volunteer


def test_it_suspends_the_volunteer_until_the_concern_is_resolved(
    client, contact_alice, concern, placed, facility_a1
):
    client.force_login(contact_alice)
    need = NeedFactory(facility=facility_a1)
    assert str(OPEN_CONCERN) not in safeguarding_problems(need=need, volunteer=placed)
    response = _api(client, concern, "volunteer", volunteer=placed.pk, suspend=True)
    assert response.json()["suspends_placements"] is True
    assert str(OPEN_CONCERN) in safeguarding_problems(need=need, volunteer=placed)
    _api(client, concern, "acknowledge")
    _api(client, concern, "resolve", text="Vorwurf nicht bestätigt.")
    assert str(OPEN_CONCERN) not in safeguarding_problems(need=need, volunteer=placed)


def test_it_names_only_volunteers_placed_at_the_facility(client, contact_alice, concern):
    stranger = ready_volunteer(email="stranger@example.org")
    client.force_login(contact_alice)
    response = _api(client, concern, "volunteer", volunteer=stranger.pk, suspend=True)
    assert response.status_code == 400
    assert response.json()["volunteer"] == [str(services.VOLUNTEER_NOT_LINKABLE)]
    concern.refresh_from_db()
    assert concern.volunteer is None and not concern.suspends_placements


def test_it_escalates_an_unanswered_concern_once_after_the_deadline(concern, alice, dora):
    later = concern.response_due_at + dt.timedelta(minutes=1)
    assert services.concerns_escalate_overdue(now=concern.response_due_at) == 0
    assert services.concerns_escalate_overdue(now=later) == 1
    assert services.concerns_escalate_overdue(now=later) == 0
    overdue = Notification.objects.filter(event="concern_overdue")
    assert sorted(n.recipient.email for n in overdue) == [alice.email, dora.email]


def test_it_does_not_escalate_an_acknowledged_concern(concern, contact_alice):
    services.concern_acknowledge(concern=concern, actor=contact_alice)
    assert services.concerns_escalate_overdue(now=timezone.now() + dt.timedelta(days=30)) == 0


def test_it_escalates_to_administrators_where_no_coordinator_is(facility_a2, bob, erin):
    facility_a2.contact_persons.add(bob)
    raised = services.concern_raise(facility_id=facility_a2.pk, category="other", text="x")
    due = raised.concern.response_due_at + dt.timedelta(seconds=1)
    services.concerns_escalate_overdue(now=due)
    overdue = Notification.objects.filter(event="concern_overdue")
    assert sorted(n.recipient.email for n in overdue) == [bob.email, erin.email]


def test_it_sets_the_deadline_from_the_settings(settings, facility_a1):
    settings.LOTSE_CONCERN_RESPONSE_HOURS = 6
    concern = services.concern_raise(facility_id=facility_a1.pk, category="other", text="x").concern
    assert concern.response_due_at - concern.created_at == dt.timedelta(hours=6)

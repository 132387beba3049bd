"""/api/v1/placements/ as in contracts.md: 201/200, and 400/403/404/409 with nothing changed."""

import datetime as dt

import pytest
from django.utils import timezone

from lotse.placements.models import HoursEntry, Placement, State
from lotse.placements.rules import ALREADY_APPROVED, ONLY_SOCIAL_WORKERS

from .factories import make_placement, ready_volunteer

pytestmark = pytest.mark.django_db


def _post(client, user, url, data=None):
    client.force_login(user)
    return client.post(url, data or {}, content_type="application/json")


def test_a_social_worker_proposes(client, need, volunteer, alice):
    response = _post(
        client, alice, "/api/v1/placements/", {"need": need.pk, "volunteer": volunteer.pk}
    )
    assert response.status_code == 201
    body = response.json()
    assert (body["state"], body["origin"]) == ("proposed", "social_worker")
    assert body["events"][0]["action"] == "propose"
    assert response["Location"].endswith(f"/api/v1/placements/{body['id']}/")


def test_a_volunteer_offers_to_help(client, need, victor, volunteer):
    response = _post(client, victor, "/api/v1/placements/", {"need": need.pk})
    assert response.status_code == 201
    assert response.json()["origin"] == "volunteer"
    assert response.json()["accepted_at"] is not None


def test_the_full_workflow(client, need, volunteer, alice, victor):
    pk = _post(
        client, alice, "/api/v1/placements/", {"need": need.pk, "volunteer": volunteer.pk}
    ).json()["id"]
    assert _post(client, victor, f"/api/v1/placements/{pk}/accept/").json()["state"] == "proposed"
    body = _post(client, alice, f"/api/v1/placements/{pk}/approve/").json()
    assert body["state"] == "active"
    assert body["contacts"]["volunteer"]["email"] == "victor@example.org"


def test_approving_twice_answers_409_with_a_message(client, proposal, alice):
    assert _post(client, alice, f"/api/v1/placements/{proposal.pk}/approve/").status_code == 200
    response = _post(client, alice, f"/api/v1/placements/{proposal.pk}/approve/")
    assert response.status_code == 409
    assert response.json()["detail"] == str(ALREADY_APPROVED)
    assert response.json()["code"] == "state-conflict"
    assert Placement.objects.get(pk=proposal.pk).events.count() == 1


def test_a_reject_without_reason_answers_400(client, proposal, alice):
    response = _post(client, alice, f"/api/v1/placements/{proposal.pk}/reject/")
    assert response.status_code == 400
    assert "reason" in response.json()
    assert Placement.objects.get(pk=proposal.pk).state == State.PROPOSED


def test_a_reject_with_a_reason(client, proposal, alice):
    response = _post(
        client, alice, f"/api/v1/placements/{proposal.pk}/reject/", {"reason": "language"}
    )
    assert (response.status_code, response.json()["reject_reason"]) == (200, "language")


def test_facility_staff_cannot_approve_403(client, proposal, bob):
    response = _post(client, bob, f"/api/v1/placements/{proposal.pk}/approve/")
    assert response.status_code == 403
    assert response.json()["detail"] == str(ONLY_SOCIAL_WORKERS)
    assert response.json()["code"] == "not-permitted"
    assert Placement.objects.get(pk=proposal.pk).approved_at is None


def test_another_organisation_gets_404(client, proposal, charlie):
    assert _post(client, charlie, f"/api/v1/placements/{proposal.pk}/approve/").status_code == 404
    assert client.get(f"/api/v1/placements/{proposal.pk}/").status_code == 404
    assert Placement.objects.get(pk=proposal.pk).approved_at is None


def test_accepting_someone_elses_proposal_is_404(client, proposal):
    olga = ready_volunteer("olga@example.org")
    assert _post(client, olga.user, f"/api/v1/placements/{proposal.pk}/accept/").status_code == 404
    assert Placement.objects.get(pk=proposal.pk).accepted_at is None


def test_ending_a_placement_that_never_started_is_409(client, active, victor):
    response = _post(client, victor, f"/api/v1/placements/{active.pk}/end/", {"reason": "Umzug"})
    assert response.status_code == 409
    assert Placement.objects.get(pk=active.pk).state == State.ACTIVE


def test_withdraw_and_complete_are_there_too(client, active, victor):
    response = _post(client, victor, f"/api/v1/placements/{active.pk}/withdraw/")
    assert (response.status_code, response.json()["state"]) == (200, "withdrawn")
    response = _post(client, victor, f"/api/v1/placements/{active.pk}/complete/")
    assert response.status_code == 403


def test_an_unknown_verb_is_404(client, proposal, alice):
    assert _post(client, alice, f"/api/v1/placements/{proposal.pk}/explode/").status_code == 404


def test_lists_are_scoped_and_paginated(client, proposal, everyone):
    for name, count in [("victor", 1), ("alice", 1), ("bob", 1), ("charlie", 0), ("dora", 0)]:
        client.force_login(everyone[name])
        body = client.get("/api/v1/placements/").json()
        assert set(body) == {"count", "next", "previous", "results"}
        assert body["count"] == count, name


def test_lists_filter_by_state(client, need, active, alice):
    make_placement(need=need, volunteer=ready_volunteer(), how="proposed")
    client.force_login(alice)
    body = client.get("/api/v1/placements/?state=active").json()
    assert [p["id"] for p in body["results"]] == [active.pk]


@pytest.mark.parametrize(
    "hours, day_offset, status",
    [(2, 0, 201), (-1, 0, 400), (3, 1, 400), (30, 0, 400)],
)
def test_hours_through_the_api(client, active, victor, hours, day_offset, status):
    day = timezone.localdate() + dt.timedelta(days=day_offset)
    response = _post(
        client, victor, f"/api/v1/placements/{active.pk}/hours/", {"date": str(day), "hours": hours}
    )
    assert response.status_code == status
    assert HoursEntry.objects.count() == (1 if status == 201 else 0)


def test_staff_confirm_hours_through_the_api(client, active, victor, bob):
    entry = _post(client, victor, f"/api/v1/placements/{active.pk}/hours/", {
        "date": str(timezone.localdate()), "hours": 3})  # fmt: skip
    url = f"/api/v1/placements/{active.pk}/hours/{entry.json()['id']}/confirm/"
    response = _post(client, bob, url, {"hours": "2.5"})
    assert (response.status_code, response.json()["confirmed_hours"]) == (200, "2.50")


def test_the_schema_documents_the_placement_endpoints(client, alice):
    client.force_login(alice)
    response = client.get("/api/schema/")
    assert response.status_code == 200
    schema = response.content.decode()
    assert "/api/v1/placements/{id}/{verb}/" in schema
    assert "/api/v1/placements/{id}/hours/" in schema

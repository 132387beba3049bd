"""/api/v1/needs: CRUD within scope, lifecycle actions, 409 on a state conflict."""

import pytest

from lotse.accounts.tokens import issue_token
from lotse.needs.models import Need, NeedRevision

from .conftest import in_days, weekly

pytestmark = pytest.mark.django_db
URL = "/api/v1/needs/"


def _body(facility, **changes) -> dict:
    return {
        "facility": facility.pk, "title": "Hausaufgabenhilfe", "main_skill": "homework_help",
        "skills": ["german_practice"], "languages_required": {"ar": "fluent"},
        "schedule": f"{in_days(7)} 15:00-17:00", "volunteers_needed": 2,
    } | changes  # fmt: skip


def test_a_social_worker_posts_a_one_off_need(client, alice, facility_a1):
    client.force_login(alice)
    response = client.post(URL, _body(facility_a1), "application/json")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["requires_certificate"] is True
    assert body["languages_required"] == {"ar": "fluent"}
    assert body["open_slots"] == 2 and body["status"] == "open"


def test_a_social_worker_posts_a_recurring_need_with_a_token(client, alice, facility_a1):
    _, key = issue_token(alice)
    response = client.post(
        URL, _body(facility_a1, schedule=weekly(), main_skill="bike_repair"), "application/json",
        HTTP_AUTHORIZATION=f"Token {key}",
    )  # fmt: skip
    assert response.status_code == 201
    assert response.json()["requires_certificate"] is False


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"volunteers_needed": 0}, "volunteers_needed"),
        ({"schedule": f"{in_days(-2)} 09:00-10:00"}, "schedule"),
        ({"languages_required": {"ar": "expert"}}, "languages_required"),
        ({"main_skill": "juggling"}, "main_skill"),
    ],
)
def test_bad_input_is_a_400_and_saves_nothing(client, alice, facility_a1, changes, field):
    client.force_login(alice)
    response = client.post(URL, _body(facility_a1, **changes), "application/json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Need.objects.exists()


def test_a_need_for_another_organisations_facility_is_a_403(client, alice, facility_c1):
    client.force_login(alice)
    response = client.post(URL, _body(facility_c1), "application/json")
    assert response.status_code == 403
    assert not Need.objects.exists()


def test_the_list_is_scoped_and_filterable_by_external_id(client, alice, a1_need, c1_need):
    client.force_login(alice)
    body = client.get(URL).json()
    assert [n["id"] for n in body["results"]] == [a1_need.pk]
    assert client.get(URL, {"external_id": "N-1"}).json()["count"] == 1
    assert client.get(URL, {"external_id": "nope"}).json()["count"] == 0
    assert client.get(f"{URL}{c1_need.pk}/").status_code == 404


def test_patch_keeps_a_revision_and_lists_it(client, alice, a1_need):
    client.force_login(alice)
    response = client.patch(f"{URL}{a1_need.pk}/", {"volunteers_needed": 3}, "application/json")
    assert response.status_code == 200
    assert response.json()["volunteers_needed"] == 3
    revisions = client.get(f"{URL}{a1_need.pk}/revisions/").json()
    assert revisions[0]["snapshot"]["volunteers_needed"] == 1
    assert NeedRevision.objects.count() == 1


def test_a_transition_the_state_does_not_allow_is_a_409(client, alice, a1_need):
    client.force_login(alice)
    response = client.post(f"{URL}{a1_need.pk}/reopen/")
    assert response.status_code == 409
    assert response.json()["detail"]
    assert Need.objects.get(pk=a1_need.pk).status == "open"


def test_the_lifecycle_through_the_api(client, alice, facility_a1):
    client.force_login(alice)
    need = client.post(URL, _body(facility_a1, status="draft"), "application/json").json()
    assert need["status"] == "draft"
    assert client.post(f"{URL}{need['id']}/open/").json()["status"] == "open"
    assert client.post(f"{URL}{need['id']}/fill/").json()["status"] == "filled"
    assert client.post(f"{URL}{need['id']}/close/").json()["status"] == "closed"


def test_deleting_a_published_need_is_a_409_and_a_draft_is_deleted(client, alice, a1_need):
    client.force_login(alice)
    assert client.delete(f"{URL}{a1_need.pk}/").status_code == 409
    Need.objects.filter(pk=a1_need.pk).update(status="draft")
    assert client.delete(f"{URL}{a1_need.pk}/").status_code == 204


def test_a_coordinator_reads_within_the_district_but_cannot_write(
    client, dora, a1_need, facility_a1
):
    client.force_login(dora)
    assert client.get(f"{URL}{a1_need.pk}/").status_code == 200
    assert client.post(URL, _body(facility_a1), "application/json").status_code == 403
    assert client.post(f"{URL}{a1_need.pk}/close/").status_code == 403


def test_volunteers_get_403(client, victor):
    client.force_login(victor)
    assert client.get(URL).status_code == 403


def test_skills_and_languages_are_public_reference_data(client):
    skills = client.get("/api/v1/skills/").json()
    assert {s["slug"] for s in skills} >= {"childcare", "interpreting"}
    assert client.get("/api/v1/languages/ar/").json()["label_de"] == "Arabisch"


def test_the_openapi_schema_still_builds(client):
    assert client.get("/api/schema/").status_code == 200

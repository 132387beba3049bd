"""Only the facility's named contact persons and its district coordinators see a concern —
pages and API, list and detail, for every role; nobody else gets a 2xx with its content."""

import pytest
from django.test import Client

pytestmark = pytest.mark.django_db

SEES = {"contact_alice", "dora"}
ROLES = ["anonymous", "contact_alice", "dora", "sam", "bob", "charlie", "hanna", "erin", "victor"]


def _client(request, role) -> Client:
    client = Client()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    return client


@pytest.mark.parametrize("role", ROLES)
def test_it_shows_the_concern_page_only_to_its_handlers(request, role, concern):
    response = _client(request, role).get(f"/concerns/{concern.pk}/")
    if role in SEES:
        assert response.status_code == 200 and "bedrängt" in response.content.decode()
    else:
        assert response.status_code in (302, 403, 404)


@pytest.mark.parametrize("role", ROLES)
def test_it_answers_the_concern_api_only_to_its_handlers(request, role, concern):
    response = _client(request, role).get(f"/api/v1/concerns/{concern.pk}/")
    if role in SEES:
        assert response.status_code == 200 and response.json()["text"].startswith("Ein")
    else:
        assert response.status_code in (401, 403, 404)


@pytest.mark.parametrize("role", ROLES)
def test_it_lists_the_concern_only_for_its_handlers(request, role, concern):
    client = _client(request, role)
    api = client.get("/api/v1/concerns/")
    page = client.get("/concerns/")
    if role in SEES:
        assert [c["id"] for c in api.json()["results"]] == [concern.pk]
        assert f"/concerns/{concern.pk}/" in page.content.decode()
    else:
        listed = api.json().get("results", []) if api.status_code == 200 else []
        assert listed == []
        assert (
            page.status_code in (302, 403)
            or f"/concerns/{concern.pk}/" not in page.content.decode()
        )


@pytest.mark.parametrize("role", ROLES)
def test_it_lets_only_handlers_act_on_a_concern(request, role, concern):
    response = _client(request, role).post(
        f"/api/v1/concerns/{concern.pk}/acknowledge/", {}, "application/json"
    )
    assert (response.status_code == 200) == (role in SEES)
    concern.refresh_from_db()
    assert (concern.status == "in_review") == (role in SEES)


def test_it_refuses_a_handler_without_two_factor_authentication(
    client, stadt, facility_a1, concern
):
    from ..factories import StaffFactory

    nomfa = StaffFactory(email="nomfa@example.org", organisation=stadt, mfa=False)
    facility_a1.contact_persons.add(nomfa)
    client.force_login(nomfa)
    assert client.get(f"/api/v1/concerns/{concern.pk}/").status_code == 403
    assert client.get(f"/concerns/{concern.pk}/").status_code == 302

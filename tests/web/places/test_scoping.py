"""For every role: which organisations and facilities it may and may not see."""

import pytest

from lotse.places.selectors import facilities_visible_to, organisations_visible_to

pytestmark = pytest.mark.django_db

FACILITIES = {
    "alice": {"A1 Kinderhaus", "A2 Hiltrup"},
    "bob": {"A2 Hiltrup"},
    "charlie": {"C1 Coerde"},
    "dora": {"A1 Kinderhaus", "C1 Coerde"},  # both in district Nord
    "erin": {"A1 Kinderhaus", "A2 Hiltrup", "C1 Coerde"},
    "victor": set(),
}
ORGANISATIONS = {
    "alice": {"Stadt Münster"},
    "bob": {"Stadt Münster"},
    "charlie": {"Caritas Münster"},
    "dora": {"Stadt Münster", "Caritas Münster"},
    "erin": {"Stadt Münster", "Caritas Münster"},
    "victor": set(),
}


@pytest.mark.parametrize("name", FACILITIES)
def test_it_scopes_facilities_by_role(everyone, name):
    seen = set(facilities_visible_to(everyone[name]).values_list("name", flat=True))
    assert seen == FACILITIES[name]


@pytest.mark.parametrize("name", ORGANISATIONS)
def test_it_scopes_organisations_by_role(everyone, name):
    seen = set(organisations_visible_to(everyone[name]).values_list("name", flat=True))
    assert seen == ORGANISATIONS[name]


@pytest.mark.parametrize("name", ["alice", "bob", "charlie", "dora", "erin"])
def test_the_api_lists_exactly_the_scoped_facilities(client, everyone, name):
    client.force_login(everyone[name])
    body = client.get("/api/v1/facilities/").json()
    assert {f["name"] for f in body["results"]} == FACILITIES[name]
    assert body["count"] == len(FACILITIES[name])


def test_it_answers_404_for_another_organisations_facility_in_the_api(
    client, everyone, facility_c1
):
    client.force_login(everyone["alice"])
    assert client.get(f"/api/v1/facilities/{facility_c1.pk}/").status_code == 404


def test_it_answers_404_for_another_organisations_facility_page(client, everyone, facility_c1):
    client.force_login(everyone["alice"])
    assert client.get(f"/facilities/{facility_c1.pk}/").status_code == 404


def test_it_shows_a_facility_page_within_scope(client, everyone, facility_a1):
    client.force_login(everyone["alice"])
    response = client.get(f"/facilities/{facility_a1.pk}/")
    assert response.status_code == 200
    assert "A1 Kinderhaus" in response.content.decode()


def test_it_refuses_the_facility_api_to_volunteers(client, everyone):
    client.force_login(everyone["victor"])
    assert client.get("/api/v1/facilities/").status_code == 403
    assert client.get("/api/v1/organisations/").status_code == 403


def test_it_refuses_the_api_without_login(client):
    assert client.get("/api/v1/facilities/").status_code in (401, 403)


def test_it_filters_facilities_by_external_id(client, everyone, facility_a1):
    facility_a1.external_id = "KH-1"
    facility_a1.save()
    client.force_login(everyone["erin"])
    body = client.get("/api/v1/facilities/?external_id=KH-1").json()
    assert [f["name"] for f in body["results"]] == ["A1 Kinderhaus"]


def test_it_accepts_token_auth(client, everyone):
    from lotse.accounts.tokens import issue_token

    _, key = issue_token(everyone["erin"])
    response = client.get("/api/v1/facilities/", HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200

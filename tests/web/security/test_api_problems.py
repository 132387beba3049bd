"""Every API error is a problem document (RFC 9457) with a stable code, the old `detail` (and a
validation error's field keys) alongside; 401 with WWW-Authenticate for missing or wrong
credentials, 403 only for a caller who is known but not allowed (lotse.api.errors)."""

import datetime as dt
import json

import pytest
from django.test import RequestFactory
from django.utils import timezone

from lotse.accounts.models import ApiToken
from lotse.accounts.tokens import issue_token
from lotse.needs.services import need_create
from lotse.web.error_pages import server_error

from ..factories import StaffFactory

pytestmark = pytest.mark.django_db
NEEDS = "/api/v1/needs/"
PROBLEM = "application/problem+json"


def _need_body(facility, **changes) -> dict:
    day = timezone.localdate() + dt.timedelta(days=7)
    return {
        "facility": facility.pk, "title": "Hausaufgabenhilfe", "main_skill": "homework_help",
        "schedule": f"{day} 15:00-17:00",
    } | changes  # fmt: skip


def test_it_answers_missing_credentials_with_401_and_the_bearer_scheme(client):
    response = client.get(NEEDS, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert (body["code"], body["type"]) == (
        "not-authenticated",
        "tag:lotse,2026:problem:not-authenticated",
    )
    assert (body["title"], body["status"], body["instance"]) == ("Not signed in", 401, NEEDS)
    assert body["detail"] and body["request_id"] == response["X-Request-ID"]


def test_it_answers_a_wrong_token_with_401_authentication_failed(client):
    response = client.get(NEEDS, HTTP_AUTHORIZATION="Bearer not-a-key")
    assert response.status_code == 401
    assert response.json()["code"] == "authentication-failed"


def test_it_answers_an_expired_token_with_401_token_expired(client, alice):
    token, key = issue_token(alice, days=30)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    response = client.get(NEEDS, HTTP_AUTHORIZATION=f"Bearer {key}")
    assert (response.status_code, response.json()["code"]) == (401, "token-expired")


def test_it_answers_staff_without_two_factor_with_403_mfa_required(client, stadt):
    client.force_login(StaffFactory(role="social_worker", organisation=stadt, mfa=False))
    response = client.get(NEEDS)
    assert (response.status_code, response.json()["code"]) == (403, "mfa-required")


def test_it_answers_a_known_caller_without_the_right_with_403_not_permitted(client, victor):
    client.force_login(victor)
    response = client.get(NEEDS)
    assert (response.status_code, response.json()["code"]) == (403, "not-permitted")
    assert "WWW-Authenticate" not in response


def test_it_gives_title_and_detail_in_the_requests_language(client):
    response = client.get(NEEDS, HTTP_ACCEPT_LANGUAGE="de")
    assert response.json()["title"] == "Nicht angemeldet"


def test_it_keeps_the_old_field_keys_beside_the_field_entries(client, alice, facility_a1):
    client.force_login(alice)
    body = _need_body(facility_a1, title="", volunteers_needed="many")
    response = client.post(NEEDS, body, "application/json")
    problem = response.json()
    assert response.status_code == 400 and response["Content-Type"] == PROBLEM
    assert problem["code"] == "validation"
    assert isinstance(problem["title"], list)  # the field's messages, as before
    assert {e["field"] for e in problem["errors"]} == {"title", "volunteers_needed"}
    assert problem["volunteers_needed"] == [e["message"] for e in problem["errors"]
                                            if e["field"] == "volunteers_needed"]  # fmt: skip


def test_it_refuses_a_form_body_with_415(client, alice, facility_a1):
    client.force_login(alice)
    response = client.post(NEEDS, _need_body(facility_a1))  # multipart, as a form sends it
    assert (response.status_code, response.json()["code"]) == (415, "unsupported-media-type")


def test_it_answers_a_duplicate_external_id_with_409_and_the_existing_need(
    client, alice, facility_a1
):
    client.force_login(alice)
    first = client.post(NEEDS, _need_body(facility_a1, external_id="K-1"), "application/json")
    assert first.status_code == 201
    again = client.post(NEEDS, _need_body(facility_a1, external_id="K-1"), "application/json")
    assert (again.status_code, again.json()["code"]) == (409, "duplicate-external-id")
    assert again["Location"] == again.json()["existing"] == first["Location"]
    assert first["Location"].endswith(f"{NEEDS}{first.json()['id']}/")


def test_it_gives_a_need_state_conflict_its_code(client, alice, facility_a1):
    client.force_login(alice)
    need = need_create(actor=alice, **(_need_body(facility_a1) | {"facility": facility_a1}))
    client.post(f"{NEEDS}{need.pk}/cancel/", {}, "application/json")
    response = client.post(f"{NEEDS}{need.pk}/close/", {}, "application/json")
    assert (response.status_code, response.json()["code"]) == (409, "state-conflict")
    assert isinstance(response.json()["detail"], list)  # as before


def test_it_matches_placement_verbs_whole(client, alice):
    client.force_login(alice)
    assert client.post("/api/v1/placements/1/xxend/", {}, "application/json").status_code == 404


def test_it_answers_a_server_error_on_an_api_path_as_a_problem():
    response = server_error(RequestFactory().get("/api/v1/needs/"))
    assert (response.status_code, response["Content-Type"]) == (500, PROBLEM)
    assert json.loads(response.content)["code"] == "server-error"


def test_a_filter_named_like_a_member_does_not_replace_the_code(client, erin):
    """`?code=` on the languages list: its messages go to `errors`, `code` stays the cause."""
    client.force_login(erin)
    response = client.get("/api/v1/languages/", {"code": "a\x00b"})  # NUL: refused
    body = response.json()
    assert response.status_code == 400 and body["code"] == "validation"
    assert any(error["field"] == "code" for error in body["errors"])

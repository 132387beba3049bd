"""The schema check that every API test runs (tests/api_conformance.py, hooked into the test
client by tests/conftest.py): it fails on what the schema does not promise, and every role's
answer to every GET operation passes it, whatever the status."""

import json
import re

import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.response import Response

from lotse.needs.api import NeedViewSet
from tests.api_conformance import ApiConformance, NonConformingResponse, published_schema
from tests.conftest import api_conformance

pytestmark = pytest.mark.django_db

JSON, PROBLEM = "application/json", "application/problem+json"
ROLES = ["anonymous", "victor", "wim", "alice", "charlie", "bob", "dora", "erin"]
# A second answer from the operations that have a switch changing the body's shape.
VARIANTS = {"/api/v1/needs/{id}/candidates/": ["?explain=true"]}
# The main operations and who reaches them (a 200): the rest of the roles get a refusal, which
# is checked against the schema all the same.
REACHED_BY = {
    "/api/v1/needs/": {"alice", "bob", "dora", "erin"},
    "/api/v1/needs/{id}/": {"alice", "bob", "dora", "erin"},
    "/api/v1/placements/": {"victor", "alice", "bob", "dora", "erin"},
    "/api/v1/placements/{id}/": {"victor", "alice", "bob", "erin"},
    "/api/v1/volunteers/me/": {"victor", "wim"},
    "/api/v1/volunteers/": {"alice", "erin"},
    "/api/v1/volunteers/{id}/": {"alice", "erin"},
    "/api/v1/needs/{id}/candidates/": {"alice", "erin"},
    "/api/v1/volunteers/me/opportunities/": {"victor", "wim"},
    "/api/v1/districts/demand/": {"dora", "erin"},
    "/api/v1/organisations/": {"alice", "charlie", "bob", "dora", "erin"},
    "/api/v1/organisations/{id}/": {"alice", "bob", "dora", "erin"},
    "/api/v1/facilities/": {"alice", "charlie", "bob", "dora", "erin"},
    "/api/v1/facilities/{id}/": {"alice", "bob", "dora", "erin"},
    "/api/v1/concerns/": {"bob", "dora"},
    "/api/v1/concerns/{id}/": {"bob", "dora"},
    "/api/v1/notifications/": {"victor", "wim", "alice", "charlie", "bob", "dora", "erin"},
    "/api/v1/volunteers/me/export/": {"victor", "wim"},
}


@pytest.fixture(scope="module")
def checker():
    return ApiConformance(published_schema())


def _need(**changes) -> dict:
    return {
        "id": 1, "external_id": None, "status": "open", "title": "Begleitung",
    } | changes  # fmt: skip


def _problem(code: str, **changes) -> bytes:
    body = {
        "type": f"tag:lotse,2026:problem:{code}", "code": code, "title": "Not found",
        "status": 404, "detail": "Nicht gefunden.", "instance": "/api/v1/needs/1/",
        "request_id": "abc",
    } | changes  # fmt: skip
    return json.dumps(body).encode()


def _raises(checker, *args, match: str):
    with pytest.raises(NonConformingResponse, match=match):
        checker.check(*args)


def test_it_passes_a_problem_document_that_the_schema_describes(checker):
    checker.check("GET", "/api/v1/needs/1/", 404, PROBLEM, _problem("not-found"))


def test_it_fails_a_value_of_the_wrong_type_and_names_where(checker):
    body = _problem("not-found", status="404")
    _raises(checker, "GET", "/api/v1/needs/1/", 404, PROBLEM, body, match=r"at /status: '404'")


def test_it_fails_a_missing_required_field(checker):
    body = json.loads(_problem("not-found"))
    del body["request_id"]
    args = ("GET", "/api/v1/needs/1/", 404, PROBLEM, json.dumps(body).encode())
    _raises(checker, *args, match="'request_id' is a required property")


def test_it_fails_a_null_where_the_schema_allows_none(checker):
    body = _problem("not-found", detail=None)
    _raises(checker, "GET", "/api/v1/needs/1/", 404, PROBLEM, body, match="at /detail")


def test_it_fails_a_success_body_that_lacks_what_the_schema_requires(checker):
    body = json.dumps(_need()).encode()
    _raises(checker, "GET", "/api/v1/needs/1/", 200, JSON, body, match="is a required property")


def test_it_fails_an_undocumented_status_code(checker):
    body = _problem("not-found", status=418)
    _raises(checker, "GET", "/api/v1/needs/1/", 418, PROBLEM, body, match="418: status code not")


def test_it_fails_a_server_error(checker):
    body = _problem("server-error", status=500)
    _raises(checker, "GET", "/api/v1/needs/", 500, PROBLEM, body, match="not documented")


def test_it_fails_the_wrong_content_type(checker):
    body = _problem("not-found")
    _raises(checker, "GET", "/api/v1/needs/1/", 404, JSON, body, match="content type")


def test_it_fails_a_body_that_is_not_json(checker):
    _raises(checker, "GET", "/api/v1/needs/1/", 404, PROBLEM, b"<html>", match="not JSON")


def test_it_fails_a_body_on_a_204(checker):
    _raises(checker, "DELETE", "/api/v1/needs/1/", 204, JSON, b"{}", match="documents none")


def test_it_fails_an_answer_other_than_404_on_a_path_that_names_no_operation(checker):
    _raises(checker, "GET", "/api/v1/no-such-thing/", 200, JSON, b"{}", match="no such path")


def test_it_fails_a_2xx_to_a_method_that_the_path_does_not_offer(checker):
    _raises(checker, "PUT", "/api/v1/needs/", 200, JSON, b"{}", match="no such method")


def test_it_fails_a_field_that_the_schema_does_not_document(checker, client, erin, world):
    client.force_login(erin)
    need = client.get(f"/api/v1/needs/{world['pk_by_collection']['needs']}/").json()
    body = json.dumps(need | {"internal_note": "x"}).encode()
    _raises(checker, "GET", "/api/v1/needs/1/", 200, JSON, body, match="'internal_note' was unexp")


def test_it_fails_a_date_time_without_its_offset(checker, client, erin, world):
    client.force_login(erin)
    need = client.get(f"/api/v1/needs/{world['pk_by_collection']['needs']}/").json()
    body = json.dumps(need | {"updated_at": "2026-12-06 10:00"}).encode()
    _raises(checker, "GET", "/api/v1/needs/1/", 200, JSON, body, match="is not a 'date-time'")


def test_the_schema_says_null_the_3_1_way_only(checker):
    """OAS 3.0's `nullable` (DRF's page schema writes it) is no keyword in 3.1: a validator
    ignores it and refuses the null `next` of a last page."""
    assert '"nullable"' not in json.dumps(checker.schema)
    page = checker.schema["components"]["schemas"]["PaginatedNeedOutputList"]
    assert page["properties"]["next"]["type"] == ["string", "null"]


def test_it_prefers_the_fixed_route_to_the_one_with_a_parameter(checker):
    assert checker.operation("get", "/api/v1/volunteers/me/").template == "/api/v1/volunteers/me/"
    verb = checker.operation("post", "/api/v1/placements/1/feedback/").template
    assert verb == "/api/v1/placements/{id}/feedback/"


def test_the_client_of_every_test_fails_when_the_server_breaks_the_schema(
    monkeypatch, client, erin, facility_a1
):
    monkeypatch.setattr(NeedViewSet, "list", lambda *_a, **_k: Response({"count": "many"}))
    client.force_login(erin)
    with pytest.raises(
        NonConformingResponse, match=r"(?s)v1_needs_list\) → 200.*at /count: 'many'"
    ):
        client.get("/api/v1/needs/")


@pytest.mark.no_schema_check
def test_the_marker_turns_the_check_off_for_one_test(monkeypatch, client, erin):
    monkeypatch.setattr(NeedViewSet, "list", lambda *_a, **_k: Response({"count": "many"}))
    client.force_login(erin)
    assert client.get("/api/v1/needs/").json() == {"count": "many"}


def _get_operations(world) -> list[tuple[str, str]]:
    """(template, url): every GET path of the schema with real objects in it, and variants."""
    urls = []
    for template, item in api_conformance().schema["paths"].items():
        if "get" in item:
            url = _with_real_ids(template, world)
            urls += [(template, url), *((template, url + q) for q in VARIANTS.get(template, []))]
    return urls


def _with_real_ids(template: str, world) -> str:
    collection = template.split("/{id}")[0].rsplit("/", 1)[-1]
    ids = {**world["args"], "id": world["pk_by_collection"].get(collection)}
    return re.sub(r"\{(\w+)\}", lambda name: str(ids[name[1]]), template)


@pytest.mark.parametrize("role", ROLES)
def test_every_get_operation_answers_every_role_as_the_schema_says(request, role, world):
    """The hook checks each answer; this collects them all so one run shows every mismatch."""
    client = Client()
    if role != "anonymous":
        client.force_login(request.getfixturevalue(role))
    answers, mismatches = {}, []
    for template, url in _get_operations(world):
        cache.clear()  # the export's rate limit would hide the answers after it
        try:
            answers[template] = client.get(url).status_code
        except NonConformingResponse as mismatch:
            mismatches.append(str(mismatch))
    assert mismatches == []
    assert set(REACHED_BY) <= set(answers)
    reached = {template for template, roles in REACHED_BY.items() if role in roles}
    assert {t: answers[t] for t in reached if answers[t] != 200} == {}
    assert all(status in (200, 401, 403, 404) for status in answers.values()), answers

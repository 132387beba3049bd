"""An API path that matches no route answers like the API (a JSON 404, as the OpenAPI schema
documents), found by schemathesis' content-type check: ids of the wrong form used to get the
site's HTML page."""

import pytest

pytestmark = pytest.mark.django_db


def test_it_answers_an_api_path_with_an_id_of_the_wrong_form_with_json(client, erin):
    client.force_login(erin)
    response = client.get("/api/v1/needs/not-a-number/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not-found"
    assert response.json()["detail"]


def test_it_answers_an_unknown_api_path_with_json_to_anonymous_callers(client):
    response = client.post("/api/v1/no-such-endpoint/")
    assert response.status_code == 404
    assert response.json()["detail"]


def test_it_keeps_the_security_headers_on_the_json_answer(client):
    response = client.get("/api/v1/placements/-1/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert "Content-Security-Policy" in response


def test_it_leaves_the_sites_not_found_page_as_html(client):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")

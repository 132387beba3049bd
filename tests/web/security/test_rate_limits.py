"""Brute-force limits: allauth's login limits (the admin logs in through allauth too) and the
concern form. Tests switch allauth's limits back on with the production values."""

import pytest
from django.core.cache import cache
from django.test import override_settings

from lotse.settings.base import ACCOUNT_RATE_LIMITS

from ..factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@override_settings(ACCOUNT_RATE_LIMITS=ACCOUNT_RATE_LIMITS)
def test_it_stops_guessing_a_password_after_five_tries(client, victor):
    for i in range(5):
        client.post("/accounts/login/", {"login": victor.email, "password": f"guess-{i}"})
    response = client.post("/accounts/login/", {"login": victor.email, "password": PASSWORD})
    assert response.status_code in (200, 429)
    assert "_auth_user_id" not in client.session  # even the right password is refused now


def test_without_failed_tries_the_right_password_logs_in(client, victor):
    client.post("/accounts/login/", {"login": victor.email, "password": PASSWORD})
    assert client.session["_auth_user_id"] == str(victor.pk)


def test_the_admin_login_is_allauths_login():
    from django.test import Client

    response = Client().get("/admin/login/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@override_settings(LOTSE_CONCERN_RATE="3/h")
def test_concerns_are_limited_per_address_not_globally(client, facility_a1):
    body = {"facility": facility_a1.pk, "category": "other", "text": "x"}
    codes = [
        client.post(
            "/api/v1/concerns/", body, "application/json", REMOTE_ADDR="10.0.0.1"
        ).status_code
        for _ in range(4)
    ]
    assert codes == [201, 201, 201, 429]
    other = client.post("/api/v1/concerns/", body, "application/json", REMOTE_ADDR="10.0.0.2")
    assert other.status_code == 201

import pytest
from django.urls import reverse

from ..factories import StaffFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("name", "start_page"),
    [
        ("alice", "web:staff_home"),
        ("bob", "web:staff_home"),
        ("dora", "web:coordinator_home"),
        ("erin", "admin:index"),
        ("victor", "web:volunteer_home"),
    ],
)
def test_it_sends_each_role_to_its_own_start_page(client, everyone, name, start_page):
    client.force_login(everyone[name])
    response = client.get(reverse("web:start"))
    assert response.url == reverse(start_page)
    assert client.get(response.url).status_code == 200


def test_it_sends_staff_without_mfa_to_the_totp_setup(client, stadt):
    sam = StaffFactory(email="sam@example.org", organisation=stadt, mfa=False)
    client.force_login(sam)
    response = client.get(reverse("web:staff_home"))
    assert response.status_code == 302
    assert response.url == reverse("mfa_activate_totp")


def test_it_refuses_the_api_to_staff_without_mfa(client, stadt):
    sam = StaffFactory(email="sam@example.org", organisation=stadt, mfa=False)
    client.force_login(sam)
    response = client.get("/api/v1/facilities/")
    assert response.status_code == 403
    assert (
        "two-factor" in response.json()["detail"].lower()
        or "zwei" in response.json()["detail"].lower()
    )


def test_it_does_not_ask_volunteers_for_mfa(client, victor):
    client.force_login(victor)
    assert client.get(reverse("web:volunteer_home")).status_code == 200


def test_it_routes_the_admin_login_through_allauth(client):
    response = client.get("/admin/login/")
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_asks_staff_for_a_totp_code_at_login(client, alice):
    response = client.post(
        reverse("account_login"), {"login": alice.email, "password": "a-long-test-passphrase"}
    )
    assert response.status_code == 302
    assert response.url == reverse("mfa_authenticate")

import pytest

from lotse.privacy.models import Consent
from lotse.privacy.services import consent_give, consent_withdraw

pytestmark = pytest.mark.django_db


def test_a_volunteer_sees_needs_ranked_for_them(client, arabic_need, amira):
    client.force_login(amira.user)
    body = client.get("/api/v1/volunteers/me/opportunities/").json()
    assert [r["need"]["id"] for r in body["results"]] == [arabic_need.pk]
    assert body["results"][0]["distance_km"] < 1


def test_a_volunteer_without_the_language_sees_no_such_need(client, arabic_need, greta):
    client.force_login(greta.user)
    assert client.get("/api/v1/volunteers/me/opportunities/").json()["results"] == []


def test_staff_have_no_opportunities_endpoint(client, alice):
    client.force_login(alice)
    assert client.get("/api/v1/volunteers/me/opportunities/").status_code == 403


def test_the_candidates_page_shows_bars_and_reasons(client, alice, arabic_need, amira, greta):
    client.force_login(alice)
    page = client.get(f"/needs/{arabic_need.pk}/candidates/?explain=1").content.decode()
    assert "<meter" in page and amira.display_name in page
    assert greta.display_name in page  # in the ruled-out table, with the reason


def test_the_candidates_page_is_forbidden_to_another_organisation(client, charlie, arabic_need):
    client.force_login(charlie)
    assert client.get(f"/needs/{arabic_need.pk}/candidates/").status_code == 403


def test_the_opportunities_page_lists_the_need(client, arabic_need, amira):
    client.force_login(amira.user)
    page = client.get("/volunteer/opportunities/").content.decode()
    assert arabic_need.title in page


def test_the_volunteer_home_shows_opportunities_near_them(client, arabic_need, amira):
    client.force_login(amira.user)
    page = client.get("/volunteer/").content.decode()
    assert arabic_need.title in page
    assert f"/placements/offer/{arabic_need.pk}/" in page


def test_the_need_page_shows_the_best_candidates(client, alice, arabic_need, amira):
    client.force_login(alice)
    page = client.get(f"/needs/{arabic_need.pk}/").content.decode()
    assert amira.display_name in page and "<meter" in page


def test_a_volunteer_who_withdrew_the_privacy_consent_sees_no_opportunities(
    client, arabic_need, amira
):
    # Found by schemathesis: the withdrawn volunteer is not matchable and this answered 500.
    consent_give(user=amira.user, kind=Consent.Kind.PRIVACY, version="test")
    consent_withdraw(user=amira.user, kind=Consent.Kind.PRIVACY)
    client.force_login(amira.user)
    assert client.get("/api/v1/volunteers/me/opportunities/").json()["results"] == []
    assert client.get("/volunteer/opportunities/").status_code == 200

"""Staff create, list and revoke their own API tokens on /account/api-tokens/ (issue 19)."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from lotse.accounts import tokens
from lotse.accounts.models import ApiToken

from ..factories import StaffFactory

pytestmark = pytest.mark.django_db

PAGE = "/account/api-tokens/"
NEEDS = "/api/v1/needs/"
ENGLISH = {"Accept-Language": "en"}  # texts asserted in English: German is the default
KEY_FIELD = re.compile(r'id="new-token-key"[^>]*value="([^"]+)"')


def _form(**changes) -> dict:
    return {"name": "Fallakte", "days": "90", "access": "read"} | changes


def _create(client, **changes) -> str:
    """Create a token on the page and return the key the next page shows."""
    response = client.post(PAGE, _form(**changes))
    assert response.status_code == 302 and response.url == PAGE
    return KEY_FIELD.search(client.get(PAGE).content.decode()).group(1)


def _api(method: str, key: str):
    return getattr(Client(), method)(
        NEEDS, data={}, content_type="application/json", headers={"Authorization": f"Bearer {key}"}
    )


def test_it_is_linked_from_the_account_menu_of_staff_only(client, alice, victor):
    client.force_login(alice)
    assert PAGE in client.get(reverse("web:staff_home")).content.decode()
    client.force_login(victor)
    assert PAGE not in client.get(reverse("web:volunteer_home")).content.decode()


def test_it_explains_an_empty_list(client, alice):
    client.force_login(alice)
    page = client.get(PAGE, headers=ENGLISH).content.decode()
    assert "You have no API tokens" in page and "create it below" in page


def test_it_lists_only_my_own_tokens_without_key_or_digest(client, alice, charlie):
    mine, my_key = tokens.issue_token(alice, name="Fallakte Stadt")
    theirs, _ = tokens.issue_token(charlie, name="Caritas Kasse")
    client.force_login(alice)
    page = client.get(PAGE).content.decode()
    assert "Fallakte Stadt" in page and mine.prefix in page
    assert "Caritas Kasse" not in page and theirs.prefix not in page
    assert my_key not in page and mine.digest not in page


def test_it_shows_each_tokens_access_scope_and_state(client, alice):
    tokens.issue_token(alice, name="Lesen", read_only=True)
    revoked, _ = tokens.issue_token(alice, name="Alt")
    tokens.token_revoke(token=revoked)
    client.force_login(alice)
    page = client.get(PAGE, headers=ENGLISH).content.decode()
    assert "read only" in page and "read and write" in page
    assert "Stadt Münster" in page  # her scope: her organisation
    assert "revoked on" in page and "active" in page


def test_it_shows_a_new_key_once_and_never_again(client, alice):
    client.force_login(alice)
    key = _create(client)
    token = ApiToken.objects.get(user=alice)
    assert token.digest == tokens.digest(key) and token.name == "Fallakte"
    again = client.get(PAGE)
    assert key not in again.content.decode() and token.prefix in again.content.decode()


def test_the_page_with_the_key_is_not_cached(client, alice):
    client.force_login(alice)
    client.post(PAGE, _form())
    assert client.get(PAGE)["Cache-Control"] == "no-store"


def test_the_key_is_never_written_to_the_session(client, alice):
    client.force_login(alice)
    client.post(PAGE, _form())
    key = KEY_FIELD.search(client.get(PAGE).content.decode()).group(1)
    assert key not in repr(dict(client.session))


def test_a_key_shown_once_is_not_shown_to_another_user(client, alice, charlie):
    client.force_login(alice)
    client.post(PAGE, _form())
    client.force_login(charlie)  # same browser, the cookie still there
    assert "new-token-key" not in client.get(PAGE).content.decode()


def test_the_new_key_works_as_a_bearer_token_with_the_access_chosen(client, alice):
    client.force_login(alice)
    read_key = _create(client, name="Lesen", access="read")
    write_key = _create(client, name="Schreiben", access="write")
    assert _api("get", read_key).status_code == 200
    assert _api("post", read_key).json()["code"] == "token-read-only"
    assert _api("post", write_key).json()["code"] == "validation"  # past the token: the body


def test_a_token_from_the_page_expires_after_the_chosen_days(client, alice):
    client.force_login(alice)
    client.post(PAGE, _form(days="30"))
    token = ApiToken.objects.get(user=alice)
    assert (token.expires_at - token.created_at).days == 30


def test_a_token_from_the_page_is_bound_to_my_organisation(client, bob):
    client.force_login(bob)
    client.post(PAGE, _form())
    assert ApiToken.objects.get(user=bob).organisation == bob.organisation


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"name": ""}, "name"),
        ({"name": "   "}, "name"),
        ({"name": "x" * 101}, "name"),
        ({"days": "1000"}, "days"),
        ({"days": "0"}, "days"),
        ({"days": "abc"}, "days"),
        ({"access": "admin"}, "access"),
    ],
)
def test_it_refuses_bad_input_with_a_message_and_creates_nothing(client, alice, changes, field):
    client.force_login(alice)
    response = client.post(PAGE, _form(**changes))
    assert response.status_code == 200
    assert response.context["form"].errors[field]
    assert not ApiToken.objects.exists()


def test_it_refuses_a_name_i_already_use_and_creates_nothing(client, alice):
    tokens.issue_token(alice, name="Fallakte")
    client.force_login(alice)
    response = client.post(PAGE, _form(name="fallakte "))
    assert response.context["form"].errors["name"] == [str(tokens.NAME_TAKEN)]
    assert ApiToken.objects.filter(user=alice).count() == 1


def test_a_name_is_free_again_once_its_token_is_revoked(client, alice):
    old, _ = tokens.issue_token(alice, name="Fallakte")
    tokens.token_revoke(token=old)
    client.force_login(alice)
    assert client.post(PAGE, _form()).status_code == 302


def test_someone_elses_token_name_does_not_count(client, alice, charlie):
    tokens.issue_token(charlie, name="Fallakte")
    client.force_login(alice)
    assert client.post(PAGE, _form()).status_code == 302


def test_it_offers_no_expiry_beyond_the_configured_maximum(client, alice, settings):
    settings.LOTSE_API_TOKEN_DAYS = 60
    client.force_login(alice)
    page = client.get(PAGE).content.decode()
    assert 'value="60"' in page and 'value="90"' not in page
    response = client.post(PAGE, _form(days="90"))
    assert response.context["form"].errors["days"]
    assert not ApiToken.objects.exists()


def test_it_asks_for_confirmation_before_revoking(client, alice):
    token, _ = tokens.issue_token(alice, name="Fallakte")
    client.force_login(alice)
    page = client.get(f"{PAGE}{token.pk}/revoke/", headers=ENGLISH)
    assert page.status_code == 200 and "Revoke this token now" in page.content.decode()
    assert ApiToken.objects.get(pk=token.pk).revoked_at is None


def test_revoking_keeps_the_row_and_the_api_answers_token_revoked(client, alice):
    token, key = tokens.issue_token(alice, name="Fallakte")
    client.force_login(alice)
    response = client.post(f"{PAGE}{token.pk}/revoke/")
    assert response.status_code == 302 and response.url == PAGE
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    answer = _api("get", key)
    assert (answer.status_code, answer.json()["code"]) == (401, "token-revoked")
    assert answer["WWW-Authenticate"].startswith("Bearer")


def test_revoking_twice_changes_nothing(client, alice):
    token, _ = tokens.issue_token(alice)
    tokens.token_revoke(token=token)
    first = ApiToken.objects.get(pk=token.pk).revoked_at
    client.force_login(alice)
    assert client.post(f"{PAGE}{token.pk}/revoke/").status_code == 302
    assert ApiToken.objects.get(pk=token.pk).revoked_at == first


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_users_token_is_not_found(client, alice, charlie, method):
    theirs, key = tokens.issue_token(charlie)
    client.force_login(alice)
    assert getattr(client, method)(f"{PAGE}{theirs.pk}/revoke/").status_code == 404
    assert ApiToken.objects.get(pk=theirs.pk).revoked_at is None
    assert _api("get", key).status_code == 200


def test_an_administrator_cannot_revoke_someone_elses_token_here_either(client, alice, erin):
    theirs, _ = tokens.issue_token(alice)
    client.force_login(erin)
    assert client.post(f"{PAGE}{theirs.pk}/revoke/").status_code == 404


def test_it_refuses_volunteers(client, victor):
    client.force_login(victor)
    assert client.get(PAGE).status_code == 403
    assert client.post(PAGE, _form()).status_code == 403
    assert not ApiToken.objects.exists()


def test_it_sends_anonymous_visitors_to_the_login(client):
    response = client.get(PAGE)
    assert response.status_code == 302 and response.url.startswith(reverse("account_login"))


@pytest.mark.parametrize("role", ["social_worker", "facility_staff", "coordinator", "admin"])
def test_every_staff_role_may_use_it(client, stadt, role):
    client.force_login(StaffFactory(role=role, organisation=stadt))
    assert client.get(PAGE).status_code == 200


def test_staff_without_a_second_factor_are_sent_to_set_it_up(client, stadt):
    sam = StaffFactory(email="sam@example.org", organisation=stadt, mfa=False)
    client.force_login(sam)
    for response in (client.get(PAGE), client.post(PAGE, _form())):
        assert response.status_code == 302
        assert response.url == reverse("mfa_activate_totp")
    assert not ApiToken.objects.exists()


def test_the_page_itself_refuses_staff_without_a_second_factor(rf, stadt):
    """Also where the MFA middleware would let the path through."""
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.contrib.sessions.backends.db import SessionStore

    from lotse.accounts.views import api_tokens

    request = rf.get(PAGE)
    request.user = StaffFactory(email="sam@example.org", organisation=stadt, mfa=False)
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    response = api_tokens(request)
    assert response.status_code == 302 and response.url == reverse("mfa_activate_totp")


def test_creating_needs_the_csrf_token(alice):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(alice)
    assert browser.post(PAGE, _form()).status_code == 403
    assert not ApiToken.objects.exists()

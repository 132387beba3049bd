"""API tokens are stored as digests, shown once, expire, rotate and can be revoked (issue 17)."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from lotse.accounts import tokens
from lotse.accounts.models import ApiToken

pytestmark = pytest.mark.django_db

ME = "/api/v1/volunteers/me/"


def _create_token(*args) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("drf_create_token", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def _key_from(output: str) -> str:
    # The documented first line: "Generated token <key> for user <email>"
    words = output.split()
    assert words[:2] == ["Generated", "token"] and words[3:5] == ["for", "user"], output
    return words[2]


def _get(key: str, keyword: str = "Token"):
    return Client().get(ME, headers={"Authorization": f"{keyword} {key}"})


def test_the_command_prints_a_key_once_and_the_database_keeps_only_its_digest(victor):
    out, err = _create_token("victor@example.org")
    key = _key_from(out)
    token = ApiToken.objects.get(user=victor)
    assert token.digest == tokens.digest(key) and token.digest != key
    assert token.prefix == key[:8]
    assert "cannot be shown again" in err
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM accounts_apitoken")
        assert not any(key in str(value) for row in cursor.fetchall() for value in row)


def test_a_key_works_with_the_token_and_the_bearer_keyword(victor):
    key = _key_from(_create_token("victor@example.org")[0])
    assert _get(key, "Token").status_code == 200
    assert _get(key, "Bearer").status_code == 200
    assert _get(key, "bearer").status_code == 200


@pytest.mark.parametrize(
    "header",
    [
        "Token not-a-key",
        "Bearer",
        "Token two words",
        "Token " + "x" * 500,
    ],
)
def test_a_wrong_or_malformed_key_is_refused_with_a_message(victor, header):
    tokens.issue_token(victor)
    response = Client().get(ME, headers={"Authorization": header})
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["detail"]


def test_a_key_that_is_only_a_digest_does_not_authenticate(victor):
    token, _ = tokens.issue_token(victor)
    assert _get(token.digest).status_code == 401


def test_an_expired_token_is_refused_and_says_so(victor):
    token, key = tokens.issue_token(victor, days=30)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = _get(key)
    assert response.status_code == 401
    assert response.json()["code"] == "token-expired"
    assert "abgelaufen" in response.json()["detail"]  # German by default


def test_tokens_expire_after_the_configured_days_or_never(victor, settings):
    settings.LOTSE_API_TOKEN_DAYS = 90
    token, _ = tokens.issue_token(victor)
    assert timedelta(days=89) < token.expires_at - timezone.now() <= timedelta(days=90)
    never, _ = tokens.issue_token(victor, days=0)
    assert never.expires_at is None
    _, err = _create_token("victor@example.org", "--days", "0")
    assert "expires: never" in err


def test_a_deactivated_users_token_is_refused(victor):
    _, key = tokens.issue_token(victor)
    victor.is_active = False
    victor.save()
    assert _get(key).status_code == 401


def test_reset_rotates_the_key_and_the_old_one_stops_working(victor):
    old = _key_from(_create_token("victor@example.org")[0])
    new = _key_from(_create_token("-r", "victor@example.org")[0])
    assert _get(old).json()["code"] == "token-revoked"
    assert _get(new).status_code == 200
    assert ApiToken.objects.filter(user=victor, revoked_at__isnull=True).count() == 1


def test_use_is_noted_at_most_once_an_hour(victor):
    token, key = tokens.issue_token(victor)
    assert _get(key).status_code == 200
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    assert first is not None
    assert _get(key).status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at == first


def test_tokens_are_listed_without_keys_and_revoked_by_prefix(victor):
    token, key = tokens.issue_token(victor, name="Fallakte")
    out = io.StringIO()
    call_command("api_tokens", "victor@example.org", stdout=out)
    assert token.prefix in out.getvalue() and "Fallakte" in out.getvalue()
    assert key not in out.getvalue() and token.digest not in out.getvalue()
    call_command("api_tokens", "victor@example.org", "--revoke", token.prefix, stdout=io.StringIO())
    assert _get(key).status_code == 401
    with pytest.raises(CommandError, match="no token starting"):
        call_command("api_tokens", "victor@example.org", "--revoke", "nothing")


def test_no_key_starts_with_a_dash_so_its_prefix_works_on_the_command_line(victor, monkeypatch):
    drawn = iter(["-starts-like-an-option", "Abc-def_ghi"])
    monkeypatch.setattr(tokens.secrets, "token_urlsafe", lambda n: next(drawn))
    token, key = tokens.issue_token(victor, name="Fallakte")
    assert key == "Abc-def_ghi" and token.prefix == "Abc-def_"
    call_command("api_tokens", "victor@example.org", "--revoke", token.prefix, stdout=io.StringIO())
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody@example.org"], "no user"),
        (["victor@example.org", "--days", "-1"], "--days"),
    ],
)
def test_the_command_refuses_bad_input_and_creates_nothing(victor, args, message):
    with pytest.raises(CommandError, match=message):
        _create_token(*args)
    assert not ApiToken.objects.exists()


def test_the_admin_shows_tokens_without_key_or_digest_and_cannot_add_one(client, erin, victor):
    token, key = tokens.issue_token(victor)
    client.force_login(erin)
    page = client.get(f"/admin/accounts/apitoken/{token.pk}/change/").content.decode()
    assert token.prefix in page
    assert key not in page and token.digest not in page
    assert client.get("/admin/accounts/apitoken/add/").status_code == 403


@pytest.mark.django_db(transaction=True)
def test_legacy_plain_tokens_are_hashed_and_their_table_dropped(victor):
    """Upgrading from DRF's token app: clients keep their keys, the database loses them."""
    from importlib import import_module

    migration = import_module("lotse.accounts.migrations.0003_api_tokens")
    key = "0123456789abcdef0123456789abcdef01234567"
    with connection.cursor() as cursor:
        cursor.execute(
            "CREATE TABLE authtoken_token (key varchar(40) PRIMARY KEY, user_id bigint, "
            "created timestamp with time zone)"
            if connection.vendor == "postgresql"
            else "CREATE TABLE authtoken_token (key varchar(40), user_id bigint, created datetime)"
        )
        cursor.execute(
            "INSERT INTO authtoken_token VALUES (%s, %s, %s)", [key, victor.pk, timezone.now()]
        )
    from django.apps import apps

    with connection.schema_editor() as editor:
        migration.hash_legacy_tokens(apps, editor)
    assert "authtoken_token" not in connection.introspection.table_names()
    assert ApiToken.objects.get(user=victor).digest == tokens.digest(key)
    assert _get(key).status_code == 200


NEEDS = "/api/v1/needs/"


def _call(method: str, path: str, key: str, **extra):
    return getattr(Client(), method)(
        path, content_type="application/json", headers={"Authorization": f"Bearer {key}"}, **extra
    )


def test_a_revoked_token_is_refused_as_revoked_not_as_unknown(victor):
    token, key = tokens.issue_token(victor)
    tokens.token_revoke(token=token)
    response = _get(key, "Bearer")
    assert response.status_code == 401
    assert response.json()["code"] == "token-revoked"
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert _get("unknown-key", "Bearer").json()["code"] == "authentication-failed"


def test_a_revoked_token_that_also_expired_is_told_revoked(victor):
    token, key = tokens.issue_token(victor, days=30)
    ApiToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - timedelta(days=1), revoked_at=timezone.now()
    )
    assert _get(key).json()["code"] == "token-revoked"


def test_the_revoke_command_keeps_the_row_and_the_client_is_told_revoked(victor):
    token, key = tokens.issue_token(victor)
    call_command("api_tokens", "victor@example.org", "--revoke-all", stdout=io.StringIO())
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert _get(key).json()["code"] == "token-revoked"
    with pytest.raises(CommandError, match="already revoked"):
        call_command("api_tokens", "victor@example.org", "--revoke", token.prefix)


def test_the_token_list_of_the_command_shows_access_and_revocation(victor):
    token, _ = tokens.issue_token(victor, read_only=True)
    tokens.token_revoke(token=token)
    out = io.StringIO()
    call_command("api_tokens", "victor@example.org", stdout=out)
    assert "read-only" in out.getvalue() and "REVOKED" in out.getvalue()


def test_tokens_from_the_command_read_and_write_unless_told_read_only(victor):
    _create_token("victor@example.org")
    _, err = _create_token("victor@example.org", "--read-only")
    assert [t.read_only for t in ApiToken.objects.order_by("created_at", "pk")] == [False, True]
    assert "read-only" in err


@pytest.mark.parametrize("method", ["get", "options"])
def test_a_read_only_token_may_read(alice, method):
    _, key = tokens.issue_token(alice, read_only=True)
    assert _call(method, NEEDS, key).status_code == 200


# A HEAD answer has no body by definition; the schema check reads it as the GET's (empty) body.
@pytest.mark.no_schema_check
def test_a_read_only_token_may_ask_for_headers(alice):
    _, key = tokens.issue_token(alice, read_only=True)
    assert _call("head", NEEDS, key).status_code == 200


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_a_read_only_token_may_not_write_and_says_why(alice, method):
    from lotse.needs.models import Need

    _, key = tokens.issue_token(alice, read_only=True)
    response = _call(method, NEEDS, key, data={"title": "x"})
    assert response.status_code == 403
    assert response.json()["code"] == "token-read-only"
    assert not Need.objects.exists()


def test_a_read_write_token_writes_as_its_user(alice):
    _, key = tokens.issue_token(alice)
    response = _call("post", NEEDS, key, data={})
    assert response.status_code == 400  # past authentication: the need's own validation
    assert response.json()["code"] == "validation"


def test_a_token_is_bound_to_the_organisation_that_is_its_users_scope(alice, bob, dora, erin):
    assert tokens.issue_token(alice)[0].organisation == alice.organisation
    assert tokens.issue_token(bob)[0].organisation == bob.organisation
    assert tokens.issue_token(dora)[0].organisation is None  # her scope is districts
    assert tokens.issue_token(erin)[0].organisation is None  # the whole city


def test_a_token_stops_when_its_user_moves_to_another_organisation(alice, caritas):
    _, key = tokens.issue_token(alice)
    assert _call("get", NEEDS, key).status_code == 200
    alice.organisation = caritas
    alice.save()
    response = _call("get", NEEDS, key)
    assert (response.status_code, response.json()["code"]) == (401, "authentication-failed")


def test_a_token_stops_when_its_users_scope_is_no_longer_the_organisation(alice):
    _, key = tokens.issue_token(alice)
    alice.role = "coordinator"
    alice.save()
    assert _call("get", NEEDS, key).status_code == 401


def test_retention_deletes_tokens_revoked_or_expired_long_ago_only(victor, settings):
    settings.LOTSE_API_TOKEN_RETENTION_DAYS = 90
    long_ago = timezone.now() - timedelta(days=91)
    lately = timezone.now() - timedelta(days=10)
    old_revoked, old_expired, new_revoked, new_expired, live = (
        tokens.issue_token(victor)[0] for _ in range(5)
    )
    ApiToken.objects.filter(pk=old_revoked.pk).update(revoked_at=long_ago)
    ApiToken.objects.filter(pk=old_expired.pk).update(expires_at=long_ago)
    ApiToken.objects.filter(pk=new_revoked.pk).update(revoked_at=lately)
    ApiToken.objects.filter(pk=new_expired.pk).update(expires_at=lately)
    assert tokens.tokens_prune() == 2
    assert set(ApiToken.objects.values_list("pk", flat=True)) == {
        new_revoked.pk,
        new_expired.pk,
        live.pk,
    }


def test_the_admin_revokes_selected_tokens_and_keeps_their_rows(client, erin, victor):
    token, key = tokens.issue_token(victor)
    client.force_login(erin)
    client.post(
        "/admin/accounts/apitoken/",
        {"action": "revoke_selected", "_selected_action": [token.pk]},
    )
    assert ApiToken.objects.get(pk=token.pk).revoked_at is not None
    assert _get(key).json()["code"] == "token-revoked"


def test_the_daily_retention_job_prunes_old_tokens(victor):
    from lotse.privacy.tasks import apply_retention

    token, _ = tokens.issue_token(victor)
    ApiToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now() - timedelta(days=400))
    assert apply_retention()["api_tokens_deleted"] == 1
    assert not ApiToken.objects.exists()

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
    assert _get(old).status_code == 401
    assert _get(new).status_code == 200
    assert ApiToken.objects.filter(user=victor).count() == 1


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

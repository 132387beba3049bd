"""Production's password hashers (the suite itself hashes with MD5 for speed): Argon2id for new
hashes; older PBKDF2 hashes still verify and are rehashed with Argon2id at the next login."""

import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import (
    Argon2PasswordHasher,
    PBKDF2PasswordHasher,
    make_password,
)
from django.test import Client

from lotse.settings.base import PASSWORD_HASHERS

from ..factories import PASSWORD

pytestmark = pytest.mark.django_db
DATE_INDEPENDENT = "password hashes; no date words"
ARGON2ID = "argon2$argon2id$v=19$m=65536,t=3,p=4$"


@pytest.fixture(autouse=True)
def production_hashers(settings):
    settings.PASSWORD_HASHERS = PASSWORD_HASHERS


def _with_hash(user, encoded: str):
    user.password = encoded
    user.save(update_fields=["password"])
    return user


def _log_in(user, password: str) -> Client:
    client = Client()
    client.post("/accounts/login/", {"login": user.email, "password": password})
    return client


def test_it_hashes_new_passwords_with_argon2id():
    assert make_password(PASSWORD).startswith(ARGON2ID)


def test_a_pbkdf2_hash_verifies_and_is_rehashed_with_argon2id_at_login(victor):
    # Few iterations keep the test quick; the algorithm alone makes the hash outdated.
    _with_hash(victor, PBKDF2PasswordHasher().encode(PASSWORD, "saltsaltsalt", iterations=1000))
    client = _log_in(victor, PASSWORD)
    assert client.session.get("_auth_user_id") == str(victor.pk)
    victor.refresh_from_db()
    assert victor.password.startswith(ARGON2ID)
    assert victor.check_password(PASSWORD)


def test_the_session_of_the_login_that_rehashed_stays_valid(victor):
    _with_hash(victor, PBKDF2PasswordHasher().encode(PASSWORD, "saltsaltsalt", iterations=1000))
    client = _log_in(victor, PASSWORD)
    assert client.get("/volunteer/").status_code == 200


def test_a_wrong_password_fails_and_leaves_the_hash_alone(victor):
    old = _with_hash(victor, make_password(PASSWORD)).password
    client = _log_in(victor, "not-the-passphrase")
    assert "_auth_user_id" not in client.session
    victor.refresh_from_db()
    assert victor.password == old


def test_an_argon2_hash_with_other_parameters_is_rehashed_with_ours(victor):
    _with_hash(victor, Argon2PasswordHasher().encode(PASSWORD, "saltsaltsalt"))
    assert victor.password.startswith("argon2$argon2id$v=19$m=102400,t=2,p=8$")
    assert authenticate(email=victor.email, password=PASSWORD) == victor
    victor.refresh_from_db()
    assert victor.password.startswith(ARGON2ID)

"""Whether a staff member has TOTP is kept in the shared cache between requests (issue 21: one
query less on every staff request) and forgotten whenever her authenticators change."""

import pytest
from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotse.accounts.mfa import totp_activate_with_secret
from lotse.accounts.models import User, mfa_cache_key

pytestmark = pytest.mark.django_db
DATE_INDEPENDENT = "TOTP state only; no date words"
SECRET = "JBSWY3DPEHPK3PXP"


def _fresh(user) -> User:
    """The user as the next request loads her."""
    return User.objects.get(pk=user.pk)


def test_the_next_request_asks_the_cache_not_the_database(alice):
    assert _fresh(alice).has_mfa()
    fresh = _fresh(alice)
    with CaptureQueriesContext(connection) as queries:
        assert fresh.has_mfa()
    assert len(queries) == 0


def test_removing_the_authenticator_is_seen_by_the_next_request(
    alice, django_capture_on_commit_callbacks
):
    assert _fresh(alice).has_mfa()
    with django_capture_on_commit_callbacks(execute=True):
        Authenticator.objects.get(user=alice).delete()  # another object than the cached one
    assert not _fresh(alice).has_mfa()
    assert _fresh(alice).needs_mfa_setup()


def test_setting_it_up_is_seen_by_the_next_request(alice, django_capture_on_commit_callbacks):
    Authenticator.objects.filter(user=alice).delete()
    assert not _fresh(alice).has_mfa()
    with django_capture_on_commit_callbacks(execute=True):
        totp_activate_with_secret(user=_fresh(alice), secret=SECRET)
    assert _fresh(alice).has_mfa()


def test_an_answer_put_back_before_the_commit_is_forgotten_after_it(
    alice, django_capture_on_commit_callbacks
):
    """Another request read the database before the deletion committed and cached "yes"."""
    with django_capture_on_commit_callbacks() as callbacks:
        Authenticator.objects.get(user=alice).delete()
        cache.set(mfa_cache_key(alice.pk), True, 300)  # the racing request
    for callback in callbacks:
        callback()
    assert not _fresh(alice).has_mfa()


def test_with_the_cache_empty_the_database_answers(alice):
    cache.clear()
    assert _fresh(alice).has_mfa()
    Authenticator.objects.filter(user=alice).update(type=Authenticator.Type.RECOVERY_CODES)
    cache.clear()
    assert not _fresh(alice).has_mfa()

"""Second-factor secrets encrypted at rest (issue 17, finding 6): the database and its backups
hold no TOTP secret in clear, keys rotate, and the admin never shows the stored data."""

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP
from cryptography.fernet import Fernet
from django.core.cache import cache
from django.core.management import CommandError, call_command

from lotse.accounts.mfa import totp_activate_with_secret, totp_current_code
from lotse.accounts.secrets import PREFIX, secret_decrypt

pytestmark = pytest.mark.django_db
SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def _stored(user) -> str:
    return Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP).data["secret"]


def _accepts_current_code(user) -> bool:
    cache.clear()  # TOTP replay protection: each check here is a fresh login
    instance = Authenticator.objects.get(user=user, type=Authenticator.Type.TOTP)
    return TOTP(instance).validate_code(totp_current_code(SECRET))


def test_the_database_holds_no_totp_secret_in_clear(alice):
    totp_activate_with_secret(user=alice, secret=SECRET)
    stored = _stored(alice)
    assert stored.startswith(PREFIX) and SECRET not in stored
    assert _accepts_current_code(alice)


def test_a_secret_stored_in_clear_before_still_works_and_gets_encrypted(alice):
    totp_activate_with_secret(user=alice, secret=SECRET)
    Authenticator.objects.filter(user=alice).update(data={"secret": SECRET})
    assert _accepts_current_code(alice)
    call_command("mfa_reencrypt")
    assert _stored(alice).startswith(PREFIX) and secret_decrypt(_stored(alice)) == SECRET


def test_a_key_is_rotated_by_putting_a_new_one_in_front(alice, settings):
    old, new = Fernet.generate_key().decode(), Fernet.generate_key().decode()
    settings.LOTSE_MFA_KEYS = [old]
    totp_activate_with_secret(user=alice, secret=SECRET)
    settings.LOTSE_MFA_KEYS = [new, old]
    assert _accepts_current_code(alice)
    call_command("mfa_reencrypt")
    settings.LOTSE_MFA_KEYS = [new]  # the old key can go now
    assert _accepts_current_code(alice)


def test_reencryption_with_the_wrong_keys_changes_nothing(alice, settings):
    settings.LOTSE_MFA_KEYS = [Fernet.generate_key().decode()]
    totp_activate_with_secret(user=alice, secret=SECRET)
    before = _stored(alice)
    settings.LOTSE_MFA_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(CommandError, match="nothing was changed"):
        call_command("mfa_reencrypt")
    assert _stored(alice) == before


def test_the_admin_does_not_show_the_stored_secret(client, erin, alice):
    totp_activate_with_secret(user=alice, secret=SECRET)
    authenticator = Authenticator.objects.get(user=alice, type=Authenticator.Type.TOTP)
    client.force_login(erin)
    page = client.get(f"/admin/mfa/authenticator/{authenticator.pk}/change/")
    assert page.status_code in (200, 302)
    assert _stored(alice) not in page.content.decode() and SECRET not in page.content.decode()

"""Second-factor secrets encrypted at rest (issue 17, finding 6).

allauth keeps each TOTP secret and recovery-code seed in `mfa_authenticator.data` and passes it
through the MFA adapter's encrypt()/decrypt(); Lotse encrypts with Fernet (AES-128-CBC +
HMAC-SHA256, from `cryptography`, already installed for allauth's WebAuthn support). Keys come
from LOTSE_MFA_KEYS (comma-separated Fernet keys, newest first: encryption uses the first,
decryption tries each, so a key is rotated by putting a new one in front and running
`manage.py mfa_reencrypt`). Without it, a key is derived from SECRET_KEY (demo and tests), and
`check --deploy` warns. A database backup alone no longer holds anyone's second factor.
"""

import base64
import hashlib
from functools import cache

from allauth.mfa.adapter import DefaultMFAAdapter
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings

PREFIX = "fernet:"


class SecretUnreadable(ValueError):
    """A stored secret that none of the configured keys decrypts."""


@cache
def _box(keys: tuple[str, ...], secret_key: str) -> MultiFernet:
    if not keys:
        derived = hashlib.sha256(f"lotse-mfa:{secret_key}".encode()).digest()
        keys = (base64.urlsafe_b64encode(derived).decode(),)
    return MultiFernet([Fernet(key.encode()) for key in keys])


def box() -> MultiFernet:
    return _box(tuple(settings.LOTSE_MFA_KEYS), settings.SECRET_KEY)


def secret_encrypt(text: str) -> str:
    return PREFIX + box().encrypt(text.encode()).decode()


def secret_decrypt(stored: str) -> str:
    if not stored.startswith(PREFIX):
        return stored  # written before encryption; `manage.py mfa_reencrypt` encrypts it
    try:
        return box().decrypt(stored[len(PREFIX) :].encode()).decode()
    except InvalidToken as exc:
        raise SecretUnreadable("no configured LOTSE_MFA_KEYS key decrypts this secret") from exc


def secret_reencrypt(stored: str) -> str:
    """The stored form under the newest key (plain text from before encryption included)."""
    return secret_encrypt(secret_decrypt(stored))


class MFAAdapter(DefaultMFAAdapter):
    def encrypt(self, text: str) -> str:
        return secret_encrypt(text)

    def decrypt(self, encrypted_text: str) -> str:
        return secret_decrypt(encrypted_text)

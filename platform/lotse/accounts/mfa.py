"""TOTP helpers for the demo and tests; real users enrol through allauth's pages."""

import time

from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, hotp_value

from .models import User

TOTP_PERIOD_SECONDS = 30


def totp_activate_with_secret(*, user: User, secret: str) -> None:
    """Give a user a TOTP authenticator with a known base32 secret (idempotent)."""
    Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).delete()
    TOTP.activate(user, secret)
    user.forget_mfa()


def totp_current_code(secret: str, at: float | None = None) -> str:
    counter = int(at if at is not None else time.time()) // TOTP_PERIOD_SECONDS
    return format_hotp_value(hotp_value(secret, counter))

"""API tokens: issued once in clear, stored as a digest, checked in constant work per request.

One service for the command, the admin and the authentication class (docs/security.md#api-tokens).
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from .models import ApiToken, User

PREFIX_LENGTH = 8
# How often a token's "last used" is written at most: a busy client must not cost a write per call.
LAST_USED_RESOLUTION = timedelta(hours=1)


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


@transaction.atomic
def issue_token(
    user: User, *, name: str = "", days: int | None = None, replace: bool = False
) -> tuple[ApiToken, str]:
    """A new token for `user` and its key; the key is not stored and cannot be shown again.

    `replace` revokes the user's other tokens first (rotation). `days` until it expires: without
    it the configured default (LOTSE_API_TOKEN_DAYS); 0 means the token does not expire.
    """
    if replace:
        ApiToken.objects.filter(user=user).delete()
    key = secrets.token_urlsafe(32)
    days = settings.LOTSE_API_TOKEN_DAYS if days is None else days
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[:PREFIX_LENGTH],
        digest=digest(key),
        expires_at=timezone.now() + timedelta(days=days) if days else None,
    )
    return token, key


def token_for_key(key: str) -> ApiToken | None:
    """The token a presented key belongs to, or None; found by its digest, never by the key."""
    if not key or len(key) > 200:
        return None
    return ApiToken.objects.select_related("user").filter(digest=digest(key)).first()


def note_use(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


def revoke(user: User, prefix: str | None = None) -> int:
    """Delete the user's tokens (those starting with `prefix` only, if given); how many."""
    tokens = ApiToken.objects.filter(user=user)
    if prefix:
        tokens = tokens.filter(prefix=prefix[:PREFIX_LENGTH])
    return tokens.delete()[0]

"""API tokens: issued once in clear, stored as a digest, checked in constant work per request.

One service for the command, the account page, the admin and the authentication class
(docs/security.md#api-tokens).
"""

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ApiToken, Role, User

PREFIX_LENGTH = 8
# How often a token's "last used" is written at most: a busy client must not cost a write per call.
LAST_USED_RESOLUTION = timedelta(hours=1)
# The periods the account page offers; none longer than LOTSE_API_TOKEN_DAYS.
EXPIRY_DAYS = (30, 90, 365)
NAME_MAX_LENGTH = ApiToken._meta.get_field("name").max_length

NAME_REQUIRED = _("Give the token a name, e.g. the system that will use it.")
NAME_TOO_LONG = _("The name may have at most %(max)d characters.")
NAME_TAKEN = _(
    "You already have a token with this name. Choose another name, or revoke the old token first."
)
EXPIRY_NOT_OFFERED = _("Choose one of the offered periods.")


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def organisation_scope(user: User) -> int | None:
    """The one organisation a user's data scope is, as the selectors' role ladder has it
    (social workers, facility staff); None where it is districts or the whole city."""
    if user.is_city_admin or user.role not in (Role.SOCIAL_WORKER, Role.FACILITY_STAFF):
        return None
    return user.organisation_id


@transaction.atomic
def issue_token(
    user: User,
    *,
    name: str = "",
    days: int | None = None,
    replace: bool = False,
    read_only: bool = False,
) -> tuple[ApiToken, str]:
    """A new token for `user` and its key; the key is not stored and cannot be shown again.

    `replace` revokes the user's other tokens first (rotation). `days` until it expires: without
    it the configured default (LOTSE_API_TOKEN_DAYS); 0 means the token does not expire. The
    token is bound to the user's organisation where that is her scope.
    """
    if replace:
        _revoke(ApiToken.objects.filter(user=user))
    key = new_key()
    days = settings.LOTSE_API_TOKEN_DAYS if days is None else days
    now = timezone.now()
    token = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=key[:PREFIX_LENGTH],
        digest=digest(key),
        created_at=now,
        expires_at=now + timedelta(days=days) if days else None,
        read_only=read_only,
        organisation_id=organisation_scope(user),
    )
    return token, key


def expiry_choices() -> list[int]:
    """Days a token from the account page may live: 30, 90, 365, capped by LOTSE_API_TOKEN_DAYS."""
    longest = settings.LOTSE_API_TOKEN_DAYS
    if not longest:  # 0: the command may issue tokens for ever; the page still sets a date
        return list(EXPIRY_DAYS)
    return sorted({d for d in EXPIRY_DAYS if d <= longest} | {min(longest, EXPIRY_DAYS[-1])})


@transaction.atomic
def token_create(*, user: User, name: str, days: int, read_only: bool) -> tuple[ApiToken, str]:
    """A token from the account page: a name unique among the user's live tokens, an offered
    expiry. Raises ValidationError (by field) and creates nothing on bad input."""
    # One check-then-create per user at a time: two quick clicks cannot make two of one name.
    User.objects.select_for_update().filter(pk=user.pk).first()
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = NAME_REQUIRED
    elif len(name) > NAME_MAX_LENGTH:
        errors["name"] = NAME_TOO_LONG % {"max": NAME_MAX_LENGTH}
    elif live_tokens_of(user).filter(name__iexact=name).exists():
        errors["name"] = NAME_TAKEN
    if days not in expiry_choices():
        errors["days"] = EXPIRY_NOT_OFFERED
    if errors:
        raise ValidationError(errors)
    return issue_token(user, name=name, days=days, read_only=read_only)


def tokens_of(user: User) -> QuerySet[ApiToken]:
    """The user's own tokens, newest first: the only ones the account page can reach."""
    return ApiToken.objects.filter(user=user).select_related("organisation")


def live_tokens_of(user: User) -> QuerySet[ApiToken]:
    return tokens_of(user).filter(
        Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()), revoked_at__isnull=True
    )


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


def token_revoke(*, token: ApiToken) -> bool:
    """Revoke one token (the row stays until retention); False if it already was revoked."""
    revoked = _revoke(ApiToken.objects.filter(pk=token.pk))
    token.refresh_from_db(fields=["revoked_at"])
    return bool(revoked)


def new_key() -> str:
    """A random key whose prefix never starts with "-": staff name a token by its prefix on the
    command line (`api_tokens --revoke PREFIX`), where argparse would read it as an option."""
    while (key := secrets.token_urlsafe(32)).startswith("-"):
        pass
    return key


def revoke(user: User, prefix: str | None = None) -> int:
    """Revoke the user's tokens (those starting with `prefix` only, if given); how many."""
    tokens = ApiToken.objects.filter(user=user)
    if prefix:
        tokens = tokens.filter(prefix=prefix[:PREFIX_LENGTH])
    return _revoke(tokens)


def _revoke(tokens: QuerySet[ApiToken]) -> int:
    return tokens.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


def tokens_prune(now=None) -> int:
    """Delete tokens revoked or expired more than LOTSE_API_TOKEN_RETENTION_DAYS ago; how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.LOTSE_API_TOKEN_RETENTION_DAYS)
    return ApiToken.objects.filter(Q(revoked_at__lt=cutoff) | Q(expires_at__lt=cutoff)).delete()[0]

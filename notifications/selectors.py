"""Reads: a user's preferences and inbox, the failures administrators look at."""

import secrets

from django.conf import settings
from django.core.cache import cache
from django.db.models import QuerySet

from .models import DigestFrequency, Notification, NotificationPreference


def preference_for(user) -> NotificationPreference:
    """The saved preferences, or unsaved defaults for a user who never chose."""
    found = NotificationPreference.objects.filter(user=user).first()
    return found or NotificationPreference(user=user)


def language_for(user, preference: NotificationPreference | None = None) -> str:
    """The recipient's language: her notification setting, else her account's, else German.

    A user model may narrow the choice with a `message_language(wanted)` method (the project's
    staff read staff messages in German or English); this app knows nothing of roles.
    """
    preference = preference or preference_for(user)
    wanted = preference.language or getattr(user, "preferred_language", "")
    narrow = getattr(user, "message_language", None)
    if callable(narrow) and wanted:
        wanted = narrow(wanted)
    known = {code for code, _name in settings.LANGUAGES}
    return wanted if wanted in known else settings.LANGUAGE_CODE


def inbox_for(user) -> QuerySet[Notification]:
    return Notification.objects.filter(recipient=user, inbox_at__isnull=False).order_by(
        "-inbox_at", "-pk"
    )


# The bell's count is asked on every page, so it is kept in the shared cache under a version
# per user that every write of that user's inbox forgets (services.unread_changed). Entries
# expire after UNREAD_SECONDS, which bounds what a lost invalidation can cost (the cache down
# while a write happened, a transaction rolled back after reading its own write).
UNREAD_SECONDS = 300


def unread_version_key(user_id: int) -> str:
    return f"notifications:unread-version:{user_id}"


def _unread_version(user_id: int) -> str | None:
    """The user's current version (a fresh one if none), or None if the cache is unusable."""
    key = unread_version_key(user_id)
    version = cache.get(key)
    if version is None:
        cache.add(key, secrets.token_hex(8), UNREAD_SECONDS)
        version = cache.get(key)
    return version


def unread_count(user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    version = _unread_version(user.pk)
    key = f"notifications:unread:{user.pk}:{version}"
    count = cache.get(key) if version else None
    if count is None:
        count = inbox_for(user).filter(read_at__isnull=True).count()
        if version:
            cache.set(key, count, UNREAD_SECONDS)
    return count


def users_with_digest(frequency: str) -> QuerySet:
    """Users who opted in to the opportunities digest at this frequency."""
    if frequency == DigestFrequency.NEVER:
        raise ValueError("nobody receives a digest 'never'")
    return NotificationPreference.objects.filter(
        digest=frequency, user__is_active=True
    ).select_related("user")


def inbox_entries(user, notifications) -> list[tuple[Notification, object]]:
    """Each notification with its text rendered in the active language, for the inbox page."""
    from django.utils import translation

    from .rendering import render_message

    language = translation.get_language() or language_for(user)
    name = getattr(user, "display_name", "")
    return [
        (n, render_message(kind=n.event, context=n.context, language=language, recipient_name=name))
        for n in notifications
    ]


def was_notified(dedupe_key: str) -> bool:
    """Whether a notification with this key was written (periodic jobs skip work then)."""
    return Notification.objects.filter(dedupe_key=dedupe_key).exists()

"""The one entry point platform apps call: notify() inside their own transaction."""

from django.db import transaction

from .events import check_event
from .models import Notification


class DedupeConflict(ValueError):
    """The dedupe key was used before for a different payload."""


def notify(*, recipient, event: str, context: dict, dedupe_key: str) -> Notification:
    """Write an outbox row in the caller's transaction; delivery happens after commit.

    The same dedupe key with the same payload returns the existing row (idempotent);
    with a different payload it is refused.
    """
    check_event(event)
    existing = Notification.objects.filter(dedupe_key=dedupe_key).first()
    if existing is not None:
        if existing.recipient_id != recipient.pk or existing.event != event:
            raise DedupeConflict(f"dedupe key {dedupe_key!r} reused for another payload")
        return existing
    notification = Notification.objects.create(
        recipient=recipient, event=event, context=context, dedupe_key=dedupe_key
    )
    transaction.on_commit(lambda: _enqueue(notification.pk))
    return notification


def _enqueue(notification_id: int) -> None:
    # Delivery (channels, Celery task with a short publish timeout) is built in the
    # notifications issue; until then rows wait in the outbox as pending.
    return None

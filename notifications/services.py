"""Writes: notify() inside the caller's transaction, reading, preferences, a manual retry."""

import json
from functools import partial

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import conf
from .channels import CHOOSABLE
from .errors import DedupeConflict, InvalidContext, RecipientGone
from .events import all_events, get_event
from .models import Notification, NotificationPreference
from .rendering import RESERVED, render_message
from .selectors import language_for
from .tasks import enqueue_delivery
from .unread import unread_changed

__all__ = ["DedupeConflict", "notify", "notify_many"]

NOT_YOURS = _("This notification is not yours.")
SMS_NUMBER_REQUIRED = _("Enter a mobile number to receive text messages.")
SMS_NUMBER_INVALID = _("Enter the mobile number with digits only, e.g. +49 170 1234567.")


def _payload(context) -> dict:
    """The context as the database will store it: plain JSON (dates become ISO strings)."""
    if not isinstance(context, dict):
        raise InvalidContext(f"context must be a dict, not {type(context).__name__}")
    clash = sorted(RESERVED & context.keys())
    if clash:
        raise InvalidContext(f"context uses reserved names: {', '.join(clash)}")
    try:
        return json.loads(json.dumps(context, cls=DjangoJSONEncoder))
    except (TypeError, ValueError) as exc:
        raise InvalidContext(f"context is not JSON-serialisable: {exc}") from exc


def _check_recipient(recipient) -> None:
    pk = getattr(recipient, "pk", None)
    if pk is None:
        raise RecipientGone("the recipient was deleted (or never saved)")
    if not type(recipient)._default_manager.filter(pk=pk, is_active=True).exists():
        raise RecipientGone(f"user {pk} was deleted or deactivated")


def _check_key(dedupe_key) -> None:
    if not isinstance(dedupe_key, str) or not dedupe_key.strip() or len(dedupe_key) > 200:
        raise ValueError("dedupe_key must be a non-empty string of at most 200 characters")


def _same_or_conflict(existing: Notification, recipient, event: str, payload: dict):
    if (existing.recipient_id, existing.event, existing.context) != (recipient.pk, event, payload):
        raise DedupeConflict(f"dedupe key {existing.dedupe_key!r} reused for another payload")
    return existing


def notify(
    *, recipient, event: str, context: dict, dedupe_key: str, once: bool = False
) -> Notification:
    """Write an outbox row in the caller's transaction; delivery happens after commit.

    The same dedupe key with the same payload returns the existing row (idempotent); with a
    different payload it raises DedupeConflict — unless `once` is set: then the first row
    stands whatever the payload (for periodic jobs whose context changes, e.g. days left).
    In strict mode (tests) the templates are rendered at once, so a missing variable fails in
    the caller's test.
    """
    get_event(event)
    _check_recipient(recipient)
    _check_key(dedupe_key)
    payload = _payload(context)
    existing = Notification.objects.filter(dedupe_key=dedupe_key).first()
    if existing is not None and once and existing.recipient_id == recipient.pk:
        return existing
    if existing is not None:
        return _same_or_conflict(existing, recipient, event, payload)
    if conf.strict_templates():
        render_message(
            kind=event, context=payload, language=language_for(recipient), recipient_name=""
        )
    return _create(recipient, event, payload, dedupe_key)


def _create(recipient, event: str, payload: dict, dedupe_key: str) -> Notification:
    try:
        with transaction.atomic():
            notification = Notification.objects.create(
                recipient=recipient,
                event=event,
                context=payload,
                dedupe_key=dedupe_key,
                sweep_at=timezone.now() + conf.sweep_after(),
            )
    except IntegrityError:
        # Another transaction wrote the same key first (unique constraint).
        existing = Notification.objects.get(dedupe_key=dedupe_key)
        return _same_or_conflict(existing, recipient, event, payload)
    transaction.on_commit(partial(enqueue_delivery, notification.pk))
    return notification


def notify_many(*, recipients, event: str, context: dict, dedupe_key: str) -> list:
    """notify() each active recipient once; the key gets ':<user id>' appended."""
    sent, seen = [], set()
    for user in recipients:
        if user.pk in seen or not user.is_active:
            continue
        seen.add(user.pk)
        sent.append(
            notify(
                recipient=user, event=event, context=context, dedupe_key=f"{dedupe_key}:{user.pk}"
            )
        )
    return sent


def notification_mark_read(*, notification: Notification, user) -> Notification:
    if notification.recipient_id != user.pk:
        raise PermissionDenied(NOT_YOURS)
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
    return notification


def notifications_mark_all_read(*, user) -> int:
    marked = Notification.objects.filter(
        recipient=user, inbox_at__isnull=False, read_at__isnull=True
    ).update(read_at=timezone.now())
    unread_changed(user.pk)  # update() sends no signal
    return marked


def _clean_channels(channels: dict) -> dict:
    known = {event.kind for event in all_events()}
    cleaned = {}
    for kind, names in channels.items():
        if kind not in known:
            raise ValidationError({"channels": _("Unknown event: %(kind)s") % {"kind": kind}})
        if not set(names) <= set(CHOOSABLE):
            raise ValidationError({"channels": _("Unknown channel.")})
        cleaned[kind] = [name for name in CHOOSABLE if name in names]
    return cleaned


def _clean_sms_number(number: str, channels: dict) -> str:
    number = " ".join(number.split())
    if number and not number.replace(" ", "").lstrip("+").isdigit():
        raise ValidationError({"sms_number": SMS_NUMBER_INVALID})
    if not number and any("sms" in names for names in channels.values()):
        raise ValidationError({"sms_number": SMS_NUMBER_REQUIRED})
    return number


@transaction.atomic
def preference_save(
    *,
    user,
    channels: dict | None = None,
    digest: str | None = None,
    language: str | None = None,
    sms_number: str | None = None,
) -> NotificationPreference:
    """Create or update a user's notification preferences (None keeps a value); all-or-nothing."""
    preference, _created = NotificationPreference.objects.select_for_update().get_or_create(
        user=user
    )
    if channels is not None:
        preference.channels = {**preference.channels, **_clean_channels(channels)}
    if digest is not None:
        preference.digest = digest
    if language is not None:
        preference.language = language
    preference.sms_number = _clean_sms_number(
        preference.sms_number if sms_number is None else sms_number, preference.channels
    )
    preference.full_clean(exclude=["user"])
    preference.save()
    return preference


def notifications_retry(*, notifications) -> int:
    """An administrator sends failed notifications again (fresh attempts, same dedupe key)."""
    ids = [n.pk for n in notifications if n.status == Notification.Status.FAILED]
    with transaction.atomic():
        Notification.objects.filter(pk__in=ids).update(
            status=Notification.Status.PENDING,
            attempts=0,
            not_before=None,
            failed_at=None,
            sweep_at=timezone.now() + conf.sweep_after(),
        )
        for pk in ids:
            transaction.on_commit(partial(enqueue_delivery, pk))
    return len(ids)

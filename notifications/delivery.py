"""Deliver one outbox row under a row lock, retry with backoff, sweep rows that wait too long.

Idempotent: the row is locked (select_for_update), a row that is no longer pending is left
alone, a row locked by someone else is looked at again two seconds later, and a retry skips
every channel that already delivered. Redelivering a task is
therefore harmless, which is what lets the broker and the sweeper both publish freely.
"""

import datetime as dt
import logging
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db import DatabaseError, transaction
from django.utils import timezone

from . import conf
from .channels import CHANNELS, CHOOSABLE, PermanentFailure, TemporaryFailure
from .models import Notification, NotificationPreference
from .rendering import render_message
from .selectors import language_for, preference_for
from .unread import unread_changed

log = logging.getLogger(__name__)
Status = Notification.Status

# A retry that fires a moment early (clocks, scheduling) still counts as due.
DUE_TOLERANCE = dt.timedelta(seconds=1)
# A row locked by someone else (a sweep's or an inbox update, or another worker delivering it)
# is looked at again this soon, so a brief lock never leaves it to the five-minute sweep.
BUSY_RECHECK_SECONDS = 2.0
RECIPIENT_GONE = "recipient deleted or deactivated"


@dataclass(frozen=True)
class Outcome:
    status: str
    detail: str = ""
    retry_in: float | None = None


def backoff_seconds(attempt: int, rng: random.Random | None = None) -> float:
    """Exponential backoff with equal jitter: half fixed, half random, so waits grow but
    many failed rows do not retry in lockstep."""
    ceiling = min(conf.retry_max_seconds(), conf.retry_base_seconds() * 2 ** (attempt - 1))
    return ceiling / 2 + (rng or random).uniform(0, ceiling / 2)


def plan_channels(notification: Notification, preference: NotificationPreference) -> list[str]:
    chosen = preference.channels_for(notification.event)
    usable = [
        name
        for name in CHOOSABLE
        if name in chosen and CHANNELS[name].available_for(notification.recipient, preference)
    ]
    return ["inbox", *usable]


def notification_deliver(*, notification_id: int, now: dt.datetime | None = None) -> Outcome:
    now = now or timezone.now()
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("recipient")
            .filter(pk=notification_id)
            .first()
        )
        if notification is None:
            if Notification.objects.filter(pk=notification_id, status=Status.PENDING).exists():
                return Outcome("busy", "locked by another transaction", BUSY_RECHECK_SECONDS)
            return Outcome("skipped", "gone, or no longer pending")
        if notification.status != Status.PENDING:
            return Outcome("skipped", f"already {notification.status}")
        if notification.not_before and notification.not_before > now + DUE_TOLERANCE:
            return Outcome("skipped", "not due yet")
        return _attempt(notification, now)


def _attempt(notification: Notification, now: dt.datetime) -> Outcome:
    recipient = notification.recipient
    if not recipient.is_active:
        return _finish(notification, Status.CANCELLED, now, RECIPIENT_GONE)
    preference = preference_for(recipient)
    if not notification.channels:
        notification.channels = plan_channels(notification, preference)
    message = render_message(
        kind=notification.event,
        context=notification.context,
        language=language_for(recipient, preference),
        recipient_name=getattr(recipient, "display_name", "") or recipient.get_short_name(),
    )
    notification.attempts += 1
    permanent, temporary = _send_remaining(notification, message, preference)
    if temporary:
        return _retry_or_fail(notification, now, temporary)
    if permanent:
        return _finish(notification, Status.FAILED, now, permanent)
    return _finish(notification, Status.SENT, now, "")


def _send_remaining(notification, message, preference) -> tuple[str, str]:
    """Send on each channel not yet done; returns (permanent errors, temporary error)."""
    permanent = []
    for name in notification.channels:
        if name in notification.channels_done:
            continue
        try:
            CHANNELS[name].send(notification=notification, message=message, preference=preference)
        except TemporaryFailure as exc:
            return "; ".join(permanent), f"{name}: {exc}"
        except PermanentFailure as exc:
            permanent.append(f"{name}: {exc}")
            continue
        notification.channels_done = [*notification.channels_done, name]
    return "; ".join(permanent), ""


def _retry_or_fail(notification: Notification, now: dt.datetime, error: str) -> Outcome:
    if notification.attempts >= conf.max_attempts():
        return _finish(
            notification,
            Status.FAILED,
            now,
            f"gave up after {notification.attempts} attempts: {error}",
        )
    delay = backoff_seconds(notification.attempts)
    notification.not_before = now + dt.timedelta(seconds=delay)
    notification.sweep_at = notification.not_before + conf.sweep_after()
    notification.last_error = error[:500]
    _save(notification)
    return Outcome("retry", error, retry_in=delay)


def _finish(notification: Notification, status: str, now: dt.datetime, error: str) -> Outcome:
    notification.status = status
    notification.last_error = error[:500]
    if status == Status.SENT:
        notification.delivered_at = now
    elif status == Status.FAILED:
        notification.failed_at = now
        log.warning("notification %s failed for good: %s", notification.pk, error)
    _save(notification)
    return Outcome(status, error)


def _save(notification: Notification) -> None:
    notification.save(
        update_fields=[
            "status",
            "last_error",
            "delivered_at",
            "failed_at",
            "inbox_at",
            "attempts",
            "channels",
            "channels_done",
            "not_before",
            "sweep_at",
        ]
    )


@dataclass(frozen=True)
class SweepResult:
    published: int
    due: int
    expired: int


def outbox_sweep(
    *, publish: Callable[[int], bool], now: dt.datetime | None = None, limit: int = 500
) -> SweepResult:
    """Publish again what waited past its sweep time (broker down, worker killed, lost
    message); stop at the first failed publish, the next sweep tries again."""
    now = now or timezone.now()
    expired = Notification.objects.filter(
        status=Status.PENDING, created_at__lt=now - conf.give_up_after()
    ).update(status=Status.FAILED, failed_at=now, last_error="not delivered in time")
    due = list(
        Notification.objects.filter(status=Status.PENDING, sweep_at__lte=now)
        .order_by("sweep_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    # Claim before publishing: once a message is out, this sweep writes no more to its row, so
    # its update can never hold the lock a worker needs to deliver that row at the same moment.
    Notification.objects.filter(pk__in=due, status=Status.PENDING).update(
        sweep_at=now + conf.sweep_after()
    )
    published = []
    for pk in due:
        if not publish(pk):
            break
        published.append(pk)
    unpublished = due[len(published) :]
    if unpublished:  # not out: due again for the next sweep
        Notification.objects.filter(pk__in=unpublished, status=Status.PENDING).update(sweep_at=now)
    return SweepResult(len(published), len(due), expired)


def outbox_due_now(*, notification_id: int) -> None:
    """A row whose publish failed is due at once: the next sweep (seconds after the broker is
    back) publishes it, instead of waiting out NOTIFICATIONS_SWEEP_AFTER_SECONDS."""
    try:
        Notification.objects.filter(pk=notification_id, status=Status.PENDING).update(
            sweep_at=timezone.now()
        )
    except DatabaseError:  # never raise from the publish path; the regular sweep still finds it
        log.warning("could not mark notification %s due", notification_id, exc_info=True)


def outbox_prune(*, now: dt.datetime | None = None) -> int:
    """Delete notifications older than the retention period (they hold personal data)."""
    now = now or timezone.now()
    old = Notification.objects.filter(created_at__lt=now - conf.retention())
    unread_of = set(old.filter(read_at__isnull=True).values_list("recipient_id", flat=True))
    deleted, _by_model = old.delete()
    for user_id in unread_of:
        unread_changed(user_id)
    return deleted

"""Delivering one outbox row: idempotent, per channel, with bounded retries."""

import datetime as dt
import random
import threading

import pytest
from django.core import mail
from django.db import connection, transaction
from django.utils import timezone

from notifications.delivery import backoff_seconds, notification_deliver
from notifications.models import Notification
from notifications.services import notify, preference_save

from .backends import RecordingSmsBackend, RefusingBackend

pytestmark = pytest.mark.django_db
REFUSING = "tests.notifications.backends.RefusingBackend"


@pytest.fixture
def proposed(victor, placement_context):
    return notify(
        recipient=victor,
        event="placement_proposed",
        context=placement_context,
        dedupe_key="placement:1:proposed:victor",
    )


@pytest.fixture
def refusing(settings):
    settings.EMAIL_BACKEND = REFUSING
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 10
    RefusingBackend.refusals, RefusingBackend.code = 0, 451
    yield RefusingBackend
    RefusingBackend.refusals = 0


def deliver(notification, **kwargs):
    return notification_deliver(notification_id=notification.pk, **kwargs)


def test_it_delivers_after_commit_by_email_and_into_the_inbox(
    victor, placement_context, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        notification = notify(
            recipient=victor, event="placement_proposed", context=placement_context, dedupe_key="k"
        )
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert notification.channels_done == ["inbox", "email"]
    assert notification.inbox_at is not None
    assert [m.to for m in mail.outbox] == [["victor@example.org"]]


def test_it_never_sends_twice_when_the_task_runs_again(proposed):
    first, second = deliver(proposed), deliver(proposed)
    assert (first.status, second.status) == ("sent", "skipped")
    assert len(mail.outbox) == 1


def test_it_puts_a_recipient_without_email_only_into_the_inbox(victor, placement_context):
    victor.email = ""
    victor.save()
    notification = notify(
        recipient=victor, event="placement_proposed", context=placement_context, dedupe_key="k"
    )
    assert deliver(notification).status == "sent"
    notification.refresh_from_db()
    assert notification.channels_done == ["inbox"]
    assert mail.outbox == []


def test_it_follows_the_channels_the_user_chose(victor, placement_context):
    preference_save(user=victor, channels={"placement_proposed": []})
    notification = notify(
        recipient=victor, event="placement_proposed", context=placement_context, dedupe_key="k"
    )
    deliver(notification)
    notification.refresh_from_db()
    assert notification.channels_done == ["inbox"]
    assert mail.outbox == []


def test_it_sends_a_text_message_through_the_configured_backend(
    settings, victor, placement_context
):
    settings.NOTIFICATIONS_SMS_BACKEND = "tests.notifications.backends.RecordingSmsBackend"
    RecordingSmsBackend.sent = []
    preference_save(
        user=victor, channels={"placement_proposed": ["sms"]}, sms_number="+49 170 1234567"
    )
    notification = notify(
        recipient=victor, event="placement_proposed", context=placement_context, dedupe_key="k"
    )
    deliver(notification)
    [(to, text)] = RecordingSmsBackend.sent
    assert to == "+49 170 1234567"
    assert "Hausaufgabenhilfe" in text and len(text) <= 160


def test_it_retries_a_temporary_refusal_later_with_backoff(refusing, proposed):
    refusing.refusals = 1
    now = timezone.now()
    outcome = deliver(proposed, now=now)
    proposed.refresh_from_db()
    assert outcome.status == "retry"
    assert 5 <= outcome.retry_in <= 10
    assert proposed.status == Notification.Status.PENDING
    assert proposed.not_before == now + dt.timedelta(seconds=outcome.retry_in)
    assert "451" in proposed.last_error


def test_it_does_not_attempt_a_row_before_its_backoff_is_over(refusing, proposed):
    refusing.refusals = 1
    now = timezone.now()
    deliver(proposed, now=now)
    assert deliver(proposed, now=now + dt.timedelta(seconds=1)).status == "skipped"
    assert deliver(proposed, now=now + dt.timedelta(seconds=11)).status == "sent"
    assert len(mail.outbox) == 1


def test_it_never_repeats_a_channel_that_already_delivered(refusing, proposed):
    refusing.refusals = 1
    now = timezone.now()
    deliver(proposed, now=now)
    proposed.refresh_from_db()
    first_inbox_at = proposed.inbox_at
    deliver(proposed, now=now + dt.timedelta(minutes=1))
    proposed.refresh_from_db()
    assert proposed.channels_done == ["inbox", "email"]
    assert proposed.inbox_at == first_inbox_at


def test_it_marks_a_permanent_refusal_failed_at_once(refusing, proposed):
    refusing.refusals, refusing.code = 1, 550
    outcome = deliver(proposed)
    proposed.refresh_from_db()
    assert outcome.status == "failed"
    assert proposed.status == Notification.Status.FAILED
    assert proposed.attempts == 1
    assert proposed.failed_at is not None
    assert "550" in proposed.last_error


def test_it_gives_up_after_the_last_attempt(settings, refusing, proposed):
    settings.NOTIFICATIONS_MAX_ATTEMPTS = 3
    refusing.refusals = 99
    now = timezone.now()
    outcomes = [deliver(proposed, now=now + dt.timedelta(hours=i)).status for i in range(4)]
    proposed.refresh_from_db()
    assert outcomes == ["retry", "retry", "failed", "skipped"]
    assert proposed.attempts == 3
    assert proposed.last_error.startswith("gave up after 3 attempts")


def test_it_cancels_for_a_user_deactivated_before_delivery(victor, proposed):
    victor.is_active = False
    victor.save()
    assert deliver(proposed).status == "cancelled"
    assert mail.outbox == []


def test_it_does_nothing_for_a_user_deleted_before_delivery(victor, proposed):
    victor.delete()
    assert deliver(proposed).status == "skipped"
    assert mail.outbox == []


def test_its_backoff_grows_exponentially_with_jitter_and_a_ceiling(settings):
    settings.NOTIFICATIONS_RETRY_BASE_SECONDS = 10
    settings.NOTIFICATIONS_RETRY_MAX_SECONDS = 60
    rng = random.Random(7)
    waits = [[backoff_seconds(attempt, rng) for _ in range(50)] for attempt in (1, 2, 3, 4, 5)]
    bounds = [(5, 10), (10, 20), (20, 40), (30, 60), (30, 60)]
    for samples, (low, high) in zip(waits, bounds, strict=True):
        assert low <= min(samples) and max(samples) <= high
        assert max(samples) - min(samples) > (high - low) / 3  # really jittered


@pytest.mark.django_db(transaction=True)
def test_a_row_locked_elsewhere_is_looked_at_again_in_seconds_not_left_to_the_sweep(
    postgres, victor, placement_context
):
    """CI saw it: a sweep's update held the row for an instant while a worker picked up the
    message it had just published; the worker skipped, and the e-mail waited five minutes."""
    notification = Notification.objects.create(
        recipient=victor, event="placement_proposed", context=placement_context, dedupe_key="k"
    )
    locked, release = threading.Event(), threading.Event()

    def hold_the_row():
        with transaction.atomic():
            Notification.objects.filter(pk=notification.pk).update(sweep_at=timezone.now())
            locked.set()
            release.wait(10)
        connection.close()

    holder = threading.Thread(target=hold_the_row)
    holder.start()
    try:
        assert locked.wait(5)
        outcome = deliver(notification)
    finally:
        release.set()
        holder.join()
    assert outcome.status == "busy"
    assert 0 < outcome.retry_in <= 5
    assert deliver(notification).status == "sent"

"""Publishing after commit and the sweeper: a broker that is down never loses a row."""

import datetime as dt
import time

import pytest
from django.utils import timezone

from notifications.delivery import outbox_prune, outbox_sweep
from notifications.models import Notification
from notifications.services import notify
from notifications.tasks import broker_pause, enqueue_delivery

from .brokers import closed_port, silent_broker, use_broker

pytestmark = pytest.mark.django_db
Status = Notification.Status


def make(victor, key, **fields):
    notification = notify(
        recipient=victor,
        event="certificate_expired",
        context={"valid_until": "2026-12-01"},
        dedupe_key=key,
    )
    Notification.objects.filter(pk=notification.pk).update(**fields)
    return notification


def test_it_leaves_the_row_pending_when_the_broker_refuses(
    victor, django_capture_on_commit_callbacks
):
    with use_broker(f"redis://127.0.0.1:{closed_port()}/0"):
        with django_capture_on_commit_callbacks(execute=True):
            notification = make(victor, "k")
        assert broker_pause.is_on()
    notification.refresh_from_db()
    assert notification.status == Status.PENDING
    assert notification.attempts == 0


def test_it_does_not_wait_on_a_hung_broker_once_per_notification(
    victor, django_capture_on_commit_callbacks
):
    with silent_broker() as url, use_broker(url):
        started = time.monotonic()
        with django_capture_on_commit_callbacks(execute=True):
            for i in range(20):
                make(victor, f"k{i}")
        elapsed = time.monotonic() - started
    # One publish waits for the socket timeout (2 s); the other 19 are not even tried.
    assert elapsed < 8
    assert Notification.objects.filter(status=Status.PENDING).count() == 20


def test_it_reports_a_failed_publish_without_raising():
    with use_broker(f"redis://127.0.0.1:{closed_port()}/0"):
        assert enqueue_delivery(12345) is False


def test_the_sweeper_publishes_rows_that_waited_too_long(victor):
    now = timezone.now()
    late = make(victor, "late", sweep_at=now - dt.timedelta(seconds=1))
    make(victor, "fresh", sweep_at=now + dt.timedelta(minutes=5))
    make(victor, "sent", sweep_at=now - dt.timedelta(hours=1), status=Status.SENT)
    published = []
    result = outbox_sweep(publish=lambda pk: published.append(pk) or True, now=now)
    assert published == [late.pk]
    assert result.published == 1
    late.refresh_from_db()
    assert late.sweep_at > now


def test_the_sweeper_claims_a_row_before_it_publishes_it(victor):
    """Once the message is out the sweep writes no more to the row, so it never holds the lock
    a worker needs to deliver it at that moment."""
    now = timezone.now()
    late = make(victor, "late", sweep_at=now - dt.timedelta(seconds=1))
    claimed = []

    def publish(pk):
        claimed.append(Notification.objects.get(pk=pk).sweep_at > now)
        return True

    outbox_sweep(publish=publish, now=now)
    assert claimed == [True]
    late.refresh_from_db()
    assert late.sweep_at > now


def test_the_sweeper_stops_at_the_first_failed_publish(victor):
    now = timezone.now()
    for i in range(3):
        make(victor, f"k{i}", sweep_at=now - dt.timedelta(seconds=10 - i))
    tried = []
    result = outbox_sweep(publish=lambda pk: tried.append(pk) and False, now=now)
    assert len(tried) == 1
    assert (result.published, result.due) == (0, 3)
    assert Notification.objects.filter(sweep_at__lte=now).count() == 3


def test_the_sweeper_marks_rows_failed_that_never_went_out_in_time(settings, victor):
    settings.NOTIFICATIONS_GIVE_UP_AFTER_HOURS = 72
    old = make(victor, "old", created_at=timezone.now() - dt.timedelta(hours=73))
    result = outbox_sweep(publish=lambda pk: True)
    old.refresh_from_db()
    assert result.expired == 1
    assert (old.status, old.last_error) == (Status.FAILED, "not delivered in time")


def test_pruning_deletes_notifications_past_the_retention_period(settings, victor):
    settings.NOTIFICATIONS_RETENTION_DAYS = 30
    make(victor, "old", created_at=timezone.now() - dt.timedelta(days=31))
    kept = make(victor, "new")
    assert outbox_prune() == 1
    assert list(Notification.objects.values_list("pk", flat=True)) == [kept.pk]


def test_a_row_whose_publish_failed_is_due_for_the_next_sweep(
    victor, django_capture_on_commit_callbacks
):
    with (
        use_broker(f"redis://127.0.0.1:{closed_port()}/0"),
        django_capture_on_commit_callbacks(execute=True),
    ):
        first = make(victor, "first")
        second = make(victor, "second")  # not even tried: the broker pause is on
    now = timezone.now()
    for notification in (first, second):
        notification.refresh_from_db()
        assert notification.sweep_at <= now  # not five minutes from now
    published = []
    outbox_sweep(publish=lambda pk: published.append(pk) or True, now=now)
    assert sorted(published) == sorted([first.pk, second.pk])

"""The bell's unread count is kept in the shared cache (issue 21); every write that changes it
is seen by the next request."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from notifications import conf
from notifications.delivery import outbox_prune
from notifications.models import Notification
from notifications.selectors import unread_count
from notifications.services import notification_mark_read, notifications_mark_all_read
from tests.notifications.test_inbox import delivered

DATE_INDEPENDENT = "counts unread notifications; no date is compared"

pytestmark = pytest.mark.django_db


def test_it_answers_the_second_time_from_the_cache(victor, django_assert_num_queries):
    delivered(victor, "a")
    assert unread_count(victor) == 1
    with django_assert_num_queries(0):
        assert unread_count(victor) == 1


def test_it_counts_a_delivered_notification_at_once(victor):
    delivered(victor, "a")
    assert unread_count(victor) == 1
    delivered(victor, "b")
    assert unread_count(victor) == 2


def test_it_forgets_the_count_when_one_is_marked_read(victor):
    notification = delivered(victor, "a")
    assert unread_count(victor) == 1
    notification_mark_read(notification=notification, user=victor)
    assert unread_count(victor) == 0


def test_it_forgets_the_count_when_all_are_marked_read(victor):
    delivered(victor, "a"), delivered(victor, "b")
    assert unread_count(victor) == 2
    notifications_mark_all_read(user=victor)
    assert unread_count(victor) == 0


def test_the_prune_forgets_the_count_of_whom_it_deleted_unread_notifications(victor, vera):
    delivered(victor, "a"), delivered(victor, "b"), delivered(vera, "c")
    assert (unread_count(victor), unread_count(vera)) == (2, 1)
    Notification.objects.filter(dedupe_key="a").update(
        created_at=timezone.now() - conf.retention() - dt.timedelta(days=1)
    )
    assert outbox_prune() == 1
    assert (unread_count(victor), unread_count(vera)) == (1, 1)


def test_it_keeps_each_users_count_apart(victor, vera):
    delivered(victor, "a"), delivered(vera, "b")
    assert (unread_count(victor), unread_count(vera)) == (1, 1)
    notifications_mark_all_read(user=victor)
    assert (unread_count(victor), unread_count(vera)) == (0, 1)


def test_the_next_page_shows_the_count_after_marking_all_read(client, victor):
    delivered(victor, "a")
    client.force_login(victor)
    assert "1 ungelesen" in client.get(reverse("notifications:inbox")).content.decode()
    client.post(reverse("notifications:mark_all_read"))
    assert "ungelesen" not in client.get(reverse("notifications:inbox")).content.decode()


def test_it_reads_the_database_when_the_cache_is_unusable(victor, monkeypatch):
    from notifications import selectors

    monkeypatch.setattr(selectors.cache, "get", lambda *a, **k: None)
    delivered(victor, "a")
    assert unread_count(victor) == 1
    Notification.objects.update(read_at=timezone.now())
    assert unread_count(victor) == 0

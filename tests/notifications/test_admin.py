"""Administrators see what failed and can send it again."""

import pytest
from django.core import mail
from django.utils import timezone

from notifications.models import Notification
from notifications.services import notify

pytestmark = pytest.mark.django_db
Status = Notification.Status


@pytest.fixture
def failed(victor, placement_context):
    notification = notify(
        recipient=victor, event="placement_proposed", context=placement_context, dedupe_key="k"
    )
    Notification.objects.filter(pk=notification.pk).update(
        status=Status.FAILED,
        attempts=8,
        failed_at=timezone.now(),
        last_error="email: 550 no such user",
    )
    return notification


def test_failed_notifications_have_their_own_admin_page(client, erin, failed):
    client.force_login(erin)
    page = client.get("/admin/notifications/failednotification/").content.decode()
    assert "550 no such user" in page


def test_the_notification_list_filters_by_status(client, erin, failed):
    client.force_login(erin)
    response = client.get("/admin/notifications/notification/?status__exact=failed")
    assert response.status_code == 200
    assert "550 no such user" in response.content.decode()


def test_the_retry_action_sends_a_failed_notification_again(
    client, erin, failed, django_capture_on_commit_callbacks
):
    client.force_login(erin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/admin/notifications/failednotification/",
            {"action": "retry_failed", "_selected_action": [failed.pk]},
        )
    failed.refresh_from_db()
    assert failed.status == Status.SENT
    assert len(mail.outbox) == 1


def test_the_admin_pages_are_closed_to_other_staff(client, alice, failed):
    client.force_login(alice)
    assert client.get("/admin/notifications/failednotification/").status_code == 302

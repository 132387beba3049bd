"""The inbox page, the bell in the header and marking as read."""

import pytest
from django.urls import reverse

from notifications.delivery import notification_deliver
from notifications.models import Notification
from notifications.services import notify

pytestmark = pytest.mark.django_db


def delivered(user, key="k", url="/placements/1/"):
    context = {"need_title": "Hausaufgabenhilfe", "place": "A1 Kinderhaus", "url": url}
    notification = notify(
        recipient=user, event="placement_proposed", context=context, dedupe_key=key
    )
    notification_deliver(notification_id=notification.pk)
    notification.refresh_from_db()
    return notification


def test_the_bell_shows_the_unread_count(client, victor):
    delivered(victor, "a"), delivered(victor, "b")
    client.force_login(victor)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert 'Nachrichten <span class="badge">2 ungelesen</span>' in page


def test_the_inbox_lists_my_notifications_in_my_language(client, victor):
    delivered(victor)
    client.force_login(victor)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "Einsatz vorgeschlagen: Hausaufgabenhilfe" in page
    assert "Neu" in page


def test_the_inbox_does_not_show_other_peoples_notifications(client, victor, vera):
    delivered(vera)
    client.force_login(victor)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "Hausaufgabenhilfe" not in page


def test_the_inbox_waits_for_delivery(client, victor, placement_context):
    notify(recipient=victor, event="placement_proposed", context=placement_context, dedupe_key="k")
    client.force_login(victor)
    assert "Hausaufgabenhilfe" not in client.get(reverse("notifications:inbox")).content.decode()


def test_marking_read_lowers_the_count(client, victor):
    notification = delivered(victor)
    client.force_login(victor)
    response = client.post(reverse("notifications:mark_read", args=[notification.pk]))
    assert response.status_code == 302
    notification.refresh_from_db()
    assert notification.read_at is not None
    assert "ungelesen" not in client.get(reverse("notifications:inbox")).content.decode()


def test_i_cannot_mark_someone_elses_notification(client, victor, vera):
    notification = delivered(vera)
    client.force_login(victor)
    assert (
        client.post(reverse("notifications:mark_read", args=[notification.pk])).status_code == 404
    )
    notification.refresh_from_db()
    assert notification.read_at is None


def test_mark_all_read_marks_only_mine(client, victor, vera):
    delivered(victor, "a"), delivered(victor, "b"), delivered(vera, "c")
    client.force_login(victor)
    client.post(reverse("notifications:mark_all_read"))
    unread = Notification.objects.filter(read_at__isnull=True)
    assert list(unread.values_list("recipient__email", flat=True)) == ["vera@example.org"]


def test_opening_marks_read_and_goes_to_the_page_it_names(client, victor):
    notification = delivered(victor, url="/placements/7/")
    client.force_login(victor)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == "/placements/7/"
    notification.refresh_from_db()
    assert notification.read_at is not None


def test_opening_never_redirects_to_another_site(client, victor):
    notification = delivered(victor, url="//evil.example/")
    client.force_login(victor)
    response = client.get(reverse("notifications:open", args=[notification.pk]))
    assert response["Location"] == reverse("notifications:inbox")


def test_the_inbox_needs_a_login(client):
    response = client.get(reverse("notifications:inbox"))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_api_lists_my_inbox_and_marks_read(client, victor):
    notification = delivered(victor)
    client.force_login(victor)
    listing = client.get("/api/v1/notifications/").json()
    assert listing["count"] == 1
    assert listing["results"][0]["subject"] == "Einsatz vorgeschlagen: Hausaufgabenhilfe"
    assert client.get("/api/v1/notifications/unread/").json() == {"unread": 1}
    client.post(f"/api/v1/notifications/{notification.pk}/read/")
    assert client.get("/api/v1/notifications/unread/").json() == {"unread": 0}


def test_the_api_hides_other_peoples_notifications(client, victor, vera):
    notification = delivered(vera)
    client.force_login(victor)
    assert client.post(f"/api/v1/notifications/{notification.pk}/read/").status_code == 404


@pytest.mark.parametrize("bad_id", ["x1", "%F0%93%9C%B1", "1e3"])
def test_the_api_answers_a_malformed_notification_id_with_404(client, victor, bad_id):
    client.force_login(victor)
    assert client.post(f"/api/v1/notifications/{bad_id}/read/").status_code == 404


def test_without_a_broker_a_notification_shows_at_once(
    client, victor, placement_context, django_capture_on_commit_callbacks
):
    """`make run` has no Redis: tasks run in-process (eager, demo only)."""
    with django_capture_on_commit_callbacks(execute=True):
        notify(
            recipient=victor, event="placement_proposed", context=placement_context, dedupe_key="k"
        )
    client.force_login(victor)
    page = client.get(reverse("notifications:inbox")).content.decode()
    assert "Einsatz vorgeschlagen: Hausaufgabenhilfe" in page
    assert "1 ungelesen" in page

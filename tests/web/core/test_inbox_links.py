"""Every inbox message links to what it is about, and never off the site."""

import pytest
from django.urls import reverse

from notifications.delivery import notification_deliver
from notifications.services import notify

pytestmark = pytest.mark.django_db


def _inbox_with(client, user, context: dict) -> str:
    context = {"need_title": "Hausaufgabenhilfe", "place": "A1 Kinderhaus", **context}
    notification = notify(
        recipient=user, event="placement_proposed", context=context, dedupe_key="k"
    )
    notification_deliver(notification_id=notification.pk)
    client.force_login(user)
    return client.get(reverse("notifications:inbox")).content.decode()


def test_a_notification_about_a_placement_links_to_it(client, victor):
    page = _inbox_with(client, victor, {"placement": 41, "need": 7})
    assert 'href="/placements/41/"' in page


def test_a_notification_about_a_need_links_to_it(client, victor):
    assert 'href="/needs/7/"' in _inbox_with(client, victor, {"need": 7})


def test_a_local_url_is_linked_through_the_inbox(client, victor):
    page = _inbox_with(client, victor, {"url": "/concerns/3/"})
    assert len(_open_links(page)) == 1


def _links(page: str) -> list[str]:
    return [part.split('"')[0] for part in page.split('href="')[1:]]


def _open_links(page: str) -> list[str]:
    return [link for link in _links(page) if link.endswith("/open/")]


@pytest.mark.parametrize("url", ["https://evil.example/", "//evil", "/\\evil", "javascript:x"])
def test_a_url_off_the_site_is_not_linked(client, victor, url):
    page = _inbox_with(client, victor, {"url": url})
    assert _open_links(page) == []
    assert not [link for link in _links(page) if "evil" in link or "javascript" in link]


def test_a_bad_url_falls_back_to_the_placement(client, victor):
    page = _inbox_with(client, victor, {"url": "//evil", "placement": 41})
    assert 'href="/placements/41/"' in page and _open_links(page) == []

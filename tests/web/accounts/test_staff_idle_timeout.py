"""Staff sessions end after LOTSE_STAFF_IDLE_MINUTES without a request; volunteers' do not."""

import time

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from lotse.accounts.middleware import IDLE_LOGOUT_MESSAGE, LAST_SEEN_KEY

pytestmark = pytest.mark.django_db


def _idle_for(client, minutes: float) -> None:
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time() - minutes * 60)
    session.save()


def _logged_in(client, user, page: str):
    client.force_login(user)
    assert client.get(reverse(page)).status_code == 200
    return client


def test_it_logs_staff_out_after_thirty_idle_minutes_by_default(client, alice):
    _logged_in(client, alice, "web:staff_home")
    _idle_for(client, 31)
    response = client.get(reverse("needs:list") + "?status=open")
    assert response.status_code == 302
    assert response.url == reverse("account_login") + "?next=/needs/%3Fstatus%3Dopen"
    assert "_auth_user_id" not in client.session


def test_it_tells_the_user_why_they_were_logged_out(client, alice):
    _logged_in(client, alice, "web:staff_home")
    _idle_for(client, 31)
    response = client.get(reverse("web:staff_home"), follow=True)
    with translation.override(settings.LANGUAGE_CODE):
        expected = str(IDLE_LOGOUT_MESSAGE % {"minutes": 30})
    assert [str(m) for m in response.context["messages"]] == [expected]
    assert expected in response.content.decode()


def test_it_keeps_a_staff_session_that_was_idle_less_than_the_limit(client, dora):
    _logged_in(client, dora, "web:coordinator_home")
    _idle_for(client, 29)
    assert client.get(reverse("web:coordinator_home")).status_code == 200


def test_each_request_restarts_the_idle_clock(client, alice):
    _logged_in(client, alice, "web:staff_home")
    _idle_for(client, 20)
    assert client.get(reverse("web:staff_home")).status_code == 200
    assert client.session[LAST_SEEN_KEY] >= int(time.time()) - 1


def test_it_logs_administrators_out_of_the_admin_site_too(client, erin):
    _logged_in(client, erin, "admin:index")
    _idle_for(client, 31)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_it_refuses_the_api_to_an_idle_staff_session(client, alice):
    _logged_in(client, alice, "web:staff_home")
    _idle_for(client, 31)
    assert client.get("/api/v1/facilities/").status_code in (401, 403)
    assert "_auth_user_id" not in client.session


def test_it_keeps_volunteers_logged_in_however_long_they_were_idle(client, victor):
    _logged_in(client, victor, "web:volunteer_home")
    assert LAST_SEEN_KEY not in client.session
    _idle_for(client, 24 * 60)
    assert client.get(reverse("web:volunteer_home")).status_code == 200


@override_settings(LOTSE_STAFF_IDLE_MINUTES=5)
def test_it_reads_the_idle_minutes_from_the_settings(client, alice):
    _logged_in(client, alice, "web:staff_home")
    _idle_for(client, 6)
    assert client.get(reverse("web:staff_home")).status_code == 302


@override_settings(LOTSE_STAFF_IDLE_MINUTES=0)
def test_zero_minutes_turns_the_idle_logout_off(client, alice):
    _logged_in(client, alice, "web:staff_home")
    _idle_for(client, 24 * 60)
    assert client.get(reverse("web:staff_home")).status_code == 200

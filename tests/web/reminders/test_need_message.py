"""Staff message everyone placed on a need."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lotse.reminders.models import NeedMessage
from lotse.reminders.services import BODY_REQUIRED, NOBODY_PLACED, need_message_send

from ..placements.factories import make_placement, ready_volunteer
from .conftest import sent

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_placed(tomorrows_need, placed, alice):
    other = ready_volunteer("wanda@example.org")
    make_placement(need=tomorrows_need, volunteer=other, how="active", approver=alice)
    return tomorrows_need


def test_it_messages_everyone_placed_on_the_need(two_placed, alice):
    message = need_message_send(
        need=two_placed,
        actor=alice,
        subject="Raumänderung",
        body="Wir treffen uns im Gemeinschaftsraum.",
    )
    assert message.recipient_count == 2
    emails = sorted(n.recipient.email for n in sent("need_message"))
    assert emails == ["victor@example.org", "wanda@example.org"]


def test_it_leaves_out_volunteers_not_yet_approved(tomorrows_need, placed, alice):
    make_placement(need=tomorrows_need, volunteer=ready_volunteer(), how="proposed")
    need_message_send(need=tomorrows_need, actor=alice, subject="Hallo", body="Bis morgen")
    assert sent("need_message").count() == 1


def test_it_refuses_staff_of_another_organisation(two_placed, charlie):
    with pytest.raises(PermissionDenied):
        need_message_send(need=two_placed, actor=charlie, subject="Hallo", body="Bis morgen")
    assert not NeedMessage.objects.exists()


def test_it_refuses_an_empty_message_and_saves_nothing(two_placed, alice):
    with pytest.raises(ValidationError) as error:
        need_message_send(need=two_placed, actor=alice, subject="Hallo", body="  ")
    assert error.value.message_dict["body"] == [str(BODY_REQUIRED)]
    assert not NeedMessage.objects.exists() and not sent("need_message").exists()


def test_it_says_so_when_nobody_is_placed(tomorrows_need, alice):
    with pytest.raises(ValidationError, match=str(NOBODY_PLACED)):
        need_message_send(need=tomorrows_need, actor=alice, subject="Hallo", body="Bis morgen")


def test_the_page_sends_and_lists_the_message(client, two_placed, alice):
    client.force_login(alice)
    url = reverse("reminders:need_message", args=[two_placed.pk])
    response = client.post(url, {"subject": "Raumänderung", "body": "Gemeinschaftsraum"})
    assert response.status_code == 302
    page = client.get(url).content.decode()
    assert "Raumänderung" in page and "2 Ehrenamtliche" in page


def test_the_page_shows_errors_next_to_the_field(client, two_placed, alice):
    client.force_login(alice)
    url = reverse("reminders:need_message", args=[two_placed.pk])
    page = client.post(url, {"subject": "Hallo", "body": ""}).content.decode()
    assert 'aria-describedby="id_body-errors"' in page


def test_the_page_is_closed_to_volunteers(client, two_placed, victor):
    client.force_login(victor)
    response = client.get(reverse("reminders:need_message", args=[two_placed.pk]))
    assert response.status_code == 403


def test_the_page_of_another_organisations_need_is_not_found(client, two_placed, charlie):
    client.force_login(charlie)
    response = client.get(reverse("reminders:need_message", args=[two_placed.pk]))
    assert response.status_code == 404

"""The e-mail channel: what arrives in the mailbox."""

import pytest
from django.core import mail

from notifications.channels.email import message_id
from notifications.delivery import notification_deliver
from notifications.services import notify, preference_save

pytestmark = pytest.mark.django_db


def send(user, context, event="placement_approved", key="k"):
    notification = notify(recipient=user, event=event, context=context, dedupe_key=key)
    notification_deliver(notification_id=notification.pk)
    return notification, mail.outbox[-1]


def test_it_sends_plain_text_with_an_html_alternative(victor, placement_context):
    _notification, email = send(victor, placement_context)
    [(html, mimetype)] = email.alternatives
    assert mimetype == "text/html"
    assert "<p>" in html and "<p>" not in email.body


def test_it_writes_german_to_a_german_speaking_recipient(victor, placement_context):
    _notification, email = send(victor, placement_context)
    assert email.subject == "[Lotse] Freigegeben: Hausaufgabenhilfe"
    assert email.body.startswith("Hallo Victor V.,")
    assert email.extra_headers["Content-Language"] == "de"


def test_it_writes_english_to_an_english_speaking_recipient(vera, placement_context):
    _notification, email = send(vera, placement_context)
    assert email.subject == "[Lotse] Approved: Hausaufgabenhilfe"
    assert email.extra_headers["Content-Language"] == "en"


def test_the_notification_language_setting_wins_over_the_account(victor, placement_context):
    preference_save(user=victor, language="en")
    _notification, email = send(victor, placement_context)
    assert email.subject == "[Lotse] Approved: Hausaufgabenhilfe"


def test_it_includes_contact_person_and_address_of_an_approved_placement(victor):
    context = {
        "need_title": "Fahrradwerkstatt",
        "place": "A1 Kinderhaus",
        "contact_person": "Frau Beispiel",
        "address": "Teststraße 1, 48159 Münster",
        "consultation_hours": "mon 09:00-12:00",
    }
    _notification, email = send(victor, context)
    assert "Ansprechperson: Frau Beispiel" in email.body
    assert "Adresse: Teststraße 1, 48159 Münster" in email.body
    assert "Sprechstunden: mon 09:00-12:00" in email.body


def test_it_carries_a_stable_message_id_and_an_unsubscribe_link(victor, placement_context):
    notification, email = send(victor, placement_context)
    assert email.extra_headers["Message-ID"] == message_id(notification)
    assert email.extra_headers["List-Unsubscribe"].endswith("/notifications/preferences/>")

"""E-mails in the recipient's language, German for a text her language lacks (issue 18)."""

import contextlib
import re

import pytest
from django.core import mail
from django.utils.translation import trans_real

from notifications.delivery import notification_deliver
from notifications.selectors import language_for
from notifications.services import notify, preference_save
from tests.web.factories import UserFactory

pytestmark = pytest.mark.django_db

CYRILLIC = re.compile("[\u0400-\u04ff]")
MISSING = "Thank you for your help!"


@contextlib.contextmanager
def without_text(language: str, msgid: str):
    """The language's merged catalogue as if its translators had not done `msgid` yet."""
    catalogs = trans_real.translation(language)._catalog._catalogs
    removed = [(catalog, catalog.pop(msgid)) for catalog in catalogs if msgid in catalog]
    try:
        yield
    finally:
        for catalog, text in removed:
            catalog[msgid] = text


@pytest.fixture
def olena():
    return UserFactory(email="olena@example.org", first_name="Olena", preferred_language="uk")


def send(user, context):
    notification = notify(
        recipient=user, event="placement_approved", context=context, dedupe_key="k"
    )
    notification_deliver(notification_id=notification.pk)
    return mail.outbox[-1]


def test_it_writes_to_a_volunteer_in_her_language(olena, placement_context):
    email = send(olena, placement_context)
    assert email.extra_headers["Content-Language"] == "uk"
    assert CYRILLIC.search(email.subject)
    assert not email.subject.startswith(("[Lotse] Approved", "[Lotse] Freigegeben"))


def test_it_writes_german_where_her_language_lacks_a_text(olena, placement_context):
    with without_text("uk", MISSING):
        email = send(olena, placement_context)
    assert "Vielen Dank für Ihre Hilfe!" in email.body
    assert MISSING not in email.body
    assert CYRILLIC.search(email.body)


def test_it_writes_staff_messages_in_german_or_english_only(alice):
    alice.preferred_language = "ar"
    alice.save()
    assert language_for(alice) == "de"


def test_it_lets_a_volunteer_choose_another_language_for_messages(olena):
    preference_save(user=olena, language="tr")
    assert language_for(olena) == "tr"


def test_it_falls_back_to_german_for_a_language_not_offered(olena):
    olena.preferred_language = "xx"
    assert language_for(olena) == "de"


def test_it_writes_an_arabic_e_mail_right_to_left(placement_context):
    amal = UserFactory(email="amal@example.org", first_name="Amal", preferred_language="ar")
    [(html, _mimetype)] = send(amal, placement_context).alternatives
    assert '<html lang="ar" dir="rtl">' in html and '<body dir="rtl"' in html

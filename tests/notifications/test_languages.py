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


SCRIPT = {"ar": re.compile("[\u0600-\u06ff]"), "fa": re.compile("[\u0600-\u06ff]"),
          "uk": CYRILLIC, "ru": CYRILLIC, "tr": re.compile("[çğıöşüÇĞİÖŞÜ]")}  # fmt: skip


def _german_texts() -> set[str]:
    from tests.catalogues import catalogue_entries, catalogue_paths, translations

    path = next(p for p in catalogue_paths("de") if p.parts[-4] == "locale" and
                p.parts[-5] == "notifications")  # fmt: skip
    return {
        text
        for entry in catalogue_entries(path)
        for text in translations(entry)
        if len(text.split()) >= 4 and "%" not in text and "{" not in text and "<" not in text
    }


@pytest.mark.parametrize("language", sorted(SCRIPT))
def test_every_message_to_a_volunteer_speaks_her_language(language):
    """Every kind a volunteer can get — proposal, approval, reminders, digest, messages — in
    each served language: its script in subject and text, none of the German sentences."""
    from notifications.events import VOLUNTEER, all_events
    from notifications.rendering import render_message

    german = _german_texts()
    kinds = [event for event in all_events() if event.is_for(VOLUNTEER)]
    assert len(kinds) >= 5
    for event in kinds:
        rendered = render_message(
            kind=event.kind, context=event.example, language=language, recipient_name="Olga"
        )
        german_subject = render_message(
            kind=event.kind, context=event.example, language="de", recipient_name="Olga"
        ).subject
        assert not rendered.fallback, event.kind
        if event.kind != "need_message":  # its subject is the sender's own words
            assert rendered.subject != german_subject, (event.kind, rendered.subject)
        assert SCRIPT[language].search(rendered.text), event.kind
        leftover = sorted(text for text in german if text in rendered.text)
        assert not leftover, (event.kind, leftover)


def test_its_links_open_the_pages_in_her_language():
    from notifications.rendering import render_message

    context = {"need_title": "X", "place": "A1", "url": "/placements/7/"}
    arabic = render_message(
        kind="placement_proposed", context=context, language="ar", recipient_name="Amal"
    )
    assert "http://127.0.0.1:8000/placements/7/?lang=ar" in arabic.text
    assert 'href="http://127.0.0.1:8000/notifications/preferences/?lang=ar"' in arabic.html
    german = render_message(
        kind="placement_proposed", context=context, language="de", recipient_name="Anna"
    )
    assert "lang=" not in german.text

"""Templates: every event kind in German and English; missing variables fail loudly in tests
and fall back safely in production."""

import pytest

from notifications.errors import MissingTemplateVariable
from notifications.events import all_events
from notifications.rendering import render_message

EVENTS = [event.kind for event in all_events()]


def render(kind, context, language="de", name="Vera"):
    return render_message(kind=kind, context=context, language=language, recipient_name=name)


@pytest.mark.parametrize("kind", EVENTS)
def test_every_event_kind_renders_in_german_and_english(kind):
    example = next(e for e in all_events() if e.kind == kind).example
    german, english = render(kind, example, "de"), render(kind, example, "en")
    for message in (german, english):
        assert message.subject and message.short and message.text and message.html
        assert not message.fallback
    assert german.text != english.text
    assert german.text.startswith("Hallo Vera,") and english.text.startswith("Hello Vera,")


def test_it_fails_loudly_on_a_missing_variable_in_strict_mode(settings):
    settings.NOTIFICATIONS_STRICT_TEMPLATES = True
    with pytest.raises(MissingTemplateVariable, match="valid_until"):
        render("certificate_expired", {})


def test_it_falls_back_to_a_generic_message_in_production(settings, caplog):
    settings.NOTIFICATIONS_STRICT_TEMPLATES = False
    message = render("certificate_expired", {})
    assert message.fallback
    assert message.subject == "Mein Führungszeugnis ist abgelaufen"
    assert "/notifications/" in message.text
    assert "valid_until" in caplog.text


def test_it_writes_dates_the_way_each_language_does():
    context = {"valid_until": "2027-01-31", "days_left": 30}
    assert "31. Januar 2027" in render("certificate_expiring", context, "de").text
    assert "31 January 2027" in render("certificate_expiring", context, "en").text  # British form


def test_it_escapes_context_in_html_but_not_in_plain_text():
    context = {"need_title": "<b>Bikes</b> & more", "place": "A1"}
    message = render("placement_proposed", context)
    assert "&lt;b&gt;Bikes&lt;/b&gt; &amp; more" in message.html
    assert "<b>Bikes</b> & more" in message.text


def test_it_links_to_the_preferences_in_every_email():
    message = render("placement_proposed", {"need_title": "X", "place": "A1"})
    assert "http://127.0.0.1:8000/notifications/preferences/" in message.text
    assert 'href="http://127.0.0.1:8000/notifications/preferences/"' in message.html


def test_it_turns_a_page_of_ours_into_an_absolute_link():
    message = render("placement_proposed", {"need_title": "X", "place": "A1", "url": "/p/1/"})
    assert "http://127.0.0.1:8000/p/1/" in message.text


@pytest.mark.parametrize("url", ["https://evil.example/", "//evil.example/x", "javascript:x"])
def test_it_drops_a_link_to_anywhere_else(url):
    message = render("placement_proposed", {"need_title": "X", "place": "A1", "url": url})
    assert "evil" not in message.text and "javascript" not in message.html


def test_the_fallback_is_in_the_recipients_language_whatever_is_active(settings):
    from django.utils import translation

    settings.NOTIFICATIONS_STRICT_TEMPLATES = False
    with translation.override("en"):
        message = render("certificate_expired", {}, "de")
    assert message.subject == "Mein Führungszeugnis ist abgelaufen"

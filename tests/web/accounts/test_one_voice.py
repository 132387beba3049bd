"""One voice: every German text says Sie, allauth's too, and account e-mails carry our name."""

import re
from html.parser import HTMLParser
from pathlib import Path

import allauth
import pytest
from django.core import mail
from django.urls import reverse

from tests.catalogues import catalogue_entries, catalogue_paths, translations

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[3]
ALLAUTH_CATALOGUE = Path(allauth.__file__).parent / "locale/de/LC_MESSAGES/django.po"
OVERRIDE_CATALOGUE = REPO / "platform/lotse/accounts/allauth_locale/de/LC_MESSAGES/django.po"
DU_FORM = re.compile(
    r"\b(du|dich|dir|dein|deine|deinen|deinem|deiner|deines"
    r"|hast|bist|kannst|möchtest|musst|willst|solltest|wirst)\b",
    re.IGNORECASE,
)
# allauth's catalogue also asks with du-imperatives ("Bitte gib …", "wähle", "versuche").
# Only checked there: in our own texts "melde ich", "gebe ich" are first person.
DU_IMPERATIVE = re.compile(
    r"\b(gib|wähle|versuche|bestätige|kontaktiere|lass|klick|rufe|melde|folge|überprüfe|verwende)\b",
    re.IGNORECASE,
)
SITE_ADDRESS = "https://lotse.example.org"
PASSWORD = "Fahrrad-Sprachcafe-2026"


def _key(entry: dict) -> tuple:
    return entry.get("msgctxt"), entry["msgid"]


def _shipped_catalogues() -> list[Path]:
    return catalogue_paths("de")


class _VisibleText(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self._hidden = [], 0

    def handle_starttag(self, tag, attrs):
        self._hidden += tag in ("script", "style")

    def handle_endtag(self, tag):
        self._hidden -= tag in ("script", "style")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def _visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    return " ".join(parser.parts)


def _sign_up(client, email="neu@example.org"):
    client.post(
        reverse("account_signup"),
        {"email": email, "password1": PASSWORD, "password2": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    return mail.outbox[-1]


def _link(message) -> str:
    return re.search(r"\S+/accounts/confirm-email/\S+", message.body)[0]


def test_it_ships_the_override_catalogue_with_every_shipped_catalogue():
    assert OVERRIDE_CATALOGUE in _shipped_catalogues()
    assert OVERRIDE_CATALOGUE.with_suffix(".mo").exists()


def _catalogue_id(path: Path) -> str:
    return str(path.relative_to(REPO))


@pytest.mark.parametrize("path", _shipped_catalogues(), ids=_catalogue_id)
def test_it_translates_every_text_of_a_shipped_catalogue(path):
    untranslated = [
        entry["msgid"] for entry in catalogue_entries(path) if not all(translations(entry))
    ]
    assert untranslated == []


@pytest.mark.parametrize("path", _shipped_catalogues(), ids=_catalogue_id)
def test_it_says_no_du_in_a_shipped_catalogue(path):
    texts = [text for entry in catalogue_entries(path) for text in translations(entry)]
    assert [text for text in texts if DU_FORM.search(text)] == []


def test_it_overrides_every_allauth_text_that_says_du():
    overridden = {_key(entry) for entry in catalogue_entries(OVERRIDE_CATALOGUE)}
    says_du = [
        entry["msgid"]
        for entry in catalogue_entries(ALLAUTH_CATALOGUE)
        if any(DU_FORM.search(text) or DU_IMPERATIVE.search(text) for text in translations(entry))
    ]
    missing = [msgid for msgid in says_du if (None, msgid) not in overridden]
    assert says_du
    assert missing == [], "add these to the override catalogue (docs/accounts.md, One voice)"


@pytest.mark.parametrize("url_name", ["account_login", "account_signup", "account_reset_password"])
def test_it_says_sie_on_the_german_account_pages(client, url_name):
    response = client.get(reverse(url_name), HTTP_ACCEPT_LANGUAGE="de")
    text = _visible_text(response.content.decode())
    assert response.status_code == 200
    assert "Sie" in text
    assert DU_FORM.findall(text) == []


def test_it_keeps_allauths_english_on_the_english_password_reset_page(client):
    response = client.get(reverse("account_reset_password"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Forgotten your password? Enter your email address below" in response.content.decode()


def test_it_sends_the_sign_up_confirmation_in_german_with_sie(client):
    message = _sign_up(client)
    subject = "[Lotse] Willkommen bei Lotse: Bitte bestätigen Sie Ihre E-Mail-Adresse"
    assert message.subject == subject
    assert message.body.startswith("Guten Tag,")
    assert "Bitte bestätigen Sie Ihre E-Mail-Adresse" in message.body
    assert DU_FORM.findall(message.body) == []
    assert "Hallo von" not in message.body
    assert "Benutzer" not in message.body


def test_it_signs_the_sign_up_confirmation_with_lotse_and_the_city(client, settings):
    settings.LOTSE_CITY_NAME = "Bielefeld"
    message = _sign_up(client)
    assert "Ihr Team von Lotse – Sozialdienst für Flüchtlinge, Stadt Bielefeld" in message.body


def test_it_links_to_the_configured_site_address(client, settings):
    settings.NOTIFICATIONS_SITE_URL = SITE_ADDRESS + "/"
    message = _sign_up(client)
    assert _link(message).startswith(SITE_ADDRESS + "/accounts/confirm-email/")
    assert message.body.rstrip().endswith(SITE_ADDRESS)


def test_it_links_to_the_request_host_when_no_site_address_is_configured(client, settings):
    settings.NOTIFICATIONS_SITE_URL = ""
    assert _link(_sign_up(client)).startswith("http://testserver/accounts/confirm-email/")


def test_it_treats_the_loopback_default_as_no_site_address(client, settings):
    settings.NOTIFICATIONS_SITE_URL = "http://127.0.0.1:8000"
    message = _sign_up(client, email="demo@example.org")
    assert _link(message).startswith("http://testserver/")


def test_it_links_the_password_reset_to_the_configured_site_address(client, settings, victor):
    settings.NOTIFICATIONS_SITE_URL = SITE_ADDRESS
    client.post(
        reverse("account_reset_password"), {"email": victor.email}, HTTP_ACCEPT_LANGUAGE="de"
    )
    message = mail.outbox[-1]
    assert message.subject == "[Lotse] Neues Passwort festlegen"
    assert re.search(rf"{SITE_ADDRESS}/accounts/password/reset/key/\S+", message.body)

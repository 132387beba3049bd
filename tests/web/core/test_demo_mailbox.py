"""The demo mailbox: in the demo, e-mails are printed and kept, so a newcomer can open her
confirmation link; in production, or with a real mail server, there is no such page."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.mail import send_mail
from django.urls import reverse

from lotse.web.mailbox import BACKEND, KEEP, mailbox_messages

from ..factories import UserFactory

ROOT = Path(__file__).resolve().parents[3]
URL = "/demo/mailbox/"

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_mail(settings, tmp_path):
    settings.EMAIL_BACKEND = BACKEND
    settings.DATA_DIR = tmp_path
    return settings


def test_it_lists_sent_mails_newest_first(client, demo_mail):
    send_mail("Erste", "eins", None, ["anna@example.org"])
    send_mail("Zweite", "zwei", None, ["ben@example.org"])
    page = client.get(URL).content.decode()
    assert page.index("Zweite") < page.index("Erste")
    assert "ben@example.org" in page and "anna@example.org" in page


def test_a_link_in_a_mail_can_be_clicked(client, demo_mail):
    link = "http://testserver/accounts/confirm-email/Mg:1abc:xyz/"
    send_mail("Bitte bestätigen", f"Bitte öffnen Sie:\n{link}\n", None, ["anna@example.org"])
    assert f'<a href="{link}"' in client.get(URL).content.decode()


def test_a_password_reset_link_reaches_the_mailbox(client, demo_mail):
    UserFactory(email="neu@example.org")
    client.post(reverse("account_reset_password"), {"email": "neu@example.org"})
    page = client.get(URL).content.decode()
    assert '<a href="http://testserver/accounts/password/reset/key/' in page


def test_it_still_prints_to_the_console(demo_mail, capsys):
    send_mail("Konsole", "auf der Konsole", None, ["anna@example.org"])
    assert "Subject: Konsole" in capsys.readouterr().out


def test_it_keeps_only_the_last_fifty(demo_mail):
    for n in range(KEEP + 3):
        send_mail(f"Nr. {n}", "x", None, ["anna@example.org"])
    kept = mailbox_messages()
    assert len(kept) == KEEP and kept[0].subject == f"Nr. {KEEP + 2}"


def test_it_says_it_exists_only_in_the_demo(client, demo_mail):
    page = client.get(URL, HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert "nur in der Demo" in page


def test_it_is_open_to_anyone_in_the_demo(client, demo_mail):
    assert client.get(URL).status_code == 200


def test_it_is_not_found_under_production_settings(client, demo_mail):
    demo_mail.LOTSE_PRODUCTION = True
    send_mail("Geheim", "x", None, ["anna@example.org"])
    assert client.get(URL).status_code == 404
    assert mailbox_messages() == []


def test_it_is_not_found_with_a_real_mail_server(client, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    assert client.get(URL).status_code == 404


def _backend_under(module: str, **env: str) -> str:
    keep = {k: v for k, v in os.environ.items() if k not in {"EMAIL_URL", "DATABASE_URL"}}
    result = subprocess.run(
        [sys.executable, "-c", "from django.conf import settings; print(settings.EMAIL_BACKEND)"],
        cwd=ROOT,
        env={**keep, "PYTHONPATH": f"{ROOT / 'platform'}:{ROOT}",
             "DJANGO_SETTINGS_MODULE": module, **env},
        capture_output=True,
        text=True,
        check=True,
    )  # fmt: skip
    return result.stdout.strip()


def test_the_demo_settings_use_the_mailbox_without_a_mail_server():
    assert _backend_under("lotse.settings.dev") == BACKEND


def test_the_demo_settings_use_a_configured_mail_server():
    assert _backend_under("lotse.settings.dev", EMAIL_URL="smtp://mail.example.org:25") != BACKEND


def test_the_production_settings_never_use_the_mailbox():
    production = {"DJANGO_SECRET_KEY": "x" * 50, "DJANGO_ALLOWED_HOSTS": "lotse.example.org"}
    assert _backend_under("lotse.settings.prod", **production) != BACKEND

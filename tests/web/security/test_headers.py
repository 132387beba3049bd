"""Security headers and cookie flags, asserted on real responses: the test settings for CSP
and framing, the production settings (in a subprocess) for HTTPS, HSTS and cookies."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
pytestmark = pytest.mark.django_db

PROD_PROBE = r"""
import json, django
django.setup()
from django.core.management import call_command
from django.test import Client, override_settings
from django.test.utils import setup_test_environment
setup_test_environment()
# Static files are collected on deploy; the probe reads them unhashed (not a security setting).
override_settings(STORAGES={
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}).enable()
call_command("migrate", verbosity=0)
client = Client()
plain = client.get("/healthz", HTTP_HOST="lotse.example.org")
secure = client.get("/accounts/login/", secure=True, HTTP_HOST="lotse.example.org")
cookie = secure.cookies["csrftoken"]
print(json.dumps({
    "redirect": [plain.status_code, plain.get("Location", "")],
    "hsts": secure.get("Strict-Transport-Security"),
    "csp": secure.get("Content-Security-Policy"),
    "csrf_cookie": {"secure": cookie["secure"], "httponly": cookie["httponly"],
                    "samesite": cookie["samesite"]},
}))
"""


def _prod_env() -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "lotse.settings.prod",
        "DJANGO_SECRET_KEY": "test-" + "x" * 60,
        "DJANGO_ALLOWED_HOSTS": "lotse.example.org",
        "DATABASE_URL": "sqlite:///:memory:",
        "LOTSE_MFA_KEYS": "gAb5kYcX0oZ1tW2vU3sR4qP5oN6mL7kJ8iH9gF0eD1c=",  # a Fernet key, for tests
        "PYTHONPATH": f"{ROOT}{os.pathsep}{ROOT / 'platform'}",
    }


@pytest.fixture(scope="module")
def prod():
    result = subprocess.run(
        [sys.executable, "-c", PROD_PROBE],
        env=_prod_env(),
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def _csp(header: str) -> dict[str, str]:
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


def test_the_csp_forbids_inline_code_and_everything_external(client):
    header = client.get("/concerns/new/")["Content-Security-Policy"]
    directives = _csp(header)
    assert "unsafe-inline" not in header and "unsafe-eval" not in header
    assert directives["script-src"] == "script-src 'self'"
    assert directives["style-src"] == "style-src 'self'"
    assert directives["frame-ancestors"] == "frame-ancestors 'none'"
    assert "http" not in header  # no external host anywhere


def test_pages_refuse_framing_and_sniffing(client):
    response = client.get("/privacy/")
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_the_pages_load_nothing_from_other_hosts(client):
    for path in ("/", "/concerns/new/", "/privacy/", "/concerns/status/"):
        page = client.get(path).content.decode()
        assert "https://" not in page.split("</footer>")[0].split("<body>")[0]
        assert 'src="http' not in page and 'href="http' not in page


def test_production_redirects_to_https_and_sends_hsts(prod):
    assert prod["redirect"][0] == 301
    assert prod["redirect"][1].startswith("https://lotse.example.org/")
    assert prod["hsts"] == "max-age=31536000; includeSubDomains; preload"
    assert "unsafe-inline" not in prod["csp"]


def test_production_cookies_are_secure_and_http_only(prod):
    assert prod["csrf_cookie"]["secure"] is True
    assert prod["csrf_cookie"]["httponly"] is True


def test_production_passes_the_deploy_check_at_warning_level():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        # Configuring a shared cache needs no running Redis; the check only reads the setting.
        env={**_prod_env(), "CACHE_URL": "rediscache://127.0.0.1:6379/1"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_deploy_check_asks_for_a_shared_cache():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env={**_prod_env(), "CACHE_URL": "locmemcache://"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "lotse.W001" in result.stdout + result.stderr


def test_the_session_cookie_is_http_only(client, victor):
    from ..factories import PASSWORD

    response = client.post("/accounts/login/", {"login": victor.email, "password": PASSWORD})
    assert response.cookies["sessionid"]["httponly"] is True

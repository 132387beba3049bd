"""Optional Sentry-compatible error reporting: off by default, never personal data."""

import logging
import sys
from types import ModuleType

from lotse.ops.error_reporting import MISSING_SDK, init_error_reporting

DSN = "https://public@glitchtip.example.org/1"


def test_it_stays_off_without_a_dsn(settings):
    settings.SENTRY_DSN = ""
    assert init_error_reporting() is False


def test_it_warns_and_carries_on_when_the_sdk_is_not_installed(settings, monkeypatch, caplog):
    settings.SENTRY_DSN = DSN
    monkeypatch.setitem(sys.modules, "sentry_sdk", None)  # import now raises ImportError
    with caplog.at_level(logging.WARNING, logger="lotse.ops.error_reporting"):
        assert init_error_reporting() is False
    assert MISSING_SDK in caplog.text


def test_it_starts_the_sdk_without_personal_data(settings, monkeypatch):
    settings.SENTRY_DSN = DSN
    settings.SENTRY_ENVIRONMENT = "staging"
    calls = []
    fake = ModuleType("sentry_sdk")
    fake.init = lambda **options: calls.append(options)
    monkeypatch.setitem(sys.modules, "sentry_sdk", fake)
    assert init_error_reporting() is True
    [options] = calls
    assert options["dsn"] == DSN and options["environment"] == "staging"
    assert options["send_default_pii"] is False
    assert options["include_local_variables"] is False
    assert options["max_request_body_size"] == "never"

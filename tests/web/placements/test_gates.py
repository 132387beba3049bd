"""The open-concern gate asks the check the safeguarding app registers, and refuses to answer
without one (a silent "no concern" would approve a suspended volunteer)."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from lotse.placements import gates
from lotse.safeguarding.selectors import volunteer_has_open_concern


def test_the_safeguarding_app_registers_its_check_at_startup():
    assert gates.open_concern_check.registered is volunteer_has_open_concern


def test_it_asks_the_registered_check(monkeypatch):
    volunteer = object()
    monkeypatch.setattr(gates.open_concern_check, "registered", lambda asked: asked is volunteer)
    assert gates.open_concerns_exist(volunteer) is True


def test_it_refuses_to_answer_when_no_check_is_registered(monkeypatch):
    monkeypatch.setattr(gates.open_concern_check, "registered", None)
    with pytest.raises(ImproperlyConfigured, match="lotse.safeguarding registers"):
        gates.open_concerns_exist(object())

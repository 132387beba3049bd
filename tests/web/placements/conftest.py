"""A need at facility A2 (operator Stadt: alice decides, bob is its facility staff) and victor,
a volunteer who acknowledged the code of conduct."""

import pytest

from lotse.privacy.models import Consent
from lotse.privacy.services import consent_give

from .factories import NeedFactory, make_placement


@pytest.fixture
def volunteer(victor):
    consent_give(user=victor, kind=Consent.Kind.CODE_OF_CONDUCT, version="test")
    return victor.volunteer


@pytest.fixture
def need(facility_a2, alice):
    return NeedFactory(facility=facility_a2, created_by=alice, title="Begleitung zum Jobcenter")


@pytest.fixture
def proposal(need, volunteer, alice):
    return make_placement(need=need, volunteer=volunteer, how="proposed")


@pytest.fixture
def accepted(need, volunteer):
    return make_placement(need=need, volunteer=volunteer, how="accepted")


@pytest.fixture
def active(need, volunteer, alice):
    return make_placement(need=need, volunteer=volunteer, how="active", approver=alice)

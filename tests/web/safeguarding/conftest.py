"""Concerns at facility A1 (Kinderhaus, district Nord): alice is its named contact person,
dora coordinates Nord. Everyone else must not see them: bob (same organisation, other
facility), charlie (other organisation), erin (administrator), victor (volunteer), sam (a
social worker of A1 who is not a named contact person) and hanna (coordinator of Hiltrup)."""

import pytest
from django.core.cache import cache

from lotse.safeguarding.services import concern_raise

from ..factories import StaffFactory


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def contact_alice(alice, facility_a1):
    facility_a1.contact_persons.add(alice)
    return alice


@pytest.fixture
def sam(stadt, facility_a1):
    user = StaffFactory(email="sam@example.org", role="social_worker", organisation=stadt)
    user.facilities.add(facility_a1)
    return user


@pytest.fixture
def hanna():
    return StaffFactory(
        email="hanna@example.org", role="coordinator", organisation=None, districts=("Hiltrup",)
    )


@pytest.fixture
def raised(facility_a1, contact_alice, dora):
    return concern_raise(
        facility_id=facility_a1.pk,
        category="harassment",
        text="Ein Ehrenamtlicher hat eine Bewohnerin bedrängt.",
        contact="Mira",
        contact_phone="0251 555",
    )


@pytest.fixture
def concern(raised):
    return raised.concern

"""Fixtures for the Django side: reference data and the named users.

alice   social worker, Stadt (municipal), assigned to facility A1
bob     facility staff, Stadt, assigned to facility A2 only
charlie social worker, Caritas (independent), assigned to facility C1
dora    district coordinator for Nord
erin    administrator (city IT)
victor  volunteer
"""

import pytest
from django.conf import settings

from lotse.places.city_loader import load_city
from lotse.places.models import Neighbourhood, Postcode
from lotse.taxonomy.loader import load_taxonomy
from lotse.taxonomy.models import Skill

from .factories import (
    FacilityFactory,
    OrganisationFactory,
    StaffFactory,
    VolunteerFactory,
)


@pytest.fixture(autouse=True)
def reference_data(db):
    """City data and taxonomy, as every installation has them (reloaded after a flush)."""
    if not Skill.objects.exists():
        load_taxonomy()
    if not Postcode.objects.exists():
        load_city(settings.LOTSE_CITY_DIR)


@pytest.fixture
def stadt():
    return OrganisationFactory(name="Stadt Münster", kind="municipal")


@pytest.fixture
def caritas():
    return OrganisationFactory(name="Caritas Münster", kind="independent")


def _hood(name: str) -> Neighbourhood:
    return Neighbourhood.objects.get(name=name)


@pytest.fixture
def facility_a1(stadt):
    return FacilityFactory(
        organisation=stadt,
        name="A1 Kinderhaus",
        postcode="48159",
        neighbourhood=_hood("Kinderhaus"),
    )


@pytest.fixture
def facility_a2(stadt):
    return FacilityFactory(
        organisation=stadt, name="A2 Hiltrup", postcode="48165", neighbourhood=_hood("Hiltrup")
    )


@pytest.fixture
def facility_c1(caritas):
    return FacilityFactory(
        organisation=caritas, name="C1 Coerde", postcode="48157", neighbourhood=_hood("Coerde")
    )


@pytest.fixture
def alice(stadt, facility_a1):
    user = StaffFactory(email="alice@example.org", role="social_worker", organisation=stadt)
    user.facilities.add(facility_a1)
    return user


@pytest.fixture
def bob(stadt, facility_a2):
    user = StaffFactory(email="bob@example.org", role="facility_staff", organisation=stadt)
    user.facilities.add(facility_a2)
    return user


@pytest.fixture
def charlie(caritas, facility_c1):
    user = StaffFactory(email="charlie@example.org", role="social_worker", organisation=caritas)
    user.facilities.add(facility_c1)
    return user


@pytest.fixture
def dora():
    return StaffFactory(
        email="dora@example.org", role="coordinator", organisation=None, districts=("Nord",)
    )


@pytest.fixture
def erin():
    return StaffFactory(
        email="erin@example.org", role="admin", organisation=None, is_staff=True, is_superuser=True
    )


@pytest.fixture
def victor():
    return VolunteerFactory(user__email="victor@example.org").user


@pytest.fixture
def everyone(alice, bob, charlie, dora, erin, victor):
    return {
        "alice": alice,
        "bob": bob,
        "charlie": charlie,
        "dora": dora,
        "erin": erin,
        "victor": victor,
    }

"""The demo a newcomer meets: facilities lie where their names say, and the volunteer login
sees several opportunities (issue 16, item 11)."""

import csv

import pytest
from django.conf import settings

from lotse.demo.seed import DEMO_NEEDS, VOLUNTEER_LOGIN, demo_tables, seed_demo
from lotse.matchmaking.selectors import volunteer_opportunities
from lotse.places.models import Facility
from lotse.volunteers.models import Volunteer


def _neighbourhoods() -> dict[str, dict[str, str]]:
    with open(f"{settings.LOTSE_CITY_DIR}/neighbourhoods.csv", encoding="utf-8-sig") as fh:
        return {row["name"]: row for row in csv.DictReader(fh)}


def _facilities() -> list[dict[str, str]]:
    header, *rows = demo_tables()["facilities"]
    return [dict(zip(header, row, strict=True)) for row in rows]


def test_every_demo_facility_lies_in_the_neighbourhood_its_name_says():
    hoods = _neighbourhoods()
    for facility in _facilities():
        assert facility["neighbourhood"] in hoods
        # "Caritas-Haus Mauritz" lies in Mauritz-West, "… Berg Fidel" in Berg Fidel
        assert facility["neighbourhood"].split("-")[0] in facility["name"], facility["name"]


def test_every_demo_facility_sits_at_its_neighbourhoods_centre():
    hoods = _neighbourhoods()
    for facility in _facilities():
        centre = hoods[facility["neighbourhood"]]
        assert float(facility["lat"]) == pytest.approx(float(centre["lat"]))
        assert float(facility["lon"]) == pytest.approx(float(centre["lon"]))


def test_the_coerde_facility_is_in_coerde():
    [coerde] = [f for f in _facilities() if f["name"] == "Übergangseinrichtung Coerde"]
    assert (coerde["neighbourhood"], coerde["postcode"]) == ("Coerde", "48157")


@pytest.mark.django_db
def test_the_imported_facilities_keep_their_neighbourhoods():
    seed_demo(volunteers=1, needs=1)
    coerde = Facility.objects.get(name="Übergangseinrichtung Coerde")
    assert (coerde.neighbourhood.name, coerde.neighbourhood.district.name) == ("Coerde", "Nord")


@pytest.mark.django_db
def test_the_volunteer_login_sees_at_least_three_opportunities():
    seed_demo(volunteers=1, needs=DEMO_NEEDS)
    volunteer = Volunteer.objects.get(user__email=VOLUNTEER_LOGIN)
    assert volunteer_opportunities(volunteer=volunteer).count >= 3


@pytest.mark.django_db
def test_seeding_again_keeps_the_volunteer_logins_opportunities():
    seed_demo(volunteers=1, needs=DEMO_NEEDS)
    seed_demo(volunteers=1, needs=DEMO_NEEDS)
    volunteer = Volunteer.objects.get(user__email=VOLUNTEER_LOGIN)
    assert volunteer_opportunities(volunteer=volunteer).count >= 3

"""The public report: no login, German and English, small numbers hidden, nobody and no
single facility recognisable."""

import csv
import io

import pytest
from django.utils import timezone

from lotse.dashboard.transparency import SUPPRESSED
from lotse.places.models import District, Neighbourhood

from ..factories import FacilityFactory
from .factories import hours_on, make_need, place, volunteer_at


@pytest.fixture(autouse=True)
def mid_month(clock):
    """The report is by calendar month: data from "two days ago" and placements made "a week ago"
    belong to this month only away from its first days, so the clock is pinned mid-month."""
    return clock


@pytest.fixture
def tiny(stadt, alice):
    """A district with one facility, one need, one volunteer, one placement, 3 hours."""
    district = District.objects.create(name="Kleinstadt", lat=51.9, lon=7.6)
    hood = Neighbourhood.objects.create(district=district, name="Winzig", lat=51.9, lon=7.6)
    facility = FacilityFactory(organisation=stadt, name="Haus Einzigartig", neighbourhood=hood)
    need = make_need(facility, weekly=True, opened_days_ago=3, title="Einzelfall")
    volunteer = volunteer_at("48143", email="einzig@example.org", first_name="Ottilie",
                             last_name="Einzeln")  # fmt: skip
    placement = place(need, volunteer, "active", approver=alice)
    hours_on(placement, timezone.localdate(), 3, confirmed=3)
    return district


@pytest.fixture
def busy_west(caritas, alice):
    """West with three facilities and six needs, six placements and hours this month."""
    hood = Neighbourhood.objects.get(name="Gievenbeck")
    facilities = [
        FacilityFactory(organisation=caritas, name=f"West {k}", neighbourhood=hood,
                        postcode="48161")
        for k in range(3)
    ]  # fmt: skip
    for k in range(6):
        need = make_need(facilities[k % 3], weekly=True, opened_days_ago=2,
                         languages={"ar": 2})  # fmt: skip
        volunteer = volunteer_at("48161", email=f"west{k}@example.org")
        hours_on(place(need, volunteer, "active", approver=alice), timezone.localdate(), 2, 2)
    return hood.district


def report_rows(client) -> list[dict]:
    return list(csv.DictReader(io.StringIO(client.get("/transparency.csv").content.decode())))


def this_month(rows: list[dict], district: str) -> list[dict]:
    month = timezone.localdate().strftime("%Y-%m")
    return [r for r in rows if r["district"].startswith(district) and r["month"] == month]


def test_it_is_public(client):
    assert client.get("/transparency/").status_code == 200
    assert client.get("/transparency.csv").status_code == 200


def test_it_pools_a_district_with_a_single_facility(client, tiny, busy_west):
    page = client.get("/transparency/").content.decode()
    assert "Haus Einzigartig" not in page and "Einzelfall" not in page
    assert "Ottilie" not in page and "Einzeln" not in page
    assert '<h2 id="area-' + str(tiny.pk) + '"' not in page


def test_it_shows_small_counts_as_less_than_five(
    client, tiny, facility_a1, facility_a2, facility_c1
):
    rows = list(csv.DictReader(io.StringIO(client.get("/transparency.csv").content.decode())))
    this_month = timezone.localdate().strftime("%Y-%m")
    pooled = [r for r in rows if r["district"].startswith("pooled") and r["month"] == this_month]
    assert pooled[0]["needs_posted"] == SUPPRESSED
    assert pooled[0]["volunteer_hours"] == SUPPRESSED


def test_it_publishes_a_district_with_enough_facilities(client, busy_west):
    rows = list(csv.DictReader(io.StringIO(client.get("/transparency.csv").content.decode())))
    this_month = timezone.localdate().strftime("%Y-%m")
    [west] = [r for r in rows if r["district"] == "West" and r["month"] == this_month]
    assert (west["needs_posted"], west["placements_made"], west["volunteer_hours"]) == (
        "6",
        "6",
        "12",
    )
    assert west["languages_covered"] == "ar"


def test_it_publishes_no_totals(client, busy_west):
    page = client.get("/transparency/").content.decode().lower()
    assert "total" not in page and "gesamt" not in page


def test_it_speaks_german_and_english(client):
    german = client.get("/transparency/", HTTP_ACCEPT_LANGUAGE="de").content.decode()
    english = client.get("/transparency/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Transparenzbericht" in german
    assert "Transparency report" in english


def test_it_covers_twelve_months(client, busy_west):
    assert len({r["month"] for r in report_rows(client)}) == 12


def test_it_works_the_report_out_again_when_the_stored_one_is_old(client, settings, busy_west):
    client.get("/transparency/")
    make_need(Neighbourhood.objects.get(name="Gievenbeck").facilities.first(), opened_days_ago=0)
    settings.LOTSE_TRANSPARENCY_MAX_AGE_SECONDS = 0
    assert [r["needs_posted"] for r in this_month(report_rows(client), "West")] == ["7"]

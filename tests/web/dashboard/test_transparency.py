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


@pytest.fixture
def quiet_west(caritas, alice):
    """West with three facilities but only two needs and two placements this month."""
    hood = Neighbourhood.objects.get(name="Gievenbeck")
    facilities = [
        FacilityFactory(organisation=caritas, name=f"Still {k}", neighbourhood=hood)
        for k in range(3)
    ]
    for k in range(2):
        need = make_need(facilities[k], weekly=True, opened_days_ago=2)
        volunteer = volunteer_at("48161", email=f"still{k}@example.org")
        hours_on(place(need, volunteer, "active", approver=alice), timezone.localdate(), 2, 2)
    return hood.district


def page(client, language="de") -> str:
    return client.get("/transparency/", HTTP_ACCEPT_LANGUAGE=language).content.decode()


def area_section(text: str, district) -> str:
    start = text.index(f'<section aria-labelledby="area-{district.pk}"')
    return text[start : text.index("</section>", start)]


def test_it_shows_the_headline_figures_first(client, busy_west):
    text = page(client)
    assert '<dd id="headline-needs">10</dd>' in text
    assert '<dd id="headline-placements">10</dd>' in text
    assert '<dd id="headline-hours">10</dd>' in text
    assert text.index('id="headline"') < text.index(f'id="area-{busy_west.pk}"')


def test_it_rounds_the_headline_figures_to_tens(client, busy_west):
    # six needs, six placements and twelve hours: the page never shows the exact sums
    text = page(client)
    assert '<dd id="headline-needs">6</dd>' not in text
    assert '<dd id="headline-hours">12</dd>' not in text


def test_it_hides_headline_figures_below_five(client, quiet_west):
    text = page(client)
    assert '<dd id="headline-needs">&lt; 5</dd>' in text
    assert '<dd id="headline-placements">&lt; 5</dd>' in text
    assert '<dd id="headline-hours">&lt; 5</dd>' in text


def test_the_headline_leaves_out_districts_too_small_to_show(client, tiny):
    assert 'id="headline-needs"' not in page(client)


def test_a_district_with_enough_facilities_gets_its_own_section(client, tiny, busy_west):
    section = area_section(page(client), busy_west)
    assert f'<h2 id="area-{busy_west.pk}">West</h2>' in section
    assert "<svg" in section and 'role="img"' in section


def test_it_draws_the_chart_without_scripts(client, busy_west):
    section = area_section(page(client), busy_west)
    assert "<rect" in section and "<script" not in section


def test_it_folds_away_months_without_activity(client, busy_west):
    text = page(client)
    assert "<summary>11 Monate ohne Aktivität</summary>" in text
    assert "<summary>11 months without activity</summary>" in page(client, "en")


def test_it_lists_only_months_with_activity_in_the_table(client, busy_west):
    section = area_section(page(client), busy_west)
    table = section[section.index("<tbody>") : section.index("</tbody>")]
    assert table.count("<tr>") == 1


def test_the_headline_speaks_german_and_english(client, busy_west):
    assert "Die letzten 12 Monate auf einen Blick" in page(client)
    assert "The last 12 months at a glance" in page(client, "en")

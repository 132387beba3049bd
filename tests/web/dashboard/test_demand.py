"""The figures per district and neighbourhood, on the base tables and on the summaries."""

import pytest
from django.utils import timezone

from lotse.dashboard.demand import district_demand
from lotse.dashboard.filters import dashboard_filters
from lotse.dashboard.refresh import summary_refresh_all, summary_refresh_current

from .factories import volunteer_at


def demand(user, **params):
    return district_demand(filters=dashboard_filters(user=user, params=params))


def hoods(report) -> dict:
    return {hood.name: hood.figures for hood in report.neighbourhoods}


def test_it_counts_open_needs_slots_and_weekly_hours(dora, nord, source):
    report = demand(dora)
    assert report.source == source
    kinderhaus, coerde = hoods(report)["Kinderhaus"], hoods(report)["Coerde"]
    # 3 wanted, 1 held by an approved proposal; 2 h a time for each of the 2 open slots
    assert (kinderhaus.open_needs, kinderhaus.open_slots, kinderhaus.hours_per_week) == (1, 2, 4.0)
    assert (coerde.open_needs, coerde.open_slots, coerde.hours_per_week) == (1, 0, 0.0)


def test_it_leaves_needs_past_their_date_out_of_the_open_ones(dora, nord, source):
    [district] = demand(dora).districts
    assert district.figures.open_needs == 2


def test_it_counts_active_placements_and_hours(dora, nord, source):
    coerde = hoods(demand(dora))["Coerde"]
    assert coerde.placements_active == 1
    assert coerde.hours_this_month == 2.0
    assert coerde.hours_in_period == 5.0


def test_it_counts_needs_opened_in_the_period(dora, nord, source):
    kinderhaus = hoods(demand(dora))["Kinderhaus"]
    assert kinderhaus.needs_opened == 2
    start = (timezone.localdate() - timezone.timedelta(days=7)).isoformat()
    assert hoods(demand(dora, start=start))["Kinderhaus"].needs_opened == 1


def test_it_gives_the_median_days_to_a_first_placement(dora, nord, source):
    report = demand(dora)
    # The Tigrinya need waited 5 days (the other Kinderhaus need has no placement yet).
    assert 5 <= hoods(report)["Kinderhaus"].median_days_to_first_placement < 7
    assert report.districts[0].figures.median_days_to_first_placement is not None


def test_it_counts_volunteers_within_their_own_radius(dora, nord, source):
    kinderhaus = hoods(demand(dora))["Kinderhaus"]
    # helper lives there (travels 10 km), runner in Coerde (travels 25 km)
    assert kinderhaus.volunteers_within_reach == 2


def test_it_leaves_out_volunteers_too_far_for_their_own_radius(dora, nord):
    volunteer_at("48163", radius=2, email="far@example.org")
    assert hoods(demand(dora))["Kinderhaus"].volunteers_within_reach == 2


def test_it_leaves_out_volunteers_on_a_break(dora, nord):
    paused = volunteer_at("48159", radius=10, email="paused@example.org")
    paused.paused_until = timezone.localdate() + timezone.timedelta(days=5)
    paused.save()
    assert hoods(demand(dora))["Kinderhaus"].volunteers_within_reach == 2


def test_it_gives_coverage_as_volunteers_per_open_slot(dora, nord, source):
    report = demand(dora)
    assert hoods(report)["Kinderhaus"].coverage == 1.0
    assert hoods(report)["Coerde"].coverage is None  # nothing open there


def test_it_narrows_demand_and_supply_to_a_skill(dora, nord, source):
    kinderhaus = hoods(demand(dora, skill="interpreting"))["Kinderhaus"]
    assert (kinderhaus.open_needs, kinderhaus.volunteers_within_reach) == (1, 1)


def test_it_narrows_demand_and_supply_to_a_language(dora, nord, source):
    report = demand(dora, language="ti")
    assert report.districts[0].figures.open_needs == 1
    assert hoods(report)["Coerde"].volunteers_within_reach == 1


def test_it_counts_a_volunteer_once_for_a_district(dora, nord):
    [district] = demand(dora).districts
    assert district.figures.volunteers_within_reach == 2


def test_it_computes_live_when_the_summaries_are_too_old(settings, dora, nord):
    summary_refresh_current()
    summary_refresh_all()
    settings.LOTSE_DASHBOARD_SUMMARY_MAX_AGE_SECONDS = 0
    assert demand(dora).source == "live"


def test_it_reads_two_combined_filters_from_the_summaries_and_three_live(dora, nord, stadt):
    summary_refresh_current()
    summary_refresh_all()
    assert demand(dora, skill="interpreting", language="ti").source == "summary"
    assert demand(dora, organisation=stadt.pk, skill="interpreting").source == "summary"
    assert demand(dora, organisation=stadt.pk, language="ti").source == "summary"
    three = {"organisation": stadt.pk, "skill": "interpreting", "language": "ti"}
    assert demand(dora, **three).source == "live"


COMBINATIONS = [
    {"skill": "interpreting", "language": "ti"},
    {"skill": "accompaniment", "language": "ti"},
    {"skill": "interpreting", "language": "de"},
    {"organisation": "stadt", "skill": "interpreting"},
    {"organisation": "stadt", "skill": "accompaniment"},
    {"organisation": "stadt", "language": "ti"},
    {"organisation": "caritas", "language": "ti"},
]


@pytest.mark.parametrize("combination", COMBINATIONS, ids=lambda c: "+".join(c.values()))
def test_the_summaries_give_the_live_figures_for_two_filters(dora, nord, request, combination):
    params = {
        name: (request.getfixturevalue(value).pk if name == "organisation" else value)
        for name, value in combination.items()
    }
    live = demand(dora, **params)
    summary_refresh_current()
    summary_refresh_all()
    summarised = demand(dora, **params)
    assert (live.source, summarised.source) == ("live", "summary")
    assert _all_figures(summarised) == _all_figures(live)
    if combination == COMBINATIONS[0]:
        assert (live.total.open_needs, live.total.volunteers_within_reach) == (1, 1)


def _all_figures(report) -> list:
    areas = [*report.districts, *report.neighbourhoods]
    figures = [area.figures for area in areas] + [report.total]
    return [
        (f.open_needs, f.open_slots, f.demand_minutes, f.needs_opened, f.placements_made,
         f.placements_active, f.hours_this_month, f.hours_in_period, f.first_placed,
         f.volunteers_within_reach)
        for f in figures
    ]  # fmt: skip


def test_it_gives_the_same_numbers_to_the_api_as_to_the_page(client, dora, nord, source):
    client.force_login(dora)
    body = client.get("/api/v1/districts/demand/").json()
    [district] = demand(dora).districts
    [row] = body["results"]
    assert row["open_slots"] == district.figures.open_slots
    assert row["volunteers_within_reach"] == district.figures.volunteers_within_reach
    api_hoods = {h["name"]: h["open_needs"] for h in row["neighbourhoods"]}
    assert api_hoods == {h.name: h.figures.open_needs for h in district.neighbourhoods}


# ---------------------------------------------------------------------------
# Summary rows kept under the refresh state (issue 21)
# ---------------------------------------------------------------------------
def _summary_reads(queries) -> list[str]:
    tables = ("dashboard_currentfigures", "dashboard_dailyfigures", "dashboard_opendemand")
    return [q["sql"] for q in queries if any(table in q["sql"] for table in tables)]


def test_the_same_filters_under_the_same_refresh_read_the_summaries_once(dora, nord):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lotse.dashboard.unmet import unmet_demand

    summary_refresh_current(), summary_refresh_all()
    filters = dashboard_filters(user=dora, params={})
    first = (district_demand(filters=filters), unmet_demand(filters=filters))
    with CaptureQueriesContext(connection) as queries:
        again = dashboard_filters(user=dora, params={})  # another request's filters
        second = (district_demand(filters=again), unmet_demand(filters=again))
    assert _summary_reads(queries) == []
    assert _all_figures(second[0]) == _all_figures(first[0])
    assert second[1] == first[1]


def test_a_refresh_shows_what_changed_since_the_last(dora, nord, interpreting_need):
    from .factories import make_need

    summary_refresh_current(), summary_refresh_all()
    before = hoods(demand(dora))["Kinderhaus"].open_needs
    make_need(interpreting_need.facility, skill="interpreting", days_ahead=7, opened_days_ago=0)
    assert hoods(demand(dora))["Kinderhaus"].open_needs == before  # until the summaries say so
    summary_refresh_current()
    assert hoods(demand(dora))["Kinderhaus"].open_needs == before + 1


def test_other_filters_never_get_the_kept_rows(dora, nord):
    summary_refresh_current(), summary_refresh_all()
    everything = demand(dora)
    tigrinya = demand(dora, language="ti")
    assert tigrinya.source == everything.source == "summary"
    assert hoods(tigrinya)["Coerde"].open_needs == 0 < hoods(everything)["Coerde"].open_needs

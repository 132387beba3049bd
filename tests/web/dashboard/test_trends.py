"""Twelve weeks per district, as SVG charts with the same numbers in a table."""

import datetime as dt

import pytest
from django.utils import timezone

from lotse.dashboard.filters import dashboard_filters
from lotse.dashboard.refresh import summary_refresh_all, summary_refresh_current
from lotse.dashboard.trends import trend_weeks, trends


def this_week(series) -> object:
    return series[0].weeks[-1]


def test_it_has_twelve_weeks_ending_with_the_week_of_the_period_end():
    weeks = trend_weeks(dt.date(2026, 11, 25))
    assert (len(weeks), weeks[-1], weeks[0]) == (12, dt.date(2026, 11, 23), dt.date(2026, 9, 7))


def test_it_counts_needs_placements_hours_and_new_volunteers_per_week(dora, nord):
    series = trends(filters=dashboard_filters(user=dora, params={}))
    total = {
        name: sum(getattr(w, name) for w in series[0].weeks)
        for name in ("needs_opened", "placements_made", "hours_logged", "new_volunteers")
    }
    # 3 needs opened (5, 30 and 40 days ago), the active placement began a week ago,
    # 5 hours; of the volunteers who signed up, only helper lives in Nord (48159; runner's
    # postcode 48157 belongs to Handorf, Ost)
    assert total == {"needs_opened": 3, "placements_made": 1, "hours_logged": 5.0,
                     "new_volunteers": 1}  # fmt: skip


@pytest.mark.parametrize(
    "params",
    [{}, {"skill": "interpreting", "language": "ti"}, {"organisation": 0, "language": "ti"},
     {"organisation": 0, "skill": "accompaniment"}, {"skill": "accompaniment"}],
    ids=["all", "skill+language", "operator+language", "operator+skill", "skill"],
)  # fmt: skip
def test_it_gives_the_same_series_from_the_summaries(dora, nord, stadt, params):
    if "organisation" in params:
        params = {**params, "organisation": stadt.pk}
    filters = dashboard_filters(user=dora, params=params)
    live = trends(filters=filters)
    assert any(week.needs_opened for trend in live for week in trend.weeks)
    summary_refresh_current()
    summary_refresh_all()
    assert trends(filters=filters) == live


def test_it_draws_a_chart_per_district_with_a_table_alternative(client, dora, nord):
    client.force_login(dora)
    page = client.get("/dashboard/trends/").content.decode()
    assert page.count('<svg class="chart"') == 1
    assert 'role="img"' in page and "<title id=" in page
    assert "<caption>" in page and 'scope="col"' in page


def test_it_keeps_script_and_style_out_of_the_charts(client, erin):
    client.force_login(erin)
    page = client.get("/dashboard/trends/").content.decode()
    assert "style=" not in page and "<script>" not in page


def test_it_marks_series_apart_by_more_than_colour(client, dora, nord):
    client.force_login(dora)
    page = client.get("/dashboard/trends/").content.decode()
    assert "stroke-dasharray" in page and "<rect" in page and "<polygon" in page


def test_it_follows_the_period_end(dora, nord):
    end = timezone.localdate() - dt.timedelta(weeks=20)
    filters = dashboard_filters(user=dora, params={"end": end.isoformat()})
    assert this_week(trends(filters=filters)).needs_opened == 0

"""Combined filters are computed from the base tables: a fixed, small number of grouped
queries, however many needs, placements and hours there are (no query per row)."""

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lotse.dashboard.demand import live_figure_rows
from lotse.dashboard.filters import dashboard_filters
from lotse.dashboard.unmet import open_demand_live

from .factories import hours_on, make_need, place, volunteer_at

TWO_FILTERS = {"skill": "interpreting", "language": "ti"}


def _filters(user, **params):
    return dashboard_filters(user=user, params=params)


def _more_of_everything(facility, alice, n=4):
    for i in range(n):
        need = make_need(facility, skill="interpreting", languages={"ti": 2}, volunteers_needed=2)
        helper = volunteer_at("48159", email=f"more{i}@example.org")
        placement = place(need, helper, "active", approver=alice)
        hours_on(placement, timezone.localdate() - dt.timedelta(days=i), 1)


def test_it_computes_every_live_figure_in_four_queries(dora, nord, django_assert_num_queries):
    filters = _filters(dora, **TWO_FILTERS)
    with django_assert_num_queries(4):
        list(live_figure_rows(filters))


def test_it_computes_live_unmet_demand_in_two_queries(dora, nord, django_assert_num_queries):
    filters = _filters(dora, **TWO_FILTERS)
    with django_assert_num_queries(2):
        list(open_demand_live(filters.needs_q, filters.today))


def test_the_page_with_two_filters_reads_as_often_with_more_rows(client, dora, nord, facility_a1,
                                                                 alice):  # fmt: skip
    client.force_login(dora)
    url = "/dashboard/?skill=interpreting&language=ti"
    client.get(url)  # the supply snapshot and the session, once
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _more_of_everything(facility_a1, alice)
    client.get(url)  # this process syncs its pool with its own writes, once
    with CaptureQueriesContext(connection) as many:
        assert client.get(url).status_code == 200
    assert len(many) == len(few)


def test_the_page_looks_nothing_up_twice(client, dora, nord):
    client.force_login(dora)
    url = "/dashboard/?skill=interpreting&language=ti"
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        client.get(url)
    statements = [q["sql"] for q in queries.captured_queries]
    assert len(statements) == len(set(statements))


def test_held_slots_are_taken_off_the_open_demand_in_the_same_query(dora, nord):
    rows = {r["hood"]: r for r in live_figure_rows(_filters(dora, **TWO_FILTERS))
            if "open_slots" in r}  # fmt: skip
    # Kinderhaus: the interpreting need asks for 3, an approved proposal holds 1.
    assert [(r["open_needs"], r["open_slots"], r["demand_minutes"]) for r in rows.values()] == [
        (1, 2, 240)
    ]

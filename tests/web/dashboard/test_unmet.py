"""Unmet demand by skill and language: open needs against volunteers within reach."""

import pytest

from lotse.dashboard.filters import dashboard_filters
from lotse.dashboard.refresh import summary_refresh_current
from lotse.dashboard.unmet import unmet_demand

from .factories import make_need, volunteer_at


@pytest.fixture
def tigrinya(facility_a1, facility_c1):
    """Seven open Tigrinya interpreting needs in Nord and one volunteer who could go."""
    for k in range(7):
        make_need(facility_a1 if k % 2 else facility_c1, skill="interpreting",
                  languages={"ti": 3}, days_ahead=10 + k)  # fmt: skip
    volunteer_at("48159", radius=10, skills=("interpreting",), languages={"ti": 4},
                 email="ti@example.org")  # fmt: skip
    volunteer_at("48159", radius=10, skills=("interpreting",), languages={"ar": 4},
                 email="ar@example.org")  # fmt: skip


@pytest.mark.parametrize("refreshed", [False, True])
def test_it_counts_tigrinya_interpreting_against_volunteers_within_reach(dora, tigrinya, refreshed):
    if refreshed:
        summary_refresh_current()
    demand = unmet_demand(filters=dashboard_filters(user=dora, params={}))
    [row] = [r for r in demand.by_combination if r.language and r.language.code == "ti"]
    assert (row.open_needs, row.open_slots, row.volunteers_within_reach) == (7, 7, 1)
    assert row.is_unmet


def test_it_puts_the_least_covered_first(dora, tigrinya):
    demand = unmet_demand(filters=dashboard_filters(user=dora, params={}))
    assert demand.by_language[0].language.code == "ti"


def test_it_counts_only_speakers_at_the_level_asked_for(dora, facility_a1):
    make_need(facility_a1, skill="interpreting", languages={"fa": 4})
    volunteer_at("48159", skills=("interpreting",), languages={"fa": 2}, email="fa@example.org")
    demand = unmet_demand(filters=dashboard_filters(user=dora, params={}))
    [row] = demand.by_language
    assert row.volunteers_within_reach == 0


def test_it_shows_the_unmet_rows_on_the_page(client, dora, tigrinya):
    client.force_login(dora)
    page = client.get("/dashboard/").content.decode()
    assert "Tigrinya · " in page


def _ti_reach(dora, params=None) -> int:
    demand = unmet_demand(filters=dashboard_filters(user=dora, params=params or {}))
    [row] = [r for r in demand.by_combination if r.language and r.language.code == "ti"]
    return row.volunteers_within_reach


@pytest.fixture
def recount_at_once(settings):
    settings.LOTSE_DASHBOARD_SUPPLY_REFRESH_SECONDS = 0


def test_the_counts_are_kept_until_the_pool_changes(dora, tigrinya, monkeypatch, recount_at_once):
    """Each row's count is kept per process (issue 21) while the pool, its places and the day
    stand: the second request counts nothing, a new volunteer is counted on the next one."""
    from matching import reach

    counted = []
    real = reach.reach_any
    monkeypatch.setattr(reach, "reach_any", lambda *a: counted.append(1) or real(*a))
    assert _ti_reach(dora) == 1
    first = len(counted)
    assert first > 0
    assert _ti_reach(dora) == 1
    assert len(counted) == first  # kept: nothing counted again
    volunteer_at("48159", radius=10, skills=("interpreting",), languages={"ti": 3},
                 email="ti2@example.org")  # fmt: skip
    assert _ti_reach(dora) == 2
    assert len(counted) > first


def test_the_counts_follow_a_speaker_who_drops_the_language(dora, tigrinya, recount_at_once):
    from lotse.volunteers.models import VolunteerLanguage

    assert _ti_reach(dora) == 1
    VolunteerLanguage.objects.get(volunteer__user__email="ti@example.org").delete()
    assert _ti_reach(dora) == 0


def test_the_next_day_is_counted_anew(clock, dora, tigrinya, monkeypatch):
    import datetime as dt

    from matching import reach

    counted = []
    real = reach.reach_any
    monkeypatch.setattr(reach, "reach_any", lambda *a: counted.append(1) or real(*a))
    assert _ti_reach(dora) == 1
    first = len(counted)
    clock.shift(dt.timedelta(days=1))
    assert _ti_reach(dora) == 1
    assert len(counted) == 2 * first


def test_a_changed_pool_is_counted_anew_after_the_refresh_interval(clock, dora, tigrinya, settings):
    """Within the supply's refresh interval the counts may lag a volunteer's change (as the
    neighbourhood centres may); after it, they follow."""
    from lotse.dashboard import supply
    from lotse.volunteers.models import VolunteerLanguage

    settings.LOTSE_DASHBOARD_SUPPLY_REFRESH_SECONDS = 60
    assert _ti_reach(dora) == 1
    VolunteerLanguage.objects.get(volunteer__user__email="ti@example.org").delete()
    assert _ti_reach(dora) == 1  # counted 0 s ago: kept
    supply._counts["at"] -= 61  # counted 61 s ago
    assert _ti_reach(dora) == 0

"""Dashboard fixtures: a small Nord scenario (dora's district) and helpers.

Nord has Kinderhaus (facility A1, Stadt) and Coerde (facility C1, Caritas):
- `interpreting_need`: A1, Tigrinya interpreting in two weeks, 2 h, 3 volunteers, opened five
  days ago, one slot held by an approved proposal;
- `running_need`: C1, weekly accompaniment that began a month ago, 2 h, 1 volunteer, active
  (its volunteer, runner, lives in Handorf, Ost, and travels 25 km);
- `past_need`: A1, still open ten days after its date.
"""

import datetime as dt

import pytest
from django.core.cache import cache
from django.utils import timezone

from lotse.dashboard.refresh import summary_refresh_all, summary_refresh_current
from lotse.dashboard.supply import supply_forget

from .factories import hours_on, make_need, place, volunteer_at


@pytest.fixture(autouse=True)
def fresh_dashboard():
    supply_forget()
    cache.clear()
    yield
    supply_forget()


@pytest.fixture
def interpreting_need(facility_a1, alice):
    return make_need(
        facility_a1, skill="interpreting", languages={"ti": 3}, volunteers_needed=3,
        days_ahead=14, opened_days_ago=5, title="Sprachmittlung Tigrinya",
    )  # fmt: skip


@pytest.fixture
def running_need(facility_c1):
    return make_need(facility_c1, weekly=True, opened_days_ago=40, title="Begleitung Coerde")


@pytest.fixture
def past_need(facility_a1):
    return make_need(facility_a1, days_ahead=-10, opened_days_ago=30, title="Vergangener Termin")


@pytest.fixture
def helper():
    """A Tigrinya-speaking interpreter living in Kinderhaus who travels 10 km."""
    return volunteer_at(
        "48159", radius=10, skills=("interpreting",), languages={"ti": 4, "de": 3},
        email="helper@example.org", first_name="Hiltrud", last_name="Helferin",
    )  # fmt: skip


@pytest.fixture
def nord(interpreting_need, running_need, past_need, helper, alice):
    """The whole scenario, with a placement in each state that matters and some hours."""
    approved = place(interpreting_need, helper, "approved", approver=alice)
    runner = volunteer_at("48157", radius=25, email="runner@example.org")
    active = place(running_need, runner, "active", approver=alice)
    hours_on(active, timezone.localdate(), 2)
    hours_on(active, timezone.localdate() - dt.timedelta(days=40), 3)
    return {"approved": approved, "active": active, "runner": runner}


@pytest.fixture(params=["live", "summary"])
def source(request):
    """Run a test on the base tables and again on freshly refreshed summaries."""
    if request.param == "summary":
        request.getfixturevalue("nord")
        summary_refresh_current()
        summary_refresh_all()
    return request.param

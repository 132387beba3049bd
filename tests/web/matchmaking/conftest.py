import datetime as dt

import pytest
from django.utils import timezone

from lotse.matchmaking.need_cache import needs_forget
from lotse.matchmaking.pool_cache import pool_forget
from lotse.needs.services import need_create

from ..factories import UserFactory, VolunteerFactory


@pytest.fixture(autouse=True)
def fresh_pool():
    """Each test's database is new; so must the process's pool and need table be."""
    pool_forget()
    needs_forget()
    yield
    pool_forget()
    needs_forget()


def next_weekday(weekday: int) -> dt.date:
    today = timezone.localdate()
    return today + dt.timedelta(days=(weekday - today.weekday()) % 7 or 7)


@pytest.fixture
def arabic_need(alice, facility_a1):
    """Accompaniment with Arabic at a facility in Kinderhaus (48159), weekly on Tuesdays."""
    start = next_weekday(1)
    return need_create(
        actor=alice,
        facility=facility_a1,
        title="Begleitung zur Ausländerbehörde",
        main_skill="accompaniment",
        languages_required={"ar": 3},
        schedule=f"weekly tue 16:00-18:00 from {start} until {start + dt.timedelta(days=90)}",
    )


def volunteer(email, postcode="48159", **kwargs):
    return VolunteerFactory(user=UserFactory(email=email), postcode=postcode, **kwargs)


@pytest.fixture
def amira():
    """Native Arabic speaker living in Kinderhaus, free on Tuesday afternoons."""
    return volunteer(
        "amira@example.org",
        languages={"ar": 4, "de": 3},
        skills=("accompaniment",),
        availability="tue 15:00-19:00",
    )


@pytest.fixture
def greta():
    """German only, also in Kinderhaus: fails the Arabic requirement."""
    return volunteer(
        "greta@example.org",
        languages={"de": 4},
        skills=("accompaniment",),
        availability="tue 15:00-19:00",
    )


@pytest.fixture
def farid():
    """Arabic, but lives in Wolbeck (48167), ~14 km away, and travels only 5 km."""
    return volunteer(
        "farid@example.org",
        postcode="48167",
        max_distance_km=5,
        languages={"ar": 4},
        skills=("accompaniment",),
        availability="tue 15:00-19:00",
    )

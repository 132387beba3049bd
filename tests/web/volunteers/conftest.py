"""wanda: a volunteer account that has not completed the sign-up wizard yet; far_away: a
volunteer in Hiltrup who travels 2 km (out of reach for Caritas' facility in Coerde)."""

import pytest

from ..factories import UserFactory, VolunteerFactory


@pytest.fixture
def wanda():
    return UserFactory(email="wanda@example.org", first_name="", last_name="")


@pytest.fixture
def far_away():
    user = UserFactory(email="hilde@example.org", first_name="Hilde", last_name="Hiltrup")
    return VolunteerFactory(user=user, postcode="48165", max_distance_km=2)


def profile(**changes) -> dict:
    """Arguments of volunteer_profile_save for a complete, valid profile."""
    return {
        "postcode": "48143",
        "max_distance_km": 5,
        "availability": "mon 17:00-20:00",
        "skills": ["accompaniment"],
        "languages": {"de": 4},
    } | changes

"""Users and helpers for the notification tests (the platform's named users, as plain users)."""

import pytest

from notifications.tasks import broker_pause
from tests.web.factories import StaffFactory, UserFactory


@pytest.fixture(autouse=True)
def _fresh_broker_pause():
    broker_pause.reset()
    yield
    broker_pause.reset()


@pytest.fixture
def victor(db):
    return UserFactory(email="victor@example.org", first_name="Victor", last_name="Vogel")


@pytest.fixture
def vera(db):
    """A volunteer who reads English."""
    return UserFactory(
        email="vera@example.org", first_name="Vera", last_name="Vance", preferred_language="en"
    )


@pytest.fixture
def alice(db):
    return StaffFactory(email="alice@example.org", role="social_worker", first_name="Alice")


@pytest.fixture
def erin(db):
    return StaffFactory(email="erin@example.org", role="admin", is_staff=True, is_superuser=True)


@pytest.fixture
def placement_context():
    return {"need_title": "Hausaufgabenhilfe", "place": "A1 Kinderhaus", "url": "/placements/1/"}

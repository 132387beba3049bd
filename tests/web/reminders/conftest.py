"""Needs and placements for the reminder jobs: alice (social worker, Stadt) posted a need at
her facility A1 in Kinderhaus (district Nord, coordinated by dora); victor is placed on it."""

import datetime as dt

import pytest
from django.utils import timezone

from lotse.privacy.models import Consent
from lotse.privacy.services import consent_give
from notifications.models import Notification

from ..placements.factories import NeedFactory, make_placement, one_off


def at(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def sent(event: str, **filters):
    return Notification.objects.filter(event=event, **filters)


@pytest.fixture
def volunteer(victor):
    consent_give(user=victor, kind=Consent.Kind.CODE_OF_CONDUCT, version="test")
    return victor.volunteer


@pytest.fixture
def tomorrows_need(facility_a1, alice):
    return NeedFactory(
        facility=facility_a1,
        created_by=alice,
        title="Sprachcafé",
        schedule=one_off(1, "10:00-12:00"),
    )


@pytest.fixture
def placed(tomorrows_need, volunteer, alice):
    return make_placement(need=tomorrows_need, volunteer=volunteer, how="active", approver=alice)

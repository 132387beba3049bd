"""The opt-in digest of new opportunities near a volunteer."""

import datetime as dt

import pytest
from django.utils import timezone

from lotse.needs.models import Need
from lotse.reminders.jobs import digests_send
from notifications.services import preference_save

from ..placements.factories import NeedFactory
from .conftest import sent

pytestmark = pytest.mark.django_db


def next_saturday(after_days=3) -> dt.date:
    day = timezone.localdate() + dt.timedelta(days=after_days)
    return day + dt.timedelta(days=(5 - day.weekday()) % 7)


@pytest.fixture
def fresh_need(facility_a1, alice):
    """Posted yesterday, on a Saturday morning when victor is free, 5 km from him."""
    need = NeedFactory(
        facility=facility_a1,
        created_by=alice,
        title="Fahrradwerkstatt",
        schedule=f"{next_saturday().isoformat()} 10:00-12:00",
    )
    Need.objects.filter(pk=need.pk).update(opened_at=timezone.now() - dt.timedelta(days=1))
    return need


def test_it_sends_new_opportunities_to_a_volunteer_who_asked(volunteer, victor, fresh_need):
    preference_save(user=victor, digest="weekly")
    assert digests_send() == 1
    [digest] = sent("opportunities_digest", recipient=victor)
    assert [o["title"] for o in digest.context["opportunities"]] == ["Fahrradwerkstatt"]
    assert digest.context["days"] == 7


def test_it_sends_nothing_to_a_volunteer_who_did_not_ask(volunteer, fresh_need):
    assert digests_send() == 0


def test_it_sends_one_weekly_digest_per_week(volunteer, victor, fresh_need):
    preference_save(user=victor, digest="weekly")
    digests_send()
    assert digests_send() == 0


def test_it_leaves_out_needs_posted_before_the_period(volunteer, victor, fresh_need):
    Need.objects.filter(pk=fresh_need.pk).update(opened_at=timezone.now() - dt.timedelta(days=9))
    preference_save(user=victor, digest="weekly")
    assert digests_send() == 0

"""A reminder 24 hours before a one-off appointment."""

import pytest
from django.utils import timezone

from lotse.reminders.jobs import appointments_remind

from ..placements.factories import NeedFactory, make_placement, running_weekly
from .conftest import at, sent

pytestmark = pytest.mark.django_db


def noon_today():
    return at(timezone.localdate(), 12)


def test_it_reminds_the_volunteer_the_day_before(placed, victor):
    assert appointments_remind(now=noon_today()) == 1
    [reminder] = sent("appointment_reminder")
    assert reminder.recipient == victor
    assert reminder.context["need_title"] == "Sprachcafé"
    assert reminder.context["address"].endswith(", 48159")
    assert reminder.context["url"] == f"/placements/{placed.pk}/"


def test_it_reminds_only_once(placed):
    appointments_remind(now=noon_today())
    assert appointments_remind(now=noon_today()) == 0
    assert sent("appointment_reminder").count() == 1


def test_it_waits_until_the_appointment_is_less_than_a_day_away(placed):
    assert appointments_remind(now=at(timezone.localdate(), 9)) == 0  # 25 hours ahead
    assert not sent("appointment_reminder").exists()


def test_it_does_not_remind_a_placement_still_waiting_for_approval(tomorrows_need, volunteer):
    make_placement(need=tomorrows_need, volunteer=volunteer, how="proposed")
    assert appointments_remind(now=noon_today()) == 0


def test_it_leaves_recurring_needs_alone(facility_a1, alice, volunteer):
    need = NeedFactory(facility=facility_a1, created_by=alice, schedule=running_weekly())
    make_placement(need=need, volunteer=volunteer, how="active", approver=alice)
    assert appointments_remind(now=noon_today()) == 0

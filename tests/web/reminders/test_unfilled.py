"""A need still unfilled three days before its date alerts its social worker."""

import pytest
from django.utils import timezone

from lotse.reminders.jobs import needs_unfilled_alert

from ..placements.factories import NeedFactory, make_placement, one_off
from .conftest import sent

pytestmark = pytest.mark.django_db


def test_it_alerts_the_author_of_a_need_with_open_places(facility_a1, alice, volunteer):
    need = NeedFactory(
        facility=facility_a1, created_by=alice, volunteers_needed=2, schedule=one_off(2)
    )
    make_placement(need=need, volunteer=volunteer, how="active", approver=alice)
    assert needs_unfilled_alert(today=timezone.localdate()) == 1
    [alert] = sent("need_unfilled")
    assert alert.recipient == alice
    assert alert.context["open_slots"] == 1
    assert alert.context["url"] == f"/needs/{need.pk}/"


def test_it_stays_quiet_when_every_place_is_taken(facility_a1, alice, volunteer):
    need = NeedFactory(facility=facility_a1, created_by=alice, schedule=one_off(2))
    make_placement(need=need, volunteer=volunteer, how="active", approver=alice)
    assert needs_unfilled_alert(today=timezone.localdate()) == 0


def test_it_waits_until_three_days_before(facility_a1, alice):
    NeedFactory(facility=facility_a1, created_by=alice, schedule=one_off(5))
    assert needs_unfilled_alert(today=timezone.localdate()) == 0


def test_it_alerts_the_facilitys_social_worker_when_staff_posted_the_need(facility_a1, alice, bob):
    NeedFactory(facility=facility_a1, created_by=bob, schedule=one_off(3))
    needs_unfilled_alert(today=timezone.localdate())
    assert [n.recipient for n in sent("need_unfilled")] == [alice]


def test_it_alerts_once_per_need(facility_a1, alice):
    NeedFactory(facility=facility_a1, created_by=alice, schedule=one_off(3))
    needs_unfilled_alert(today=timezone.localdate())
    tomorrow = timezone.localdate() + timezone.timedelta(days=1)
    assert needs_unfilled_alert(today=tomorrow) == 0

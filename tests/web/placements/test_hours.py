"""Hours: logged by the volunteer, confirmed or corrected by the facility's side; totals."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lotse.placements import selectors
from lotse.placements.errors import PlacementConflict
from lotse.placements.models import HoursEntry
from lotse.placements.services import hours_confirm, hours_log
from lotse.placements.services.hours import (
    DAY_TOTAL_OVER_24,
    HOURS_BEFORE_START,
    HOURS_IN_FUTURE,
    HOURS_NEGATIVE,
    HOURS_NOT_AGREED,
    HOURS_OVER_A_DAY,
    ONLY_OWN_HOURS,
    ONLY_STAFF_CONFIRM,
)

from .factories import NeedFactory, make_placement, one_off, ready_volunteer

pytestmark = pytest.mark.django_db
TODAY = timezone.localdate


def _log(placement, victor, hours, day=None):
    return hours_log(placement=placement, actor=victor, date=day or TODAY(), hours=hours)


def test_it_logs_hours_on_an_active_placement(active, victor):
    entry = _log(active, victor, "2.5")
    assert entry.hours == Decimal("2.50")
    assert not entry.is_confirmed


def test_it_refuses_negative_hours(active, victor):
    with pytest.raises(ValidationError) as caught:
        _log(active, victor, -2)
    assert caught.value.message_dict == {"hours": [str(HOURS_NEGATIVE)]}
    assert not HoursEntry.objects.exists()


def test_it_refuses_hours_in_the_future(active, victor):
    with pytest.raises(ValidationError) as caught:
        _log(active, victor, 2, day=TODAY() + dt.timedelta(days=1))
    assert caught.value.message_dict == {"date": [str(HOURS_IN_FUTURE)]}
    assert not HoursEntry.objects.exists()


def test_it_refuses_30_hours_in_a_day(active, victor):
    with pytest.raises(ValidationError) as caught:
        _log(active, victor, 30)
    assert caught.value.message_dict == {"hours": [str(HOURS_OVER_A_DAY)]}
    assert not HoursEntry.objects.exists()


def test_it_refuses_more_than_24_hours_a_day_across_placements(
    active, victor, volunteer, facility_a2, alice
):
    other = make_placement(
        need=NeedFactory(facility=facility_a2, schedule=one_off(20)),
        volunteer=volunteer,
        how="active",
        approver=alice,
    )
    _log(active, victor, 20)
    with pytest.raises(ValidationError) as caught:
        _log(other, victor, 10)
    assert caught.value.message_dict == {
        "hours": [DAY_TOTAL_OVER_24 % {"day": TODAY().strftime("%d.%m.%Y")}]
    }
    assert HoursEntry.objects.count() == 1


def test_it_refuses_hours_for_a_day_before_the_placement_was_active(active, victor):
    with pytest.raises(ValidationError) as caught:
        _log(active, victor, 2, day=TODAY() - dt.timedelta(days=30))
    assert caught.value.message_dict == {"date": [str(HOURS_BEFORE_START)]}


def test_it_refuses_hours_before_the_placement_is_agreed(proposal, victor):
    with pytest.raises(PlacementConflict, match=str(HOURS_NOT_AGREED)):
        _log(proposal, victor, 2)


def test_it_refuses_hours_logged_by_someone_else(active, alice):
    with pytest.raises(PermissionDenied, match=str(ONLY_OWN_HOURS)):
        _log(active, alice, 2)


def test_facility_staff_confirm_hours_as_logged(active, victor, bob):
    entry = hours_confirm(entry=_log(active, victor, 2), actor=bob)
    assert entry.confirmed_hours == Decimal("2.00")
    assert entry.confirmed_by == bob
    assert not entry.was_corrected


def test_facility_staff_correct_hours(active, victor, bob):
    entry = hours_confirm(entry=_log(active, victor, 3), actor=bob, hours="1.5")
    assert entry.confirmed_hours == Decimal("1.50")
    assert entry.was_corrected


def test_a_correction_cannot_exceed_a_day(active, victor, bob):
    entry = _log(active, victor, 3)
    with pytest.raises(ValidationError):
        hours_confirm(entry=entry, actor=bob, hours=30)
    assert HoursEntry.objects.get(pk=entry.pk).confirmed_at is None


def test_the_volunteer_cannot_confirm_their_own_hours(active, victor):
    with pytest.raises(PermissionDenied, match=str(ONLY_STAFF_CONFIRM)):
        hours_confirm(entry=_log(active, victor, 2), actor=victor)


def test_staff_of_another_organisation_cannot_confirm(active, victor, charlie):
    with pytest.raises(PermissionDenied):
        hours_confirm(entry=_log(active, victor, 2), actor=charlie)


def test_it_totals_confirmed_hours_per_volunteer_facility_and_month(
    active, victor, volunteer, bob, alice, dora
):
    hours_confirm(entry=_log(active, victor, 2), actor=bob)
    hours_confirm(entry=_log(active, victor, 3, TODAY() - dt.timedelta(days=1)), actor=bob)
    olga = ready_volunteer("olga@example.org")
    need = NeedFactory(facility=active.need.facility, volunteers_needed=2)
    other = make_placement(need=need, volunteer=olga, how="active", approver=alice)
    hours_log(placement=other, actor=olga.user, date=TODAY(), hours=4)  # not confirmed
    by_volunteer = selectors.hours_totals_by_volunteer(user=alice)
    assert by_volunteer == [{"volunteer_id": volunteer.pk, "hours": Decimal("5.00"), "entries": 2}]
    by_facility = selectors.hours_totals_by_facility(user=bob)
    assert [(r["facility"], r["hours"]) for r in by_facility] == [("A2 Hiltrup", Decimal("5.00"))]
    months = selectors.hours_totals_by_month(user=alice, confirmed_only=False)
    assert sum(r["hours"] for r in months) == Decimal("9.00")
    assert selectors.hours_totals_by_volunteer(user=dora) == []  # Hiltrup is not in Nord


def test_volunteers_see_only_their_own_totals(active, victor):
    _log(active, victor, 2)
    olga = ready_volunteer("olga@example.org")
    assert selectors.hours_totals_by_month(user=olga.user, confirmed_only=False) == []
    assert selectors.hours_totals_by_month(user=victor, confirmed_only=False)[0]["hours"] == 2

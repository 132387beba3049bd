"""eFZ records by the law: gone at once without activity, else 6 months after the last one."""

import datetime as dt

import pytest
from django.utils import timezone

from lotse.placements.models import HoursEntry, State
from lotse.safeguarding.retention import (
    certificate_deletion_reason,
    certificate_inspections_purge,
)
from lotse.volunteers.models import CertificateInspection

from ..placements.factories import NeedFactory, make_placement

pytestmark = pytest.mark.django_db
INSPECTED = dt.date(2026, 3, 2)


@pytest.fixture(autouse=True)
def periods(settings):
    settings.LOTSE_CERTIFICATE_NO_ACTIVITY_DAYS = 30
    settings.LOTSE_CERTIFICATE_RETENTION_MONTHS = 6


@pytest.fixture
def volunteer(victor):
    return victor.volunteer


@pytest.fixture
def inspection(volunteer, alice):
    return CertificateInspection.objects.create(
        volunteer=volunteer,
        certificate_date=INSPECTED - dt.timedelta(days=20),
        inspected_on=INSPECTED,
        inspected_by=alice,
    )


def _at(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(12)))


def _placement(volunteer, facility, *, active_from, closed_on=None, state=State.COMPLETED):
    placement = make_placement(
        need=NeedFactory(facility=facility), volunteer=volunteer, how="active"
    )
    placement.activated_at = _at(active_from)
    placement.state = state if closed_on else State.ACTIVE
    placement.closed_at = _at(closed_on) if closed_on else None
    placement.save()
    return placement


def test_it_keeps_a_record_without_activity_for_the_window_then_deletes_it(inspection):
    assert certificate_deletion_reason(inspection, INSPECTED + dt.timedelta(days=30)) is None
    assert (
        certificate_deletion_reason(inspection, INSPECTED + dt.timedelta(days=31)) == "no_activity"
    )


def test_it_deletes_when_the_only_placement_started_after_the_window(
    inspection, volunteer, facility_a1
):
    _placement(volunteer, facility_a1, active_from=INSPECTED + dt.timedelta(days=31),
               closed_on=INSPECTED + dt.timedelta(days=40))  # fmt: skip
    assert certificate_deletion_reason(inspection, dt.date(2026, 5, 1)) == "no_activity"


def test_it_deletes_when_activity_ended_before_the_inspection(inspection, volunteer, facility_a1):
    _placement(volunteer, facility_a1, active_from=dt.date(2025, 1, 1),
               closed_on=INSPECTED - dt.timedelta(days=1))  # fmt: skip
    assert certificate_deletion_reason(inspection, INSPECTED + dt.timedelta(days=31)) == (
        "no_activity"
    )


def test_it_keeps_the_record_while_a_placement_is_active(inspection, volunteer, facility_a1):
    _placement(volunteer, facility_a1, active_from=INSPECTED + dt.timedelta(days=3))
    assert certificate_deletion_reason(inspection, dt.date(2031, 1, 1)) is None


def test_it_keeps_the_record_six_months_after_the_last_activity(inspection, volunteer, facility_a1):
    _placement(volunteer, facility_a1, active_from=INSPECTED + dt.timedelta(days=5),
               closed_on=dt.date(2026, 6, 30))  # fmt: skip
    assert certificate_deletion_reason(inspection, dt.date(2026, 12, 30)) is None
    assert certificate_deletion_reason(inspection, dt.date(2026, 12, 31)) == "after_activity"


def test_it_counts_hours_logged_after_the_end_as_activity(inspection, volunteer, facility_a1):
    placement = _placement(volunteer, facility_a1, active_from=INSPECTED,
                           closed_on=dt.date(2026, 6, 30))  # fmt: skip
    HoursEntry.objects.create(placement=placement, date=dt.date(2026, 7, 15), hours=2)
    assert certificate_deletion_reason(inspection, dt.date(2027, 1, 10)) is None
    assert certificate_deletion_reason(inspection, dt.date(2027, 1, 16)) == "after_activity"


def test_it_deletes_a_record_replaced_by_a_newer_inspection(inspection, volunteer, alice):
    CertificateInspection.objects.create(
        volunteer=volunteer,
        certificate_date=INSPECTED + dt.timedelta(days=300),
        inspected_on=INSPECTED + dt.timedelta(days=310),
        inspected_by=alice,
    )
    assert certificate_deletion_reason(inspection, INSPECTED + dt.timedelta(days=311)) == (
        "superseded"
    )


def test_the_purge_deletes_only_what_is_due(inspection, volunteer, victor, facility_a1):
    from ..factories import VolunteerFactory

    other = VolunteerFactory(user__email="olga@example.org")
    kept = CertificateInspection.objects.create(
        volunteer=other, certificate_date=INSPECTED, inspected_on=INSPECTED + dt.timedelta(days=20)
    )
    counts = certificate_inspections_purge(today=INSPECTED + dt.timedelta(days=31))
    assert counts == {"superseded": 0, "no_activity": 1, "after_activity": 0}
    assert list(CertificateInspection.objects.all()) == [kept]

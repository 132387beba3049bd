"""The certificate of conduct: only the allowed facts, validity computed from settings."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lotse.taxonomy.models import Skill
from lotse.volunteers import services
from lotse.volunteers.models import CertificateInspection
from lotse.volunteers.selectors import certificate_status

pytestmark = pytest.mark.django_db


def _days_ago(days: int) -> dt.date:
    return timezone.localdate() - dt.timedelta(days=days)


def _record(victor, actor, issued_days_ago=40, inspected_days_ago=10, **kwargs):
    return services.certificate_inspection_record(
        volunteer=victor.volunteer,
        actor=actor,
        certificate_date=_days_ago(issued_days_ago),
        inspected_on=_days_ago(inspected_days_ago),
        **kwargs,
    )


def test_a_social_worker_records_an_inspection(victor, alice):
    inspection = _record(victor, alice)
    assert inspection.inspected_by == alice
    assert certificate_status(victor.volunteer).state == "valid"


def test_the_same_inspection_twice_is_recorded_once(victor, alice):
    _record(victor, alice)
    _record(victor, alice)
    assert CertificateInspection.objects.count() == 1


@pytest.mark.parametrize("name", ["bob", "dora", "victor"])
def test_only_social_workers_and_admins_record_inspections(everyone, name):
    with pytest.raises(PermissionDenied):
        _record(everyone["victor"], everyone[name])
    assert not CertificateInspection.objects.exists()


def test_it_refuses_a_certificate_older_than_the_setting_at_inspection(victor, alice, settings):
    settings.LOTSE_CERTIFICATE_MAX_AGE_DAYS = 30
    with pytest.raises(ValidationError) as caught:
        _record(victor, alice, issued_days_ago=45, inspected_days_ago=10)
    assert caught.value.message_dict["certificate_date"] == [
        services.CERTIFICATE_TOO_OLD % {"days": 30}
    ]


def test_it_refuses_an_inspection_in_the_future(victor, alice):
    with pytest.raises(ValidationError) as caught:
        _record(victor, alice, issued_days_ago=5, inspected_days_ago=-1)
    assert "inspected_on" in caught.value.message_dict


def test_it_refuses_a_certificate_dated_after_its_inspection(victor, alice):
    with pytest.raises(ValidationError):
        _record(victor, alice, issued_days_ago=5, inspected_days_ago=6)


def test_validity_ends_after_the_renewal_years_of_the_setting(victor, alice, settings):
    settings.LOTSE_CERTIFICATE_RENEWAL_YEARS = 1
    _record(victor, alice, issued_days_ago=400, inspected_days_ago=380)
    assert certificate_status(victor.volunteer).state == "expired"


def test_it_warns_when_the_certificate_expires_soon(victor, alice, settings):
    settings.LOTSE_CERTIFICATE_RENEWAL_YEARS = 1
    _record(victor, alice, issued_days_ago=340, inspected_days_ago=330)
    assert certificate_status(victor.volunteer).state == "expiring"


def test_a_disqualifying_conviction_is_never_valid(victor, alice):
    _record(victor, alice, disqualifying_conviction=True)
    status = certificate_status(victor.volunteer)
    assert status.state == "disqualified"
    assert not status.is_valid


def test_it_is_needed_for_work_with_minors_only(victor):
    assert not certificate_status(victor.volunteer).needed
    victor.volunteer.skills.add(Skill.objects.get(slug="homework_help"))
    assert certificate_status(victor.volunteer).needed


# (issued, inspected days ago, disqualifying) per inspection, oldest recorded first
HISTORIES = {
    "none": [],
    "valid": [(40, 10, False)],
    "expired": [(4000, 3990, False)],
    "disqualified after a valid one": [(40, 30, False), (20, 10, True)],
    "valid after a disqualifying one": [(20, 15, True), (12, 10, False)],
    "two on one day: the later recorded counts": [(20, 10, True), (12, 10, False)],
}


@pytest.mark.parametrize("history", HISTORIES.values(), ids=HISTORIES.keys())
def test_the_newest_inspection_decides(victor, history):
    """The newest inspection counts — by the day it was inspected, then by the order of
    recording when two share a day (as the approval gate decides)."""
    from lotse.placements.gates import has_valid_certificate

    for issued, inspected, disqualifying in history:
        CertificateInspection.objects.create(
            volunteer=victor.volunteer,
            certificate_date=_days_ago(issued),
            inspected_on=_days_ago(inspected),
            disqualifying_conviction=disqualifying,
        )
    status = certificate_status(victor.volunteer)
    expected = {0: "missing"}.get(len(history)) or ("disqualified" if history[-1][2] else None)
    assert status.state == (expected or ("expired" if history[-1][0] > 1000 else "valid"))
    gate = has_valid_certificate(victor.volunteer, timezone.localdate())
    assert gate == (status.state == "valid")

"""eFZ notices: 60 and 30 days before expiry, and once expired."""

import datetime as dt

import pytest
from django.utils import timezone

from lotse.reminders.jobs import certificates_remind
from lotse.volunteers.models import CertificateInspection

from .conftest import sent

pytestmark = pytest.mark.django_db


def inspect(volunteer, valid_until: dt.date):
    certificate_date = valid_until.replace(year=valid_until.year - 5)
    return CertificateInspection.objects.create(
        volunteer=volunteer,
        certificate_date=certificate_date,
        inspected_on=certificate_date + dt.timedelta(days=10),
    )


def today():
    return timezone.localdate()


def days(n):
    return today() + dt.timedelta(days=n)


def test_it_tells_the_volunteer_60_days_ahead(volunteer, victor):
    inspect(volunteer, days(45))
    assert certificates_remind(today=today()) == 1
    [notice] = sent("certificate_expiring")
    assert (notice.recipient, notice.context["days_left"]) == (victor, 45)
    assert notice.dedupe_key.endswith(":60")


def test_it_tells_again_30_days_ahead_but_not_every_day(volunteer):
    inspect(volunteer, days(45))
    certificates_remind(today=today())
    certificates_remind(today=today() + dt.timedelta(days=1))
    certificates_remind(today=today() + dt.timedelta(days=16))
    keys = sorted(n.dedupe_key.rsplit(":", 1)[1] for n in sent("certificate_expiring"))
    assert keys == ["30", "60"]


def test_it_tells_when_the_certificate_has_expired(volunteer):
    inspect(volunteer, days(-3))
    assert certificates_remind(today=today()) == 1
    assert sent("certificate_expired").count() == 1


def test_it_says_nothing_when_a_newer_certificate_was_shown(volunteer):
    inspect(volunteer, days(20))
    inspect(volunteer, days(5 * 365))
    assert certificates_remind(today=today()) == 0


def test_it_says_nothing_about_a_certificate_that_expired_long_ago(volunteer):
    inspect(volunteer, days(-200))
    assert certificates_remind(today=today()) == 0


def test_it_says_nothing_about_a_certificate_with_a_disqualifying_conviction(volunteer):
    inspection = inspect(volunteer, days(20))
    inspection.disqualifying_conviction = True
    inspection.save()
    assert certificates_remind(today=today()) == 0

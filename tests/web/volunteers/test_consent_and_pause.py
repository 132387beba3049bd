import datetime as dt
from dataclasses import replace

import pytest
from django.core.exceptions import ImproperlyConfigured, ValidationError
from django.db import IntegrityError
from django.utils import timezone

from lotse.privacy.models import Consent
from lotse.volunteers import consents, services
from lotse.volunteers.models import Volunteer

from .conftest import profile

pytestmark = pytest.mark.django_db


def test_registering_records_both_consents_with_version_and_time(wanda, settings):
    settings.LOTSE_PRIVACY_VERSION = "2027-01"
    services.volunteer_register(
        user=wanda, privacy_accepted=True, code_of_conduct_accepted=True, **profile()
    )
    consents = {c.kind: c for c in Consent.objects.filter(user=wanda)}
    assert consents["privacy"].version == "2027-01"
    assert consents["code_of_conduct"].given_at <= timezone.now()


def test_registering_without_consent_saves_nothing(wanda):
    with pytest.raises(ValidationError) as caught:
        services.volunteer_register(
            user=wanda, privacy_accepted=False, code_of_conduct_accepted=True, **profile()
        )
    assert caught.value.message_dict["privacy"] == [str(services.PRIVACY_REQUIRED)]
    assert not Volunteer.objects.filter(user=wanda).exists()
    assert not Consent.objects.filter(user=wanda).exists()


def test_a_failing_consent_write_undoes_the_sign_up(wanda, monkeypatch):
    def failing(user):
        raise IntegrityError("consent row refused")

    monkeypatch.setattr(
        consents.consent, "registered", replace(consents.consent_hooks(), signup_give=failing)
    )
    with pytest.raises(IntegrityError):
        services.volunteer_register(
            user=wanda, privacy_accepted=True, code_of_conduct_accepted=True, **profile()
        )
    assert not Volunteer.objects.filter(user=wanda).exists()


def test_it_refuses_to_sign_up_when_no_app_records_consent(wanda, monkeypatch):
    monkeypatch.setattr(consents.consent, "registered", None)
    with pytest.raises(ImproperlyConfigured):
        services.volunteer_register(
            user=wanda, privacy_accepted=True, code_of_conduct_accepted=True, **profile()
        )
    assert not Volunteer.objects.filter(user=wanda).exists()


def test_a_break_ends_in_the_future(victor):
    volunteer = victor.volunteer
    until = timezone.localdate() + dt.timedelta(days=14)
    services.volunteer_pause(volunteer=volunteer, until=until)
    assert volunteer.is_paused()
    services.volunteer_resume(volunteer=volunteer)
    assert not Volunteer.objects.get(pk=volunteer.pk).is_paused()


@pytest.mark.parametrize("days", [0, -1, 400])
def test_it_refuses_a_break_in_the_past_or_too_long(victor, days):
    with pytest.raises(ValidationError) as caught:
        services.volunteer_pause(
            volunteer=victor.volunteer, until=timezone.localdate() + dt.timedelta(days=days)
        )
    assert "paused_until" in caught.value.message_dict
    assert Volunteer.objects.get(user=victor).paused_until is None

import datetime as dt

import pytest
from django.utils import timezone

from lotse.accounts.models import User
from lotse.placements.models import Placement, State
from lotse.privacy.models import ErasureRecord, RetentionReminder
from lotse.privacy.services import (
    inactive_volunteers_anonymise,
    inactive_volunteers_remind,
    unagreed_proposals_strip,
)

from ..placements.factories import NeedFactory, make_placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def running(zenobia, facility_a1, alice):
    return make_placement(
        need=NeedFactory(facility=facility_a1, created_by=alice), volunteer=zenobia, how="active"
    )


def test_it_explains_what_a_withdrawal_closes_before_it_happens(client, zenobia, running):
    client.force_login(zenobia.user)
    page = client.get("/privacy/me/").content.decode()
    assert running.need.title in page and "wird beendet" in page


def test_withdrawing_is_one_click_and_closes_live_placements(client, zenobia, running, alice):
    client.force_login(zenobia.user)
    response = client.post("/privacy/me/consents/privacy/withdraw/")
    assert response.status_code == 302
    assert not zenobia.user.consents.filter(kind="privacy", withdrawn_at=None).exists()
    running.refresh_from_db()
    assert running.state == State.WITHDRAWN
    assert alice.notifications.filter(event="placement_withdrawn").exists()


def test_the_consent_api_withdraws_with_the_same_effects(client, zenobia, running):
    client.force_login(zenobia.user)
    assert client.delete("/api/v1/volunteers/me/consents/code_of_conduct/").status_code == 200
    running.refresh_from_db()
    assert running.state == State.WITHDRAWN


def test_it_refuses_to_withdraw_an_unknown_kind(client, zenobia):
    client.force_login(zenobia.user)
    assert client.post("/privacy/me/consents/anything/withdraw/").status_code == 404


def test_the_privacy_page_states_each_period_from_the_settings(client, settings):
    settings.LOTSE_INACTIVE_MONTHS = 17
    settings.LOTSE_UNAGREED_PROPOSAL_MONTHS = 5
    settings.LOTSE_CERTIFICATE_NO_ACTIVITY_DAYS = 23
    page = client.get("/privacy/").content.decode()
    assert "nach 17 Monaten" in page and "5 Monate nach" in page and "23 Tage" in page


def _inactive(user, months: int):
    user.last_login = timezone.now() - dt.timedelta(days=31 * months)
    user.date_joined = user.last_login
    user.save()


def test_it_reminds_an_inactive_volunteer_once_then_anonymises(settings, victor):
    settings.LOTSE_INACTIVE_MONTHS, settings.LOTSE_INACTIVE_GRACE_DAYS = 24, 30
    _inactive(victor, 25)
    assert inactive_volunteers_remind() == 1
    assert inactive_volunteers_remind() == 0
    assert victor.notifications.filter(event="account_inactive").exists()
    assert inactive_volunteers_anonymise() == 0
    later = timezone.now() + dt.timedelta(days=31)
    assert inactive_volunteers_anonymise(now=later) == 1
    assert not User.objects.filter(pk=victor.pk).exists()
    assert ErasureRecord.objects.get().reason == "inactivity"


def test_a_login_after_the_reminder_keeps_the_account(victor):
    _inactive(victor, 30)
    inactive_volunteers_remind()
    victor.last_login = timezone.now()
    victor.save()
    assert inactive_volunteers_anonymise(now=timezone.now() + dt.timedelta(days=60)) == 0
    assert User.objects.filter(pk=victor.pk).exists()


def test_it_does_not_remind_a_volunteer_with_a_running_placement(zenobia, running):
    _inactive(zenobia.user, 30)
    assert inactive_volunteers_remind() == 0
    assert not RetentionReminder.objects.exists()


def test_it_drops_the_person_from_old_proposals_that_never_became_placements(
    zenobia, facility_a1, settings
):
    settings.LOTSE_UNAGREED_PROPOSAL_MONTHS = 6
    rejected = make_placement(
        need=NeedFactory(facility=facility_a1), volunteer=zenobia, how="rejected"
    )
    Placement.objects.filter(pk=rejected.pk).update(
        closed_at=timezone.now() - dt.timedelta(days=150), message="Hallo von Zenobia"
    )
    assert unagreed_proposals_strip() == 0
    assert unagreed_proposals_strip(now=timezone.now() + dt.timedelta(days=60)) == 1
    rejected.refresh_from_db()
    assert rejected.volunteer is None and rejected.message == ""
    assert rejected.reject_reason == "distance"  # the statistics of decisions stay
    assert Placement.objects.filter(volunteer=zenobia).count() == 1  # the completed one stays

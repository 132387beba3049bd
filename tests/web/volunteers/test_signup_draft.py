"""The wizard's answers outlive the session: a draft per account, gone when finished or stale."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lotse.volunteers.models import SignupDraft
from lotse.volunteers.services import signup_drafts_expire

from .test_wizard import STEPS, _step

pytestmark = pytest.mark.django_db


def test_a_new_session_finds_the_answers_given_before(client, wanda):
    client.force_login(wanda)
    _step(client, "about", STEPS["about"])
    _step(client, "place", STEPS["place"])
    client.logout()  # the session is gone, as when it expires

    later = Client()
    later.force_login(wanda)
    page = later.get(reverse("volunteers:signup_step", kwargs={"step": "place"}))
    assert 'value="48145"' in page.content.decode()
    page = later.get(reverse("volunteers:signup_step", kwargs={"step": "about"}))
    assert 'value="Weber"' in page.content.decode()


def test_finishing_the_wizard_deletes_the_draft(client, wanda):
    client.force_login(wanda)
    for name, data in STEPS.items():
        _step(client, name, data)
    assert not SignupDraft.objects.filter(user=wanda).exists()


def test_a_step_with_errors_changes_nothing_in_the_draft(client, wanda):
    client.force_login(wanda)
    _step(client, "about", STEPS["about"])
    _step(client, "place", {**STEPS["place"], "postcode": "12"})
    assert "postcode" not in SignupDraft.objects.get(user=wanda).answers


def test_retention_deletes_drafts_left_alone_too_long(wanda, victor, settings):
    settings.LOTSE_SIGNUP_DRAFT_DAYS = 30
    SignupDraft.objects.create(user=wanda, answers={"first_name": "Wanda"})
    fresh = SignupDraft.objects.create(user=victor, answers={"first_name": "Victor"})
    SignupDraft.objects.filter(user=wanda).update(updated_at=timezone.now() - dt.timedelta(days=31))
    assert signup_drafts_expire() == 1
    assert list(SignupDraft.objects.all()) == [fresh]

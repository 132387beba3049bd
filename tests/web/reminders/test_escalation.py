"""Decisions waiting too long go to the district coordinator."""

import datetime as dt

import pytest
from django.utils import timezone

from lotse.placements.models import Placement
from lotse.reminders.jobs import decisions_escalate

from ..placements.factories import NeedFactory, make_placement
from .conftest import sent

pytestmark = pytest.mark.django_db


def waiting(need, volunteer, days):
    placement = make_placement(need=need, volunteer=volunteer, how="proposed")
    Placement.objects.filter(pk=placement.pk).update(
        created_at=timezone.now() - dt.timedelta(days=days)
    )
    return placement


def test_it_escalates_a_proposal_waiting_too_long_to_the_district_coordinator(
    settings, tomorrows_need, volunteer, dora
):
    settings.LOTSE_DECISION_ESCALATION_DAYS = 7
    waiting(tomorrows_need, volunteer, days=8)
    assert decisions_escalate() == 1
    [escalation] = sent("decision_escalated")
    assert escalation.recipient == dora
    assert (escalation.context["district"], escalation.context["waiting_days"]) == ("Nord", 8)


def test_it_escalates_once(tomorrows_need, volunteer, dora):
    waiting(tomorrows_need, volunteer, days=8)
    decisions_escalate()
    assert decisions_escalate() == 0


def test_it_leaves_younger_proposals_to_the_social_workers(tomorrows_need, volunteer, dora):
    waiting(tomorrows_need, volunteer, days=3)
    assert decisions_escalate() == 0


def test_it_does_not_tell_coordinators_of_other_districts(facility_a2, alice, volunteer, dora):
    need = NeedFactory(facility=facility_a2, created_by=alice)  # Hiltrup, not Nord
    waiting(need, volunteer, days=8)
    assert decisions_escalate() == 0

"""Decisions waiting too long remind the deciding social workers (before the escalation)."""

import datetime as dt

import pytest
from django.utils import timezone

from lotse.celery_app import app
from lotse.reminders import tasks
from lotse.reminders.jobs import decisions_remind

from ..placements.factories import make_placement
from .conftest import sent

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposal(tomorrows_need, volunteer):
    return make_placement(need=tomorrows_need, volunteer=volunteer, how="proposed")


def days_later(settings, extra: int) -> dt.datetime:
    return timezone.now() + dt.timedelta(days=settings.LOTSE_DECISION_OVERDUE_DAYS + extra)


def test_it_reminds_the_social_worker_of_a_proposal_waiting_too_long(settings, proposal, alice):
    assert decisions_remind(now=days_later(settings, 1)) == 1
    [reminder] = sent("decision_overdue")
    assert (reminder.recipient, reminder.context["placement"]) == (alice, proposal.pk)


def test_it_reminds_once(settings, proposal):
    decisions_remind(now=days_later(settings, 1))
    decisions_remind(now=days_later(settings, 2))
    assert sent("decision_overdue").count() == 1


def test_it_leaves_a_young_proposal_alone(proposal):
    assert decisions_remind() == 0


def test_the_task_keeps_the_name_beat_rows_and_queued_messages_use():
    app.loader.import_default_modules()
    task = app.tasks["lotse.placements.tasks.remind_overdue_decisions"]
    assert task.__module__ == tasks.__name__

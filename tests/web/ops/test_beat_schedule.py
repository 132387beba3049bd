"""The periodic jobs of every app are one list, settings.CELERY_BEAT_SCHEDULE, and the rows
beat installs from it (django-celery-beat's DatabaseScheduler) are exactly that list."""

import re
from pathlib import Path

import pytest
from celery.schedules import crontab, maybe_schedule
from django.conf import settings
from django_celery_beat.models import PeriodicTask
from django_celery_beat.schedulers import DatabaseScheduler

from lotse.celery_app import app

PLATFORM = Path(__file__).resolve().parents[3] / "platform"
DEFINITION = re.compile(
    r"^\s*CELERY_BEAT_SCHEDULE\s*(\|=|=|\[)|CELERY_BEAT_SCHEDULE\.update\(", re.M
)


def _describe(schedule) -> tuple:
    """A schedule as plain values (beat's row objects and the settings' differ in clock)."""
    schedule = maybe_schedule(schedule)
    if isinstance(schedule, crontab):
        fields = ("minute", "hour", "day_of_week", "day_of_month", "month_of_year")
        return ("crontab", *(getattr(schedule, f) for f in fields), str(schedule.tz))
    return ("every", schedule.run_every)


def _start_beat() -> None:
    """What beat does when it starts: copy the settings' schedule into its tables. (It closes
    old database connections as it goes, so the tests calling it run outside a transaction.)"""
    DatabaseScheduler(app=app)


def _ours():
    """Installed rows of this project (celery.* rows are celery's own housekeeping)."""
    return PeriodicTask.objects.exclude(task__startswith="celery.")


def _sources():
    return list(PLATFORM.rglob("*.py"))


def test_every_scheduled_task_exists_in_the_worker():
    app.loader.import_default_modules()
    missing = {e["task"] for e in settings.CELERY_BEAT_SCHEDULE.values()} - set(app.tasks)
    assert not missing


@pytest.mark.django_db(transaction=True)
def test_beat_installs_exactly_the_settings_schedule():
    _start_beat()
    installed = {r.name: (r.task, _describe(r.schedule)) for r in _ours().filter(enabled=True)}
    assert installed == {
        name: (entry["task"], _describe(entry["schedule"]))
        for name, entry in settings.CELERY_BEAT_SCHEDULE.items()
    }


@pytest.mark.django_db
def test_no_migration_installs_periodic_tasks_of_its_own():
    assert not _ours().exists()


@pytest.mark.django_db(transaction=True)
def test_a_restart_of_beat_installs_nothing_twice_and_keeps_a_paused_job_paused():
    _start_beat()
    _ours().filter(name="reminders-digests").update(enabled=False)
    _start_beat()
    assert _ours().count() == len(settings.CELERY_BEAT_SCHEDULE)
    assert not _ours().get(name="reminders-digests").enabled


def test_the_schedule_is_defined_once_in_the_settings():
    defined = [p.relative_to(PLATFORM) for p in _sources() if DEFINITION.search(p.read_text())]
    assert defined == [Path("lotse/settings/base.py")]
    assert len(DEFINITION.findall((PLATFORM / "lotse/settings/base.py").read_text())) == 1


def test_no_app_keeps_a_schedule_or_an_installer_of_its_own():
    assert not [p for p in _sources() if p.name == "beat.py"]
    assert not [p for p in _sources() if "PeriodicTask" in p.read_text()]

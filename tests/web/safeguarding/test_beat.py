from io import StringIO

import pytest
from django.core.management import call_command
from django_celery_beat.models import PeriodicTask

from lotse.celery_app import app
from lotse.privacy.beat import SCHEDULE as PRIVACY
from lotse.safeguarding import tasks
from lotse.safeguarding.beat import SCHEDULE as SAFEGUARDING

pytestmark = pytest.mark.django_db
ALL = {**SAFEGUARDING, **PRIVACY}


def test_migrations_register_every_retention_and_deadline_job_with_beat():
    installed = dict(PeriodicTask.objects.filter(name__in=ALL).values_list("name", "task"))
    assert installed == {name: task for name, (task, _cron) in ALL.items()}


def test_every_scheduled_task_exists_in_the_worker():
    app.loader.import_default_modules()
    for task, _cron in ALL.values():
        assert task in app.tasks


def test_setup_beat_restores_the_schedule_once():
    PeriodicTask.objects.filter(name__in=ALL).delete()
    call_command("setup_beat", stdout=StringIO())
    call_command("setup_beat", stdout=StringIO())
    assert PeriodicTask.objects.filter(name__in=ALL).count() == len(ALL)


def test_the_daily_job_runs_the_purge_service(concern):
    assert tasks.purge_safeguarding_records.delay().get() == {"concerns": 0, "access_log": 0}
    assert tasks.escalate_overdue_concerns.delay().get() == 0

"""Re-apply the periodic tasks of the safeguarding and privacy apps (after a beat table was
emptied, or to restore edited schedules); the migrations install them on `migrate`."""

from django.conf import settings
from django.core.management.base import BaseCommand
from django_celery_beat.models import CrontabSchedule, PeriodicTask

from lotse.privacy.beat import SCHEDULE as PRIVACY
from lotse.safeguarding.beat import SCHEDULE as SAFEGUARDING
from lotse.safeguarding.beat import install


class Command(BaseCommand):
    help = "Install the safeguarding and privacy periodic tasks in django-celery-beat."

    def handle(self, *args, **options):
        count = install(
            PeriodicTask, CrontabSchedule, {**SAFEGUARDING, **PRIVACY}, settings.TIME_ZONE
        )
        self.stdout.write(f"{count} periodic tasks installed")

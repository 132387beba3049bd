from django.conf import settings
from django.db import migrations


def install_schedule(apps, schema_editor):
    from lotse.privacy.beat import SCHEDULE
    from lotse.safeguarding.beat import install

    install(
        apps.get_model("django_celery_beat", "PeriodicTask"),
        apps.get_model("django_celery_beat", "CrontabSchedule"),
        SCHEDULE,
        settings.TIME_ZONE,
    )


def remove_schedule(apps, schema_editor):
    from lotse.privacy.beat import SCHEDULE

    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name__in=list(SCHEDULE)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
        ("safeguarding", "0002_beat_schedule"),
        ("django_celery_beat", "0018_improve_crontab_helptext"),
    ]

    operations = [migrations.RunPython(install_schedule, remove_schedule)]

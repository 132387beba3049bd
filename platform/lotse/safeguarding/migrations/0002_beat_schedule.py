from django.conf import settings
from django.db import migrations


def install_schedule(apps, schema_editor):
    from lotse.safeguarding.beat import SCHEDULE, install

    install(
        apps.get_model("django_celery_beat", "PeriodicTask"),
        apps.get_model("django_celery_beat", "CrontabSchedule"),
        SCHEDULE,
        settings.TIME_ZONE,
    )


def remove_schedule(apps, schema_editor):
    from lotse.safeguarding.beat import SCHEDULE

    apps.get_model("django_celery_beat", "PeriodicTask").objects.filter(
        name__in=list(SCHEDULE)
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("safeguarding", "0001_initial"),
        ("django_celery_beat", "0018_improve_crontab_helptext"),
    ]

    operations = [migrations.RunPython(install_schedule, remove_schedule)]

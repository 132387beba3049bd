from django.db import migrations

# This migration once wrote the app's periodic task into django-celery-beat's tables. It is now
# an entry of settings.CELERY_BEAT_SCHEDULE (same name), which beat installs when it starts; a
# migration must not import app code that changes, so it does nothing any more. It stays
# because later migrations depend on it.


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0001_initial"),
        ("safeguarding", "0002_beat_schedule"),
        ("django_celery_beat", "0018_improve_crontab_helptext"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]

from django.db import migrations

# This migration once wrote the app's periodic tasks into django-celery-beat's tables. They
# are now entries of settings.CELERY_BEAT_SCHEDULE (same names), which beat installs when it
# starts; a migration must not import app code that changes, so it does nothing any more. It
# stays because later migrations depend on it.


class Migration(migrations.Migration):
    dependencies = [
        ("safeguarding", "0001_initial"),
        ("django_celery_beat", "0018_improve_crontab_helptext"),
    ]

    operations = [migrations.RunPython(migrations.RunPython.noop, migrations.RunPython.noop)]

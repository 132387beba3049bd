"""Beat job (scheduled in settings CELERY_BEAT_SCHEDULE): expired sessions leave the database."""

from importlib import import_module

from celery import shared_task
from django.conf import settings


@shared_task(name="core.sessions_clear_expired", soft_time_limit=300, time_limit=400)
def sessions_clear_expired() -> None:
    # Django keeps expired rows until asked (`manage.py clearsessions`); their cached copies
    # have expired already.
    import_module(settings.SESSION_ENGINE).SessionStore.clear_expired()

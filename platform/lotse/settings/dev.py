"""Local development and the embedded demo (`make run`): SQLite, eager Celery, console mail."""

from .base import *  # noqa: F403
from .base import DATA_DIR, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
DATA_DIR.mkdir(parents=True, exist_ok=True)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Demo mail: without EMAIL_URL, e-mails go to the console and to the demo mailbox page
# (/demo/mailbox/), where a newcomer finds her confirmation link. Never in production.
if not env("EMAIL_URL", default=""):
    EMAIL_BACKEND = "lotse.web.mailbox.DemoMailboxBackend"

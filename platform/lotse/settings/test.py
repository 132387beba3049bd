"""Settings for the test suite: fast hashing, mail kept in memory, strict templates."""

from .base import *  # noqa: F403
from .base import DATABASES, TEMPLATES, env

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
TEMPLATES[0]["OPTIONS"]["string_if_invalid"] = "INVALID<%s>"
# Tests decide themselves when a broker is used; by default tasks run in-process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=None)
CELERY_TASK_ALWAYS_EAGER = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
ACCOUNT_RATE_LIMITS = False
# Tests change the stamps themselves and look at once; a test transaction is invisible to a
# background thread's connection.
LOTSE_MATCHING_SYNC_SECONDS = 0.0
LOTSE_MATCHING_REBUILD_IN_BACKGROUND = False
LOTSE_STAMP_CHECK_SECONDS = 3600.0  # query budgets must not depend on the clock
# A notification template that lacks a variable fails the test that caused it.
NOTIFICATIONS_STRICT_TEMPLATES = True

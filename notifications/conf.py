"""The app's settings, each with a default, read at call time (tests override them)."""

import datetime as dt

from django.conf import settings


def _get(name: str, default):
    return getattr(settings, name, default)


def max_attempts() -> int:
    """Delivery attempts before a notification is marked failed (never retried forever)."""
    return _get("NOTIFICATIONS_MAX_ATTEMPTS", 8)


def retry_base_seconds() -> float:
    return _get("NOTIFICATIONS_RETRY_BASE_SECONDS", 30.0)


def retry_max_seconds() -> float:
    # Must stay well below the broker's visibility timeout (Celery's Redis caveat).
    return _get("NOTIFICATIONS_RETRY_MAX_SECONDS", 900.0)


def sweep_after() -> dt.timedelta:
    """How long a row may wait for its task before the sweeper publishes it again."""
    return dt.timedelta(seconds=_get("NOTIFICATIONS_SWEEP_AFTER_SECONDS", 300))


def give_up_after() -> dt.timedelta:
    """A row still pending this long after it was written is marked failed."""
    return dt.timedelta(hours=_get("NOTIFICATIONS_GIVE_UP_AFTER_HOURS", 72))


def retention() -> dt.timedelta:
    return dt.timedelta(days=_get("NOTIFICATIONS_RETENTION_DAYS", 365))


def broker_pause_seconds() -> float:
    """After a failed publish, skip publishing for this long (the sweeper catches up)."""
    return _get("NOTIFICATIONS_BROKER_PAUSE_SECONDS", 10.0)


def strict_templates() -> bool:
    """Missing template variables raise (tests) instead of falling back (production)."""
    return _get("NOTIFICATIONS_STRICT_TEMPLATES", settings.DEBUG)


def site_url() -> str:
    return _get("NOTIFICATIONS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")


def smtp_timeout() -> float:
    return _get("NOTIFICATIONS_SMTP_TIMEOUT_SECONDS", 20.0)


def sms_backend() -> str:
    return _get("NOTIFICATIONS_SMS_BACKEND", "notifications.channels.sms.LoggingSmsBackend")


def subject_prefix() -> str:
    return _get("NOTIFICATIONS_SUBJECT_PREFIX", "[Lotse] ")


def language_parameter() -> str:
    """The query parameter that opens a linked page in the message's language ("" : none)."""
    return _get("NOTIFICATIONS_LANGUAGE_PARAMETER", "")


def default_language() -> str:
    return _get("LANGUAGE_CODE", "de")

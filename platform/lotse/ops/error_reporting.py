"""Optional error reporting to a Sentry-compatible server (Sentry, GlitchTip), off by default.

Turned on by SENTRY_DSN. `sentry-sdk` is not a dependency: install it on the servers that
report (`pip install sentry-sdk`). Nothing personal leaves the installation: no user data,
no request bodies, no local variables of stack frames (they may hold a volunteer's details).
"""

import logging

from django.conf import settings

logger = logging.getLogger(__name__)

MISSING_SDK = "SENTRY_DSN is set but sentry-sdk is not installed: errors are not reported."


def sentry_options() -> dict:
    return {
        "dsn": settings.SENTRY_DSN,
        "environment": settings.SENTRY_ENVIRONMENT,
        "release": settings.SENTRY_RELEASE or None,
        "send_default_pii": False,
        "include_local_variables": False,
        "max_request_body_size": "never",
        "traces_sample_rate": settings.SENTRY_TRACES_SAMPLE_RATE,
    }


def init_error_reporting() -> bool:
    """Start the SDK if a DSN is configured; True when reporting is on."""
    if not settings.SENTRY_DSN:
        return False
    try:
        import sentry_sdk
    except ImportError:
        logger.warning(MISSING_SDK)
        return False
    # The SDK finds its Django, Celery and logging integrations by itself.
    sentry_sdk.init(**sentry_options())
    return True

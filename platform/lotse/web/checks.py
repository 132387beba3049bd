"""Deployment checks of our own (run by `manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


@register(Tags.caches, deploy=True)
def shared_cache_in_production(app_configs, **kwargs):
    """Rate limits, TOTP replay protection and the matching pool's version need one cache."""
    backend = settings.CACHES["default"]["BACKEND"]
    if backend in LOCAL_CACHES:
        return [
            Warning(
                "The default cache is local to each process.",
                hint="Set CACHE_URL to a shared cache, e.g. rediscache://127.0.0.1:6379/1, so "
                "rate limits, TOTP replay protection and the matching pool's version are "
                "shared by every web process.",
                id="lotse.W001",
            )
        ]
    return []

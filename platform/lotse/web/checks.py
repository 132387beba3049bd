"""Deployment checks of our own (run by `manage.py check --deploy`)."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register
from django.db import DatabaseError

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


@register(Tags.security, deploy=True)
def no_demo_accounts_in_production(app_configs, **kwargs):
    """Demo accounts share a public password and TOTP secrets printed in the source."""
    from lotse.accounts.models import User

    DEMO_DOMAIN = settings.LOTSE_DEMO_DOMAIN
    if not settings.LOTSE_PRODUCTION:
        return []
    try:
        found = User.objects.filter(email__iendswith="@" + DEMO_DOMAIN).count()
    except DatabaseError:  # no database yet (a first check before migrate): nothing to find
        return []
    if not found:
        return []
    return [
        Error(
            f"{found} demo account(s) (@{DEMO_DOMAIN}) exist on a production installation.",
            hint="Their password and two-factor secrets are public. Delete them "
            f"(admin, or User.objects.filter(email__iendswith='@{DEMO_DOMAIN}').delete()).",
            id="lotse.E002",
        )
    ]


@register(Tags.security, deploy=True)
def mfa_keys_in_production(app_configs, **kwargs):
    """Second-factor secrets should not depend on SECRET_KEY alone (rotating one breaks both)."""
    if settings.LOTSE_PRODUCTION and not settings.LOTSE_MFA_KEYS:
        return [
            Warning(
                "LOTSE_MFA_KEYS is not set: two-factor secrets are encrypted with a key derived "
                "from DJANGO_SECRET_KEY.",
                hint="Set LOTSE_MFA_KEYS to a Fernet key (python -c 'from cryptography.fernet "
                "import Fernet; print(Fernet.generate_key().decode())'), then run "
                "`manage.py mfa_reencrypt`.",
                id="lotse.W003",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def operator_named(app_configs, **kwargs):
    """A public service names who runs it: imprint (§ 5 DDG) and controller (GDPR Art. 13)."""
    from lotse.core.operator import FILE_NAME, city_operator

    if city_operator() is None:
        return [
            Warning(
                f"The city data has no readable {FILE_NAME}: the imprint page and the privacy "
                "notice cannot name who runs this service.",
                hint=f"Add {FILE_NAME} to LOTSE_CITY_DIR (docs/city-data.md#operator).",
                id="lotse.W010",
            )
        ]
    return []

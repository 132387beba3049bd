"""System checks: a metrics setting that cannot work is refused at start, not at the scrape."""

import ipaddress

from django.conf import settings
from django.core.checks import Error, Warning, register

MIN_TOKEN_LENGTH = 24


@register()
def metrics_settings(app_configs=None, **kwargs):
    problems = []
    for net in settings.LOTSE_METRICS_ALLOWED_IPS:
        try:
            ipaddress.ip_network(net, strict=False)
        except ValueError:
            problems.append(
                Error(
                    f"LOTSE_METRICS_ALLOWED_IPS: {net!r} is not an IP address or network.",
                    id="ops.E001",
                )
            )
    token = settings.LOTSE_METRICS_TOKEN
    if token and len(token) < MIN_TOKEN_LENGTH:
        problems.append(
            Warning(
                f"LOTSE_METRICS_TOKEN is shorter than {MIN_TOKEN_LENGTH} characters.",
                hint="Use e.g. `python -c 'import secrets; print(secrets.token_urlsafe(32))'`.",
                id="ops.W001",
            )
        )
    return problems

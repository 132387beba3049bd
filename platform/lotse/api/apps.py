from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    """The HTTP API's plumbing that every app's API views share: problem details, lists and
    pages, strict JSON, query checks, rate-limit headers, ETags, Idempotency-Key, the schema."""

    name = "lotse.api"
    label = "api"
    verbose_name = _("HTTP API")

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OpsConfig(AppConfig):
    name = "lotse.ops"
    label = "ops"
    verbose_name = _("Operations")

    def ready(self) -> None:
        from . import checks, error_reporting, requestid  # noqa: F401 - checks register themselves

        requestid.connect_request_signals()
        requestid.connect_celery_signals()
        error_reporting.init_error_reporting()

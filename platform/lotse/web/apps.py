from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebConfig(AppConfig):
    name = "lotse.web"
    label = "web"
    verbose_name = _("Web pages")

    def ready(self) -> None:
        from . import checks  # noqa: F401  (registers the deployment checks)

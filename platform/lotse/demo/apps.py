from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo, load-test and benchmark data: the top layer, never installed in production."""

    name = "lotse.demo"
    label = "demo"
    verbose_name = _("Demo data")

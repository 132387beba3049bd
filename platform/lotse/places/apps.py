from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacesConfig(AppConfig):
    name = "lotse.places"
    label = "places"
    verbose_name = _("Organisations and places")

    def ready(self):
        from . import receivers  # noqa: F401

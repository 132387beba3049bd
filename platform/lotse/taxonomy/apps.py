from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "lotse.taxonomy"
    label = "taxonomy"
    verbose_name = _("Skills and languages")

    def ready(self):
        from . import receivers  # noqa: F401

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "lotse.placements"
    label = "placements"
    verbose_name = _("Placements")

    def ready(self) -> None:
        # The apps below learn from this one through their hooks and signals, never imports.
        from lotse.volunteers.selectors import contact_rule

        from . import receivers  # noqa: F401  (a cancelled need winds down its placements)
        from .selectors import contact_released_by_placement

        contact_rule.register(contact_released_by_placement)

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafeguardingConfig(AppConfig):
    name = "lotse.safeguarding"
    label = "safeguarding"
    verbose_name = _("Safeguarding")

    def ready(self) -> None:
        # The placements app asks this one through its hook, never an import (it sits below).
        from lotse.placements.gates import open_concern_check, open_concerns

        from .selectors import concerns_suspending_placements, volunteer_has_open_concern

        open_concern_check.register(volunteer_has_open_concern)
        open_concerns.register(concerns_suspending_placements)

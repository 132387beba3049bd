from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SafeguardingConfig(AppConfig):
    name = "lotse.safeguarding"
    label = "safeguarding"
    verbose_name = _("Safeguarding")

    def ready(self) -> None:
        # The placements app asks this one through its hook, never an import (it sits below).
        from lotse.placements.gates import open_concern_check, open_concern_volunteers

        from .selectors import volunteer_has_open_concern, volunteers_with_open_concern

        open_concern_check.register(volunteer_has_open_concern)
        open_concern_volunteers.register(volunteers_with_open_concern)

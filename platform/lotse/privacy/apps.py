from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "lotse.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from notifications.events import register_event

        register_event(
            "account_inactive",
            label=_("My account will be anonymised because it is not used"),
            audience=("volunteer",),
            example={"erase_after": "2027-01-31", "url": "/accounts/login/"},
        )

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "lotse.privacy"
    label = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from lotse.volunteers.consents import ConsentHooks, consent
        from notifications.events import register_event

        # signals: a consent given or withdrawn reaches the matching pool.
        from . import selectors, services, signals  # noqa: F401

        register_event(
            "account_inactive",
            label=_("My account will be anonymised because it is not used"),
            audience=("volunteer",),
            example={"erase_after": "2027-01-31", "url": "/accounts/login/"},
        )
        consent.register(
            ConsentHooks(
                signup_give=services.consents_give_at_signup,
                code_of_conduct_give=services.code_of_conduct_give,
                code_of_conduct_standing=selectors.code_of_conduct_standing,
                privacy_withdrawn=selectors.privacy_withdrawn,
                states=selectors.consent_states,
                history=selectors.consent_history,
            )
        )

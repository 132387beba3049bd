from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "lotse.matchmaking"
    label = "matchmaking"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from . import signals  # noqa: F401  (keeps the in-process pool fresh)

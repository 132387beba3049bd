from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "lotse.core"
    label = "core"
    verbose_name = _("Access log")  # the app holds the access log; the admin shows this heading

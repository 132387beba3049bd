from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DashboardConfig(AppConfig):
    name = "lotse.dashboard"
    label = "dashboard"
    verbose_name = _("Dashboard and transparency report")

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from lotse.ops import hooks

        from .sql import register_sqlite_functions
        from .supply import supply_current

        # SQLite has no median: give every new connection one (PostgreSQL has percentile_cont).
        connection_created.connect(register_sqlite_functions, dispatch_uid="dashboard-sqlite")
        # gunicorn's master builds the supply snapshot once before forking (after the pool).
        hooks.register_warmup("dashboard supply", supply_current)

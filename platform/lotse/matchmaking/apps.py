from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchmakingConfig(AppConfig):
    name = "lotse.matchmaking"
    label = "matchmaking"
    verbose_name = _("Matching")

    def ready(self) -> None:
        from lotse.ops import hooks
        from lotse.placements.decisions import pair_scorer
        from lotse.volunteers.selectors import reach_index

        from . import (
            need_cache,
            pool_cache,
            signals,  # noqa: F401  (keeps the in-process pool fresh)
        )
        from .selectors import pair_components

        pair_scorer.register(pair_components)  # decisions store the components of their pair
        reach_index.register(pool_cache.ids_within_reach)  # the scope rule's fast path
        # gunicorn's master builds both once before forking; /metrics reports the pool.
        hooks.register_warmup("matching pool", pool_cache.pool_rebuild)
        hooks.register_warmup("open needs", need_cache.open_need_table)
        hooks.register_pool_stats(pool_cache.pool_stats)

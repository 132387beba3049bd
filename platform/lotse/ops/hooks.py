"""What the apps above ops lend it at start-up, registered in their AppConfig.ready(): the
per-process caches gunicorn's master warms before forking and the matching pool's figures
for the metrics. ops thereby imports no app above it (docs/architecture.md)."""

from collections.abc import Callable

Warmup = Callable[[], object]
PoolStats = Callable[[], dict]

_warmups: dict[str, Warmup] = {}
_pool_stats: list[PoolStats] = []


class HookMissing(RuntimeError):
    """Asked for a hook no app registered: an app's ready() lost its registration."""


def register_warmup(name: str, build: Warmup) -> None:
    """`build` fills one per-process cache; the master runs them in the order registered (a
    name registered again keeps its place)."""
    _warmups[name] = build


def warmups() -> dict[str, Warmup]:
    if not _warmups:
        raise HookMissing("no app registered a per-process cache to warm (register_warmup)")
    return dict(_warmups)


def register_pool_stats(read: PoolStats) -> None:
    """`read` answers this process's pool figures: volunteers, bytes, build_seconds."""
    _pool_stats[:] = [read]


def pool_stats() -> dict:
    if not _pool_stats:
        raise HookMissing("no app registered the matching pool's figures (register_pool_stats)")
    return _pool_stats[0]()

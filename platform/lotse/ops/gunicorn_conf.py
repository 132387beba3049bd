"""gunicorn settings: `gunicorn -c python:lotse.ops.gunicorn_conf lotse.wsgi`.

- The app is loaded once in the master (`preload_app`) and the matching pool is built there
  before the workers fork: its numpy arrays are then shared copy-on-write by every worker
  instead of being built and held once per worker (docs/deployment.md has the figures).
- Metrics of all workers are added up through files in PROMETHEUS_MULTIPROC_DIR, emptied at
  start; a worker that exits is marked dead so its gauges disappear.
- No access log: the request middleware writes one line per request, with the request id.
Every value can be overridden on the command line or with GUNICORN_* variables below.
"""

import gc
import os
import pathlib

from lotse.ops import hooks
from lotse.ops.logs import logging_config

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1) + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 30
keepalive = 5
# Recycle workers now and then so that slow growth (caches, fragmentation) cannot pile up.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "5000"))
max_requests_jitter = max_requests // 10
# Only the reverse proxy may say which scheme/client a request came from.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
accesslog = None
errorlog = "-"
logconfig_dict = {
    **logging_config(
        fmt=os.environ.get("LOTSE_LOG_FORMAT", "json"),
        level=os.environ.get("LOTSE_LOG_LEVEL", "INFO"),
    ),
    "loggers": {"gunicorn.error": {"level": "INFO", "handlers": [], "propagate": True}},
}


def on_starting(server) -> None:
    """Forget the metrics of an earlier run: counters must start from zero."""
    directory = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if directory:
        path = pathlib.Path(directory)
        path.mkdir(parents=True, exist_ok=True)
        for stale in path.glob("*.db"):
            stale.unlink()


def when_ready(server) -> None:
    """Build the per-process caches the apps registered (lotse.ops.hooks: the matching pool,
    the open needs' table, the dashboard's supply snapshot) in the master, once, so that the
    workers share them (each then syncs only what changed)."""
    if not preload_app or os.environ.get("LOTSE_PREBUILD_POOL", "1") != "1":
        return
    from django.db import connections

    builds = hooks.warmups()
    try:
        for build in builds.values():
            build()
    except Exception as exc:  # e.g. the database is still down: the site must come up anyway
        server.log.warning("matching pool not built in the master (%s); workers build it", exc)
        connections.close_all()
        return
    stats = hooks.pool_stats()
    server.log.info(
        "matching pool built in the master: %s volunteers, %.1f MB, %.2f s",
        stats["volunteers"],
        stats["bytes"] / 1e6,
        stats["build_seconds"],
    )
    connections.close_all()  # a forked worker must open its own database connection
    # Keep the collector from writing to every object the workers inherited (which would
    # copy the shared pages into each worker).
    gc.collect()
    gc.freeze()


def child_exit(server, worker) -> None:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)

"""Readiness: can this process reach the database, the cache and the broker right now?

Each part is checked in its own short-lived thread with its own timeout, and the whole check
waits at most LOTSE_READY_TIMEOUT_SECONDS, so a probe never hangs on a dead service. The
answer names the part that failed; details go to the log, not to the (public) response.
"""

import logging
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.db import connections

logger = logging.getLogger(__name__)

OK = "ok"
SKIPPED = "skipped"  # no broker configured: tasks run in-process (demo only)
TIMEOUT = "timeout"
CACHE_PROBE_KEY = "lotse:ops:ready"


@dataclass(frozen=True)
class Readiness:
    checks: dict[str, str]

    @property
    def ready(self) -> bool:
        return all(state in (OK, SKIPPED) for state in self.checks.values())


def check_database() -> str:
    connection = connections["default"]
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    finally:
        connection.close()  # this thread is about to end; do not leak its connection
    return OK


def check_cache() -> str:
    cache = caches["default"]
    token = uuid.uuid4().hex
    cache.set(CACHE_PROBE_KEY, token, timeout=30)
    if cache.get(CACHE_PROBE_KEY) != token:
        raise RuntimeError("the cache did not return what was just written")
    return OK


def check_broker() -> str:
    url = settings.CELERY_BROKER_URL
    if not url:
        return SKIPPED
    from kombu import Connection

    timeout = settings.LOTSE_READY_TIMEOUT_SECONDS
    options = {"socket_timeout": timeout, "socket_connect_timeout": timeout}
    with Connection(url, connect_timeout=timeout, transport_options=options) as conn:
        conn.ensure_connection(max_retries=0, timeout=timeout)
        client = getattr(conn.default_channel, "client", None)
        if client is not None and hasattr(client, "ping"):
            client.ping()  # Redis: the connection is lazy, a round trip proves it
    return OK


CHECKS: dict[str, Callable[[], str]] = {
    "database": check_database,
    "cache": check_cache,
    "broker": check_broker,
}


def _run(name: str, check: Callable[[], str], results: dict[str, str]) -> None:
    try:
        results[name] = check()
    except Exception as exc:  # any failure means "not ready"; the reason goes to the log
        logger.warning("readiness: %s failed: %s", name, exc, exc_info=True)
        results[name] = f"failed ({type(exc).__name__})"


def readiness() -> Readiness:
    """Run every check in parallel; a check still running at the deadline is a timeout."""
    results: dict[str, str] = {}
    threads = [
        threading.Thread(target=_run, args=(name, check, results), daemon=True)
        for name, check in CHECKS.items()
    ]
    for thread in threads:
        thread.start()
    deadline = time.monotonic() + settings.LOTSE_READY_TIMEOUT_SECONDS
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    return Readiness({name: results.get(name, TIMEOUT) for name in CHECKS})

"""The metrics this process records (prometheus_client; multi-process safe under gunicorn).

With PROMETHEUS_MULTIPROC_DIR set (production, see docs/deployment.md) every gunicorn worker
writes its samples to files there and `/metrics` adds them up; without it (development, tests)
they live in this process. Apps may import this module; it imports no app (the pool's
figures come through lotse.ops.hooks).
"""

import contextlib
import os
import time

from prometheus_client import Counter, Gauge, Histogram

from . import hooks

# A process started with PROMETHEUS_MULTIPROC_DIR writes its samples there from the first
# metric on; a missing directory must not stop it from starting.
if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
    os.makedirs(os.environ["PROMETHEUS_MULTIPROC_DIR"], exist_ok=True)

# Buckets around the targets: p95 ≤ 150 ms for candidates, ≤ 300 ms for everything.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.5, 1, 2.5, 5, 10)
RANKING_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)

REQUESTS = Counter(
    "lotse_http_requests", "HTTP requests answered, by view, method and status.",
    ["view", "method", "status"],
)  # fmt: skip
LATENCY = Histogram(
    "lotse_http_request_duration_seconds", "Time from the first middleware to the response.",
    ["view"], buckets=LATENCY_BUCKETS,
)  # fmt: skip
RANKING = Histogram(
    "lotse_matching_rank_seconds", "Time the engine took to rank (candidates or opportunities).",
    ["kind"], buckets=RANKING_BUCKETS,
)  # fmt: skip
# One series per live worker process (label pid): each holds its own pool.
POOL_VOLUNTEERS = Gauge(
    "lotse_matching_pool_volunteers", "Volunteers in this process's matching pool.",
    multiprocess_mode="liveall",
)  # fmt: skip
POOL_BYTES = Gauge(
    "lotse_matching_pool_bytes", "Bytes of the arrays of this process's matching pool.",
    multiprocess_mode="liveall",
)  # fmt: skip
POOL_BUILD_SECONDS = Gauge(
    "lotse_matching_pool_build_seconds", "How long this process's last pool build took.",
    multiprocess_mode="liveall",
)  # fmt: skip

POOL_SAMPLE_EVERY_SECONDS = 15.0
_last_pool_sample = [float("-inf")]


def observe_request(*, view: str, method: str, status: int, seconds: float) -> None:
    REQUESTS.labels(view=view, method=method, status=str(status)).inc()
    LATENCY.labels(view=view).observe(seconds)
    if time.monotonic() - _last_pool_sample[0] >= POOL_SAMPLE_EVERY_SECONDS:
        sample_pool()


@contextlib.contextmanager
def ranking_timer(kind: str):
    """Time one ranking: `with ranking_timer("candidates"): rank_candidates(...)`."""
    started = time.perf_counter()
    try:
        yield
    finally:
        RANKING.labels(kind=kind).observe(time.perf_counter() - started)


def sample_pool() -> None:
    """Copy this process's pool figures into the gauges (cheap: no query, no rebuild)."""
    _last_pool_sample[0] = time.monotonic()
    stats = hooks.pool_stats()
    POOL_VOLUNTEERS.set(stats["volunteers"])
    POOL_BYTES.set(stats["bytes"])
    POOL_BUILD_SECONDS.set(stats["build_seconds"])

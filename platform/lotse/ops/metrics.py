"""`/metrics` in the Prometheus text format: who may read it, and the figures read at scrape time.

Counters and histograms come from `instruments` (added up over all gunicorn workers when
PROMETHEUS_MULTIPROC_DIR is set). Queue length, outbox backlog and the age of the oldest
pending notification are read from Redis and the database when scraped; a part that cannot
be read shows up as `lotse_metrics_scrape_error{part=…} 1` instead of failing the scrape.
"""

import hmac
import ipaddress
import logging
import os

from django.conf import settings
from django.db.models import Count, Min
from django.utils import timezone
from prometheus_client import REGISTRY, CollectorRegistry, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import Collector

from notifications.models import Notification

from . import instruments

logger = logging.getLogger(__name__)

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
# Kombu's Redis transport keeps one list per priority step; the default step has the plain name.
PRIORITY_SEPARATOR = "\x06\x16"
PRIORITY_STEPS = (3, 6, 9)


def metrics_access(request) -> str:
    """'ok', 'forbidden', or 'disabled' (neither a token nor an allowed network is configured)."""
    token = settings.LOTSE_METRICS_TOKEN
    networks = settings.LOTSE_METRICS_ALLOWED_IPS
    if not token and not networks:
        return "disabled"
    if token:
        given = request.headers.get("Authorization", "")
        if hmac.compare_digest(given.encode(), f"Bearer {token}".encode()):
            return "ok"
    if networks and _address_allowed(request.META.get("REMOTE_ADDR", ""), networks):
        return "ok"
    return "forbidden"


def _address_allowed(address: str, networks: list[str]) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(ip in ipaddress.ip_network(net, strict=False) for net in networks)


def queue_lengths(broker_url: str, queues: list[str]) -> dict[str, int]:
    """Messages waiting in each Celery queue on a Redis broker (all priority lists added up)."""
    import redis

    timeout = settings.LOTSE_READY_TIMEOUT_SECONDS
    client = redis.Redis.from_url(
        broker_url, socket_timeout=timeout, socket_connect_timeout=timeout
    )
    try:
        pipe = client.pipeline()
        for queue in queues:
            pipe.llen(queue)
            for step in PRIORITY_STEPS:
                pipe.llen(f"{queue}{PRIORITY_SEPARATOR}{step}")
        counts = pipe.execute()
    finally:
        client.close()
    per_queue = 1 + len(PRIORITY_STEPS)
    return {q: sum(counts[i * per_queue : (i + 1) * per_queue]) for i, q in enumerate(queues)}


def outbox_backlog() -> tuple[dict[str, int], float | None]:
    """Notifications per status, and the age in seconds of the oldest pending one."""
    by_status = dict.fromkeys(Notification.Status.values, 0)
    for row in Notification.objects.order_by().values("status").annotate(n=Count("pk")):
        by_status[row["status"]] = row["n"]
    oldest = Notification.objects.filter(status=Notification.Status.PENDING).aggregate(
        oldest=Min("created_at")
    )["oldest"]
    age = (timezone.now() - oldest).total_seconds() if oldest else None
    return by_status, age


class LiveCollector(Collector):
    """Figures that are read when scraped, not counted as they happen."""

    def collect(self):
        errors = GaugeMetricFamily(
            "lotse_metrics_scrape_error", "1 if a part of the metrics could not be read.",
            labels=["part"],
        )  # fmt: skip
        yield from self._queues(errors)
        yield from self._outbox(errors)
        yield errors

    def _queues(self, errors):
        url = settings.CELERY_BROKER_URL or ""
        if not url.startswith(("redis://", "rediss://")):
            return
        family = GaugeMetricFamily(
            "lotse_celery_queue_length", "Tasks waiting in a Celery queue.", labels=["queue"]
        )
        try:
            for queue, length in queue_lengths(url, settings.LOTSE_METRICS_QUEUES).items():
                family.add_metric([queue], length)
        except Exception as exc:  # a scrape must not fail because Redis is down
            logger.warning("metrics: cannot read queue lengths: %s", exc)
            errors.add_metric(["celery_queue"], 1)
            return
        errors.add_metric(["celery_queue"], 0)
        yield family

    def _outbox(self, errors):
        try:
            by_status, oldest_age = outbox_backlog()
        except Exception as exc:  # e.g. the database is down: report it, answer anyway
            logger.warning("metrics: cannot read the notification outbox: %s", exc)
            errors.add_metric(["outbox"], 1)
            return
        errors.add_metric(["outbox"], 0)
        family = GaugeMetricFamily(
            "lotse_notifications", "Notifications in the outbox by status.", labels=["status"]
        )
        for status, count in by_status.items():
            family.add_metric([status], count)
        yield family
        yield GaugeMetricFamily(
            "lotse_notifications_oldest_pending_seconds",
            "Age of the oldest notification still waiting to be delivered (0 if none).",
            value=oldest_age or 0.0,
        )


class _ThisProcess(Collector):
    """The process's own registry, for when there is no multi-process directory."""

    def collect(self):
        return REGISTRY.collect()


def render_metrics() -> bytes:
    instruments.sample_pool()
    registry = CollectorRegistry(auto_describe=False)
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(_ThisProcess())
    registry.register(LiveCollector())
    return generate_latest(registry)

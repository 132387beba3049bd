"""/metrics: access by token or network, request counts and latencies, queues, outbox, pool."""

import datetime as dt
import os
import subprocess
import sys
from pathlib import Path

import pytest
import redis
from django.core.checks import Error
from django.utils import timezone

from lotse.matchmaking.pool_cache import pool_rebuild
from lotse.ops.checks import metrics_settings
from lotse.ops.metrics import PRIORITY_SEPARATOR
from notifications.models import Notification

from .conftest import sample

HERE = Path(__file__).resolve()


def scrape(client, headers) -> str:
    response = client.get("/metrics", **headers)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    return response.content.decode()


def test_it_does_not_exist_until_a_token_or_network_is_configured(client):
    assert client.get("/metrics").status_code == 404


def test_it_refuses_a_wrong_token(client, metrics_token):
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer not-the-token")
    assert response.status_code == 403
    assert b"lotse_" not in response.content


def test_it_refuses_a_request_without_a_token(client, metrics_token):
    assert client.get("/metrics").status_code == 403


def test_it_answers_with_the_token(client, metrics_token):
    assert "lotse_http_requests_total" in scrape(client, metrics_token)


def test_it_answers_a_scraper_from_an_allowed_network(client, settings):
    settings.LOTSE_METRICS_ALLOWED_IPS = ["127.0.0.0/8"]
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 200


def test_it_refuses_a_scraper_from_another_network(client, settings):
    settings.LOTSE_METRICS_ALLOWED_IPS = ["10.20.0.0/16"]
    assert client.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 403


def test_it_refuses_a_malformed_network_at_start(settings):
    settings.LOTSE_METRICS_ALLOWED_IPS = ["10.20.0.0/33"]
    [problem] = metrics_settings()
    assert isinstance(problem, Error) and problem.id == "ops.E001"


def test_it_warns_about_a_short_token(settings):
    settings.LOTSE_METRICS_TOKEN = "short"
    assert [p.id for p in metrics_settings()] == ["ops.W001"]


def test_it_counts_requests_by_view_method_and_status(client):
    labels = {"view": "ops:healthz", "method": "GET", "status": "200"}
    before = sample("lotse_http_requests_total", **labels)
    missing = sample("lotse_http_requests_total", view="unmatched", method="GET", status="404")
    client.get("/healthz")
    client.get("/no-such-page/")
    assert sample("lotse_http_requests_total", **labels) == before + 1
    assert (
        sample("lotse_http_requests_total", view="unmatched", method="GET", status="404")
        == missing + 1
    )


def test_it_times_requests_per_view(client):
    before = sample("lotse_http_request_duration_seconds_count", view="ops:readyz")
    client.get("/readyz")
    assert sample("lotse_http_request_duration_seconds_count", view="ops:readyz") == before + 1


def test_it_reports_the_outbox_backlog_by_status(client, metrics_token, victor):
    old = timezone.now() - dt.timedelta(minutes=10)
    Notification.objects.bulk_create(
        [
            Notification(recipient=victor, event="x", dedupe_key=f"k{i}", status=status)
            for i, status in enumerate(["pending", "pending", "failed", "sent"])
        ]
    )
    Notification.objects.filter(dedupe_key="k0").update(created_at=old)
    text = scrape(client, metrics_token)
    assert 'lotse_notifications{status="pending"} 2.0' in text
    assert 'lotse_notifications{status="failed"} 1.0' in text
    assert 'lotse_notifications{status="cancelled"} 0.0' in text
    age_line = next(
        line for line in text.splitlines() if line.startswith("lotse_notifications_oldest_pending")
    )
    assert 590 < float(age_line.split()[-1]) < 700


def test_it_reports_the_celery_queue_length(client, settings, metrics_token, redis_url):
    settings.CELERY_BROKER_URL = redis_url
    settings.LOTSE_METRICS_QUEUES = ["ops-test-queue"]
    client_ = redis.Redis.from_url(redis_url)
    client_.delete("ops-test-queue", f"ops-test-queue{PRIORITY_SEPARATOR}3")
    client_.lpush("ops-test-queue", "a", "b")
    client_.lpush(f"ops-test-queue{PRIORITY_SEPARATOR}3", "c")
    try:
        text = scrape(client, metrics_token)
    finally:
        client_.delete("ops-test-queue", f"ops-test-queue{PRIORITY_SEPARATOR}3")
    assert 'lotse_celery_queue_length{queue="ops-test-queue"} 3.0' in text
    assert 'lotse_metrics_scrape_error{part="celery_queue"} 0.0' in text


def test_it_still_answers_when_the_broker_is_down(client, settings, metrics_token, closed_port):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port}/0"
    text = scrape(client, metrics_token)
    assert 'lotse_metrics_scrape_error{part="celery_queue"} 1.0' in text
    assert "lotse_celery_queue_length{" not in text
    assert 'lotse_notifications{status="pending"}' in text


def test_it_reports_the_matching_pool_of_the_process(client, metrics_token, victor):
    pool_rebuild()
    text = scrape(client, metrics_token)
    assert "lotse_matching_pool_volunteers 1.0" in text
    assert sample("lotse_matching_pool_bytes") > 0


def test_it_times_the_ranking_of_candidates(client, alice, need_with_volunteer):
    before = sample("lotse_matching_rank_seconds_count", kind="candidates")
    client.force_login(alice)
    response = client.get(f"/api/v1/needs/{need_with_volunteer.pk}/candidates/")
    assert response.status_code == 200
    assert sample("lotse_matching_rank_seconds_count", kind="candidates") == before + 1


@pytest.fixture
def need_with_volunteer(alice, facility_a1, victor):
    from lotse.needs.services import need_create

    start = timezone.localdate() + dt.timedelta(days=7)
    return need_create(
        actor=alice,
        facility=facility_a1,
        title="Begleitung",
        main_skill="accompaniment",
        schedule=f"{start.isoformat()} 10:00-12:00",
    )


ADD_UP_SCRIPT = """
import os, django
django.setup()
from lotse.ops import instruments
from lotse.ops.metrics import render_metrics
for _ in range(2):
    pid = os.fork()
    if pid == 0:
        instruments.observe_request(view="x:y", method="GET", status=200, seconds=0.01)
        os._exit(0)
    os.waitpid(pid, 0)
print(render_metrics().decode())
"""


def test_it_adds_up_the_workers_of_a_multi_process_server(settings, tmp_path):
    root = settings.BASE_DIR
    env = {
        **os.environ,
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
        "PYTHONPATH": os.pathsep.join([str(root / "platform"), str(root)]),
        "DJANGO_SETTINGS_MODULE": "lotse.settings.test",
    }
    result = subprocess.run(
        [sys.executable, "-c", ADD_UP_SCRIPT], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert 'lotse_http_requests_total{method="GET",status="200",view="x:y"} 2.0' in result.stdout

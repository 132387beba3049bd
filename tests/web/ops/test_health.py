"""/healthz (liveness) and /readyz (database, cache, broker)."""

import threading
import time

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper


def test_it_answers_liveness_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_it_is_ready_without_a_broker_in_the_demo(client, settings):
    settings.CELERY_BROKER_URL = None
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "broker": "skipped"},
    }


def test_it_is_ready_when_database_cache_and_broker_answer(client, settings, redis_url):
    settings.CELERY_BROKER_URL = redis_url
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": "ok", "cache": "ok", "broker": "ok"}


def test_it_names_the_broker_when_it_is_down_and_the_site_keeps_serving(
    client, settings, closed_port
):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{closed_port}/0"
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"]["broker"].startswith("failed (")
    assert body["checks"]["database"] == "ok" and body["checks"]["cache"] == "ok"
    assert client.get("/").status_code == 200
    assert client.get("/healthz").status_code == 200


def test_it_does_not_reveal_the_broker_address(client, settings, closed_port):
    settings.CELERY_BROKER_URL = f"redis://:secret-password@127.0.0.1:{closed_port}/0"
    response = client.get("/readyz")
    assert b"secret-password" not in response.content
    assert str(closed_port).encode() not in response.content


def test_it_names_the_cache_when_it_is_down(client, settings, closed_port):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port}/0",
        }
    }
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"].startswith("failed (")
    assert response.json()["checks"]["database"] == "ok"


def test_it_names_the_database_when_it_is_down(client, monkeypatch):
    original = BaseDatabaseWrapper.ensure_connection

    def refuse_in_probe_threads(self):
        if threading.current_thread() is threading.main_thread():
            return original(self)
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "ensure_connection", refuse_in_probe_threads)
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "failed (OperationalError)"


def test_it_gives_up_on_a_broker_that_never_answers(client, settings, silent_server):
    settings.CELERY_BROKER_URL = f"redis://127.0.0.1:{silent_server}/0"
    settings.LOTSE_READY_TIMEOUT_SECONDS = 0.3
    started = time.monotonic()
    response = client.get("/readyz")
    assert time.monotonic() - started < 2.0
    assert response.status_code == 503
    assert response.json()["checks"]["broker"] != "ok"


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
def test_it_refuses_anything_but_get(client, path):
    assert client.post(path).status_code == 405

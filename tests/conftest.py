"""Shared test plumbing: real services where behaviour depends on them.

Tests that need PostgreSQL or Redis use the `postgres` / `redis_url` fixtures: they skip with a
reason when the service is absent, and fail instead when LOTSE_REQUIRE_SERVICES=1 (CI).
"""

import os

import pytest
import time_machine

from .clock import PINNED, run_start

REQUIRE_SERVICES = os.environ.get("LOTSE_REQUIRE_SERVICES") == "1"


def service_missing(reason: str) -> None:
    if REQUIRE_SERVICES:
        pytest.fail(f"required service missing (LOTSE_REQUIRE_SERVICES=1): {reason}")
    pytest.skip(reason)


@pytest.fixture
def postgres(settings):
    """Skip (or fail in CI) unless the test database is PostgreSQL."""
    engine = settings.DATABASES["default"]["ENGINE"]
    if engine != "django.db.backends.postgresql":
        service_missing("needs PostgreSQL: set DATABASE_URL=postgres://…")
    return settings.DATABASES["default"]


@pytest.fixture
def redis_url():
    """A reachable Redis URL from CELERY_BROKER_URL, or skip (fail in CI)."""
    url = os.environ.get("CELERY_BROKER_URL", "")
    if not url.startswith("redis://"):
        service_missing("needs Redis: set CELERY_BROKER_URL=redis://127.0.0.1:6379/0")
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        service_missing(f"Redis at {url} is not reachable: {exc}")
    return url


@pytest.fixture(autouse=True)
def _run_clock():
    """Move the whole run to LOTSE_TEST_NOW when it is set (tests/clock.py), ticking from there."""
    start = run_start()
    if start is None:
        yield
        return
    with time_machine.travel(start, tick=True):
        yield


@pytest.fixture
def clock():
    """Pin "now" to a plain mid-month Wednesday; `clock.move_to(...)`/`clock.shift(...)` move it."""
    with time_machine.travel(PINNED, tick=True) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _cache_reset():
    """Each test's database starts anew (and reuses ids on SQLite), so nothing cached under an
    id or a version stamp may reach the next test: the shared cache starts empty (issue 21)."""
    from django.conf import settings

    if settings.configured:
        from django.core.cache import cache

        from lotse.core import stamps

        cache.clear()
        stamps.forget()
    yield


@pytest.fixture(autouse=True)
def _language_reset():
    """A request in English leaves English active in the thread; the next test starts German."""
    yield
    from django.utils import translation

    translation.deactivate()


# ---------------------------------------------------------------------------
# Every /api/v1/ answer a test client gets is checked against the published OpenAPI schema
# (tests/api_conformance.py, issue 19). `@pytest.mark.no_schema_check` turns it off for a test
# that deliberately breaks the transport itself; say why next to the marker.
# ---------------------------------------------------------------------------
_conformance = None


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "no_schema_check: do not check this test's API answers against the OpenAPI schema "
        "(only for garbage at the transport level; justify it next to the marker)",
    )


def pytest_terminal_summary(terminalreporter):
    if _conformance is not None and _conformance.checked:
        terminalreporter.write_line(
            f"API answers checked against the OpenAPI schema: {_conformance.checked}"
        )


def api_conformance():
    """The schema checker, built on first use (tests that call no API pay nothing)."""
    global _conformance
    if _conformance is None:
        from .api_conformance import ApiConformance, published_schema

        _conformance = ApiConformance(published_schema())
    return _conformance


@pytest.fixture(autouse=True)
def _api_answers_conform(request, monkeypatch):
    if request.node.get_closest_marker("no_schema_check"):
        return
    from django.test.client import Client

    from .api_conformance import API_PREFIX

    send = Client.request

    def send_and_check(client, **environ):
        response = send(client, **environ)
        path = environ.get("PATH_INFO", "")
        # The router's index at /api/v1/ is DRF's browsable list of links, no operation: the
        # schema (drf-spectacular) leaves it out, and so does this check.
        if path.startswith(API_PREFIX) and path != API_PREFIX:
            api_conformance().check(
                environ.get("REQUEST_METHOD", "GET"),
                path,
                response.status_code,
                response.get("Content-Type", ""),
                _body(response),
            )
        return response

    monkeypatch.setattr(Client, "request", send_and_check)


def _body(response) -> bytes:
    if not getattr(response, "streaming", False):
        return response.content
    content = b"".join(response.streaming_content)
    response.streaming_content = [content]  # the test can still read it
    return content

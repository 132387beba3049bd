"""Production's sessions (lotse/core/sessions.py): read from Redis, kept in the database, and
never served from the cache once our code has ended them — also when Redis was unreachable."""

import subprocess
import sys
import time

import pytest
from django.contrib.sessions.models import Session
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from redis.exceptions import ConnectionError as RedisConnectionError

from lotse.accounts.middleware import LAST_SEEN_KEY
from lotse.core import sessions
from lotse.core.cache import breaker
from lotse.core.tasks import sessions_clear_expired
from lotse.privacy.services import account_erase
from tests.conftest import service_missing
from tests.notifications.realparts import RedisServer

from ..factories import PASSWORD
from ..ops.test_connection_age import PROD_ENV

pytestmark = [pytest.mark.services, pytest.mark.django_db]
DATE_INDEPENDENT = "sessions and cache entries; no date words"
PAGE = "/volunteer/"


@pytest.fixture
def redis_sessions(settings, tmp_path):
    server = RedisServer(tmp_path)
    if server.binary is None:
        service_missing("needs redis-server on the PATH for the session tests")
    server.start()
    settings.CACHES = {
        "default": {
            "BACKEND": "lotse.core.cache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{server.port}/1",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    settings.SESSION_ENGINE = "lotse.core.sessions"
    breaker.reset()
    sessions._missed.clear()
    yield server
    server.stop()
    breaker.reset()
    sessions._missed.clear()


def _logged_in(user) -> Client:
    client = Client()
    client.post("/accounts/login/", {"login": user.email, "password": PASSWORD})
    assert client.session.get("_auth_user_id") == str(user.pk)
    assert client.get(PAGE).status_code == 200
    return client


def _cached(session_key: str):
    return cache.get(sessions.SessionStore.cache_key_prefix + session_key)


def _session_queries(client) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(PAGE).status_code == 200
    return [q["sql"] for q in queries if "django_session" in q["sql"]]


def test_a_logged_in_page_reads_the_session_from_the_cache(redis_sessions, victor):
    client = _logged_in(victor)
    assert _cached(client.session.session_key)["_auth_user_id"] == str(victor.pk)
    assert _session_queries(client) == []


def test_a_session_survives_a_cache_flush(redis_sessions, victor):
    client = _logged_in(victor)
    cache.clear()
    assert len(_session_queries(client)) == 1  # read from the database, then cached again
    assert _cached(client.session.session_key)["_auth_user_id"] == str(victor.pk)


def test_a_cached_session_lives_at_most_five_minutes_in_the_cache(redis_sessions, victor):
    client = _logged_in(victor)
    ttl = _redis().ttl(_redis_key(client.session.session_key))
    assert 0 < ttl <= sessions.CACHE_SECONDS


def test_a_logout_removes_the_session_from_the_cache_and_the_database(redis_sessions, victor):
    client = _logged_in(victor)
    key = client.session.session_key
    client.post("/accounts/logout/")
    assert _cached(key) is None
    assert not Session.objects.filter(pk=key).exists()


def test_an_erasure_removes_the_sessions_from_the_cache_and_the_database(redis_sessions, victor):
    phone, laptop = _logged_in(victor), _logged_in(victor)
    keys = [phone.session.session_key, laptop.session.session_key]
    record = account_erase(user=victor)
    assert record.summary["sessions"] == 2
    assert [_cached(k) for k in keys] == [None, None]
    assert not Session.objects.filter(pk__in=keys).exists()
    assert phone.get(PAGE).status_code == 302  # to the login page


def test_a_password_change_ends_the_other_sessions_in_the_cache_too(redis_sessions, victor):
    laptop = _logged_in(victor)
    key = laptop.session.session_key
    victor.set_password("an-entirely-new-passphrase")
    victor.save()
    assert laptop.get(PAGE).status_code == 302
    assert _cached(key) is None


def test_an_idle_logout_removes_the_staff_session_from_the_cache(redis_sessions, client, alice):
    client.force_login(alice)
    assert client.get(reverse("web:staff_home")).status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = int(time.time()) - 31 * 60
    session.save()
    assert client.get(reverse("web:staff_home")).status_code == 302
    assert _cached(session.session_key) is None
    assert not Session.objects.filter(pk=session.session_key).exists()


def test_pages_work_with_redis_down(redis_sessions, victor):
    redis_sessions.stop()
    client = _logged_in(victor)
    assert client.get(PAGE).status_code == 200


def test_a_logout_that_missed_the_cache_is_not_undone_when_it_answers_again(redis_sessions, victor):
    client = _logged_in(victor)
    stolen = client.cookies["sessionid"].value
    breaker.trip(RedisConnectionError("a timeout in this process only"))
    client.post("/accounts/logout/")
    assert _cached_raw(stolen) is not None  # Redis itself kept the entry
    breaker.reset()  # Redis answers again
    other = Client()
    other.cookies["sessionid"] = stolen
    assert other.get(PAGE).status_code == 302
    assert _cached(stolen) is None


def _cached_raw(session_key: str):
    """The entry in Redis, past this process's breaker."""
    return _redis().get(_redis_key(session_key))


def _redis():
    return cache._cache.get_client(write=False)


def _redis_key(session_key: str) -> str:
    return cache.make_and_validate_key(sessions.SessionStore.cache_key_prefix + session_key)


def _production_session_engine(**env) -> str:
    code = (
        "import sys; sys.path[:0] = ['.', 'platform']; import importlib; "
        "from django.conf import global_settings as default; "
        "settings = importlib.import_module('lotse.settings.prod'); "
        "print(getattr(settings, 'SESSION_ENGINE', default.SESSION_ENGINE))"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and settings module
        [sys.executable, "-c", code],
        env={"PATH": "/usr/bin:/bin", **PROD_ENV, **env},
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return done.stdout.strip().splitlines()[-1]


def test_production_reads_sessions_from_redis_when_the_cache_is_redis():
    engine = _production_session_engine(CACHE_URL="rediscache://127.0.0.1:6379/1")
    assert engine == "lotse.core.sessions"


def test_production_keeps_database_sessions_without_a_shared_cache():
    assert _production_session_engine() == "django.contrib.sessions.backends.db"


def test_the_daily_job_deletes_expired_sessions_and_keeps_live_ones(redis_sessions, victor):
    live = _logged_in(victor).session.session_key
    expired = sessions.SessionStore()
    expired.set_expiry(-1)
    expired.save()
    sessions_clear_expired()
    assert set(Session.objects.values_list("pk", flat=True)) == {live}


def test_the_daily_job_is_on_beat(settings):
    jobs = {job["task"]: job["schedule"] for job in settings.CELERY_BEAT_SCHEDULE.values()}
    daily = jobs["core.sessions_clear_expired"]
    assert (daily.hour, daily.minute) == ({3}, {45})

"""Two web nodes behind HAProxy agree (docs/deployment.md#several-web-machines).

Each node is a gunicorn master with its own matching pool and open-need table, started by the
load runner (tests/load/run_load.py --nodes 2) against PostgreSQL and Redis. A write on node A
must reach node B's rankings within the documented delay; the tests ask each node directly, by
its port, so they know which one answers, and go through the balancer only for the kill.
"""

import json
import os
import signal
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings

from lotse.accounts.models import Role, User
from lotse.accounts.tokens import issue_token
from lotse.demo.load_data import LoadSize, build_load_data
from lotse.matchmaking.selectors import candidates_for_need
from lotse.needs.models import Need
from matching import MAX_LIMIT
from tests.conftest import service_missing
from tests.load.mfa_key import LOAD_MFA_KEY
from tests.load.run_load import (
    HAPROXY_MISSING,
    LoadConfig,
    haproxy_binary,
    start_servers,
    start_web,
    stop,
    wait_all_ready,
    wait_ready,
)

DATE_INDEPENDENT = "the servers run on the real clock; only seconds of waiting are measured"
# No django_db mark: the tests only talk HTTP. The module's fixture writes the data set once and
# flushes the database at the end, as a transactional test does; a flush after each test would
# pull the data from under the running nodes.
pytestmark = pytest.mark.services

# docs/deployment.md#several-web-machines: a write reaches every node's ranking with the next
# request after it commits (version stamps in Redis, no polling interval); issue 21 allows 2 s.
DELAY_S = 2.0
MARGIN_S = 1.0  # a poll's own request time on a busy CI machine
POLL_S = 0.1
REDIS_DB = 11  # no other test uses it: the nodes' Celery broker, cache and version stamps
CLIENTS = 4  # concurrent clients through the balancer while a node is killed


@dataclass
class Cluster:
    config: LoadConfig
    servers: dict
    volunteer: str  # the API token of the volunteer who changes her profile
    staff: str  # a social worker's token: candidates of the organisation's needs, new needs
    clients: list[str]  # more social workers' tokens, one per client of the kill test
    need: int  # an open need with a required language that the volunteer speaks
    language: str  # that language
    volunteer_id: int
    needs: list[int] = field(default_factory=list)  # every open need

    @property
    def a(self) -> int:
        return self.config.node_ports[0]

    @property
    def b(self) -> int:
        return self.config.node_ports[1]


def api(port: int, token: str, path: str, *, method: str = "GET", body=None):
    """Status, JSON body and headers of one request to 127.0.0.1:`port`."""
    request = urllib.request.Request(  # noqa: S310 - loopback
        f"http://127.0.0.1:{port}/api/v1/{path}",
        data=None if body is None else json.dumps(body).encode(),
        method=method,
        headers={"Authorization": f"Token {token}", "Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
            return response.status, json.loads(response.read() or b"null"), response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode(errors="replace"), error.headers


def ok(port: int, token: str, path: str, **kwargs):
    status, body, _headers = api(port, token, path, **kwargs)
    assert status in (200, 201), (port, path, status, body)
    return body


def ranking(cluster: Cluster, port: int, need: int) -> list[tuple[int, float]]:
    """The need's candidates on one node: volunteer ids and scores, best first."""
    body = ok(port, cluster.staff, f"needs/{need}/candidates/?limit={MAX_LIMIT}")
    return [(row["volunteer"]["id"], row["score"]) for row in body["results"]]


def exclusion_codes(cluster: Cluster, port: int, need: int, volunteer: int) -> set[str]:
    """Why the node rules the volunteer out for the need (empty: she is a candidate)."""
    body = ok(port, cluster.staff, f"needs/{need}/candidates/?limit={MAX_LIMIT}&explain=true")
    return {
        reason["code"]
        for row in body["excluded"]
        if row["volunteer"]["id"] == volunteer
        for reason in row["reason_details"]
    }


def within_delay(check) -> float:
    """Seconds until `check()` holds, polled every POLL_S; fails after the documented delay
    and a margin."""
    started = time.monotonic()
    while True:
        if check():
            return time.monotonic() - started
        if time.monotonic() - started > DELAY_S + MARGIN_S:
            pytest.fail(f"not seen on the other node within {DELAY_S} s (+ {MARGIN_S} s)")
        time.sleep(POLL_S)


def me_patch(cluster: Cluster, port: int, changes: dict) -> dict:
    return ok(port, cluster.volunteer, "volunteers/me/", method="PATCH", body=changes)


# ---------------------------------------------------------------------------
# The cluster: built once for the module (the data set, then two nodes and HAProxy)
# ---------------------------------------------------------------------------
def _services() -> tuple[str, str]:
    """The test database's URL and a Redis URL on REDIS_DB, or skip (fail in CI)."""
    db = settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        service_missing("needs PostgreSQL: set DATABASE_URL=postgres://…")
    broker = os.environ.get("CELERY_BROKER_URL", "")
    if not broker.startswith("redis://"):
        service_missing("needs Redis: set CELERY_BROKER_URL=redis://127.0.0.1:6379/0")
    import redis

    redis_url = urllib.parse.urlsplit(broker)._replace(path=f"/{REDIS_DB}").geturl()
    try:
        redis.Redis.from_url(redis_url, socket_connect_timeout=2).flushdb()
    except redis.RedisError as exc:
        service_missing(f"Redis at {redis_url} is not reachable: {exc}")
    try:
        haproxy_binary()
    except RuntimeError:
        service_missing(HAPROXY_MISSING)
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host, port = db.get("HOST") or "127.0.0.1", db.get("PORT") or 5432
    return f"postgres://{db['USER']}{password}@{host}:{port}/{db['NAME']}", redis_url


def _free_ports(count: int) -> int:
    """The first of `count` consecutive free loopback ports (the balancer's, then the nodes')."""
    for _attempt in range(50):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            first = probe.getsockname()[1]
        probes = []
        try:
            for port in range(first, first + count):
                probe = socket.socket()
                probes.append(probe)
                probe.bind(("127.0.0.1", port))
            return first
        except OSError:
            continue
        finally:
            for probe in probes:
                probe.close()
    raise RuntimeError("no consecutive free ports")


def _data() -> dict:
    """A tiny city, and a need and a volunteer ranked for it with a language she must speak."""
    with override_settings(LOTSE_MFA_KEYS=[LOAD_MFA_KEY]):  # as the servers read the secrets
        build_load_data(size=LoadSize(
            volunteers=150, needs=12, placements=300, organisations=1,
            facilities_per_organisation=3, social_workers_per_organisation=1 + CLIENTS,
            coordinators=1,
        ))  # fmt: skip
    social_workers = list(User.objects.filter(role=Role.SOCIAL_WORKER).order_by("pk"))
    needs = list(Need.objects.filter(status=Need.Status.OPEN).order_by("pk"))
    need, volunteer, language = _pair(social_workers[0], needs)
    token = {user.pk: issue_token(user, name="two nodes", days=1)[1] for user in social_workers}
    return {
        "volunteer": issue_token(volunteer.user, name="two nodes", days=1)[1],
        "staff": token[social_workers[0].pk],
        "clients": [token[user.pk] for user in social_workers[1:]],
        "need": need.pk, "language": language, "volunteer_id": volunteer.pk,
        "needs": [n.pk for n in needs],
    }  # fmt: skip


def _pair(staff: User, needs: list[Need]):
    """The first need with a required language and a candidate over 1 km away."""
    for need in needs:
        required = [nl for nl in need.languages.select_related("language") if nl.required]
        if not required:
            continue
        for ranked in candidates_for_need(user=staff, need=need, limit=MAX_LIMIT).results:
            if ranked.candidate.distance_km > 1:
                return need, ranked.volunteer, required[0].language.code
    raise AssertionError("the tiny data set has no need with a required language and candidate")


@pytest.fixture(scope="module")
def cluster(django_db_setup, django_db_blocker, tmp_path_factory):
    database_url, redis_url = _services()
    with django_db_blocker.unblock():
        data = _data()
    config = LoadConfig(
        database_url=database_url, redis_url=redis_url, web_workers=1, nodes=2,
        port=_free_ports(3), out=tmp_path_factory.mktemp("two-nodes"), collect_static=False,
    )  # fmt: skip
    servers = start_servers(config)
    try:
        wait_all_ready(config, servers.values(), timeout=120)
        yield Cluster(config=config, servers=servers, **data)
    finally:
        stop(servers.values())
        with django_db_blocker.unblock():  # as a transactional test would leave it
            call_command("flush", interactive=False, verbosity=0)


def restart(cluster: Cluster, name: str, port: int) -> None:
    cluster.servers[name] = start_web(cluster.config, port)
    wait_ready(cluster.config, [cluster.servers[name]], timeout=60, port=port)


def kill_node(process) -> None:
    """SIGKILL a gunicorn master and its workers at once, as when the machine fails."""
    children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
    pids = [process.pid] + [int(pid) for pid in children.read_text().split()]
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    process.wait()


# ---------------------------------------------------------------------------
# A write on node A, ranked on node B
# ---------------------------------------------------------------------------
def test_it_ranks_a_smaller_radius_set_on_node_a_on_node_b(cluster):
    before = ranking(cluster, cluster.b, cluster.need)
    km = _distance(cluster, cluster.b, cluster.need)
    radius = ok(cluster.a, cluster.volunteer, "volunteers/me/")["max_distance_km"]
    me_patch(cluster, cluster.a, {"max_distance_km": round(km / 2, 2)})
    within_delay(lambda: "too_far" in _excluded_on_b(cluster))
    me_patch(cluster, cluster.a, {"max_distance_km": radius})
    within_delay(lambda: ranking(cluster, cluster.b, cluster.need) == before)


def test_it_ranks_a_language_dropped_on_node_a_on_node_b(cluster):
    before = ranking(cluster, cluster.b, cluster.need)
    languages = ok(cluster.a, cluster.volunteer, "volunteers/me/")["languages"]
    fewer = {code: level for code, level in languages.items() if code != cluster.language}
    me_patch(cluster, cluster.a, {"languages": fewer})
    within_delay(lambda: "missing_language" in _excluded_on_b(cluster))
    me_patch(cluster, cluster.a, {"languages": languages})
    within_delay(lambda: ranking(cluster, cluster.b, cluster.need) == before)


def _distance(cluster: Cluster, port: int, need: int) -> float:
    body = ok(port, cluster.staff, f"needs/{need}/candidates/?limit={MAX_LIMIT}")
    rows = [row for row in body["results"] if row["volunteer"]["id"] == cluster.volunteer_id]
    assert rows, "the volunteer is no candidate to begin with"
    return rows[0]["distance_km"]


def _excluded_on_b(cluster: Cluster) -> set[str]:
    return exclusion_codes(cluster, cluster.b, cluster.need, cluster.volunteer_id)


NEED_FIELDS = (
    "facility", "neighbourhood", "main_skill", "skills", "languages_required",
    "languages_preferred", "schedule", "requires_certificate", "max_distance_km",
)  # fmt: skip


def test_it_offers_a_need_created_on_node_a_on_node_b(cluster):
    model = ok(cluster.a, cluster.staff, f"needs/{cluster.need}/")
    new = ok(cluster.a, cluster.staff, "needs/", method="POST", body={
        **{name: model[name] for name in NEED_FIELDS}, "title": "Two nodes", "volunteers_needed": 1,
    })  # fmt: skip
    within_delay(lambda: new["id"] in _offered(cluster, cluster.b))
    assert new["id"] in _offered(cluster, cluster.a)


def _offered(cluster: Cluster, port: int) -> list[int]:
    body = ok(port, cluster.volunteer, f"volunteers/me/opportunities/?limit={MAX_LIMIT}")
    return [row["need"]["id"] for row in body["results"]]


# ---------------------------------------------------------------------------
# Restarted and killed nodes
# ---------------------------------------------------------------------------
def rankings(cluster: Cluster, port: int) -> dict[int, list[tuple[int, float]]]:
    return {need: ranking(cluster, port, need) for need in cluster.needs}


def test_it_rebuilds_a_restarted_node_b_that_then_agrees_with_node_a(cluster):
    stop([cluster.servers["web2"]])
    radius = ok(cluster.a, cluster.volunteer, "volunteers/me/")["max_distance_km"]
    km = _distance(cluster, cluster.a, cluster.need)
    me_patch(cluster, cluster.a, {"max_distance_km": round(km / 2, 2)})  # while B is down
    restart(cluster, "web2", cluster.b)
    try:
        on_a = rankings(cluster, cluster.a)
        assert rankings(cluster, cluster.b) == on_a
        assert cluster.volunteer_id not in [vid for vid, _score in on_a[cluster.need]]
    finally:
        me_patch(cluster, cluster.a, {"max_distance_km": radius})


def test_it_routes_around_a_killed_node_a_which_agrees_when_it_is_back(cluster):
    answers = Answers()
    clients = [
        threading.Thread(target=answers.keep_asking, args=(cluster, token))
        for token in cluster.clients
    ]
    for client in clients:
        client.start()
    time.sleep(1.5)
    answers.kill_at = time.monotonic()
    kill_node(cluster.servers["web1"])
    time.sleep(3)
    answers.stop.set()
    for client in clients:
        client.join()
    failed = [a for a in answers.log if a.status is None or a.status >= 500]
    in_flight = [a for a in answers.log if a.started < answers.kill_at < a.finished]
    assert len(failed) <= len(in_flight) <= CLIENTS, answers.summary()
    after = [a for a in answers.log if a.started > answers.kill_at]
    assert after and all(a.status == 200 and a.node == "web2" for a in after), answers.summary()
    restart(cluster, "web1", cluster.a)
    assert rankings(cluster, cluster.a) == rankings(cluster, cluster.b)
    within_delay(lambda: _served_by(cluster) == "web1")  # back in the balancer


@dataclass
class Answer:
    started: float
    finished: float
    status: int | None  # None: no HTTP answer at all (the connection failed)
    node: str


@dataclass
class Answers:
    """What the clients saw through the balancer, request by request."""

    log: list[Answer] = field(default_factory=list)
    stop: threading.Event = field(default_factory=threading.Event)
    kill_at: float = float("inf")

    def keep_asking(self, cluster: Cluster, token: str) -> None:
        path = f"needs/{cluster.need}/candidates/?limit=10"
        while not self.stop.is_set():
            started = time.monotonic()
            try:
                status, _body, headers = api(cluster.config.port, token, path)
                node = headers.get("X-Served-By", "")
            except OSError:
                status, node = None, ""
            self.log.append(Answer(started, time.monotonic(), status, node))

    def summary(self) -> str:
        failed = [a for a in self.log if a.status is None or a.status >= 500]
        nodes = {node: sum(a.node == node for a in self.log) for node in ("web1", "web2")}
        return f"{len(self.log)} requests, {len(failed)} failed ({failed}), by node {nodes}"


def _served_by(cluster: Cluster) -> str:
    return api(cluster.config.port, cluster.staff, "needs/")[2].get("X-Served-By", "")

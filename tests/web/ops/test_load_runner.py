"""The load runner for a few seconds against a tiny data set (make load runs it for minutes)."""

import datetime as dt
import os
import secrets
import socket
import subprocess

import pytest

from lotse.demo.load_data import LoadSize, build_load_data
from lotse.demo.load_data.accounts import export_accounts
from lotse.settings.base import PASSWORD_HASHERS
from tests.load.mfa_key import LOAD_MFA_KEY
from tests.load.run_load import (
    HAPROXY_MISSING,
    LoadConfig,
    balancer_config,
    cpu_sample,
    cpu_use,
    ensure_database,
    haproxy_binary,
    parse_args,
    report,
    request_costs,
    run,
    server_env,
)

pytestmark = pytest.mark.django_db(transaction=True)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _url(db: dict) -> str:
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    host = db.get("HOST") or "127.0.0.1"
    return f"postgres://{db['USER']}{password}@{host}:{db.get('PORT') or 5432}/{db['NAME']}"


def test_it_runs_the_scenario_against_gunicorn_and_prints_the_figures(
    postgres, redis_url, settings, tmp_path
):
    # The servers run production settings, which do not know the tests' fast MD5 hasher.
    settings.PASSWORD_HASHERS = PASSWORD_HASHERS
    settings.LOTSE_MFA_KEYS = [LOAD_MFA_KEY]  # as the servers read the TOTP secrets
    build_load_data(size=LoadSize(
        volunteers=200, needs=20, placements=1_000, organisations=1,
        facilities_per_organisation=3, social_workers_per_organisation=4, coordinators=1,
    ))  # fmt: skip
    accounts = tmp_path / "accounts.json"
    export_accounts(path=accounts)
    config = LoadConfig(
        database_url=_url(postgres), redis_url=redis_url, users=6, spawn_rate=6, duration=5,
        warmup=0, web_workers=1, port=_free_port(), out=tmp_path, collect_static=False,
        stop_timeout=1, think="0.2,0.5",
    )  # fmt: skip
    summary = run(config, accounts)
    assert summary.requests > 0
    assert summary.failures == 0, report(summary)
    assert (tmp_path / "summary.json").exists()
    assert "requests/s" in report(summary)
    assert "think time 0.2,0.5 s" in report(summary)
    assert summary.cpu_cores["web"] > 0 and "CPU in cores" in report(summary)
    assert summary.costs["all"]["requests"] > 0 and summary.costs["all"]["cpu_p50_ms"] > 0
    assert "server side, per request" in report(summary)


def test_it_reports_the_cores_each_part_kept_busy():
    before = {"parts": {"web": {1: 10.0, 2: 5.0}, "postgresql": {9: 1.0}},
              "machine": (100.0, 400.0), "at": 0.0}  # fmt: skip
    after = {"parts": {"web": {1: 12.0, 3: 1.0}, "postgresql": {9: 3.0}},
             "machine": (110.0, 420.0), "at": 10.0}  # fmt: skip
    # worker 2 was recycled (missed), worker 3 is new (counted from zero)
    assert cpu_use(before, after) == {
        "web": 0.3,
        "postgresql": 0.2,
        "machine_busy_share": 0.5,
        "seconds": 10.0,
    }


def test_it_samples_this_process_cpu():
    sample = cpu_sample({"me": os.getpid()})
    assert sample["parts"]["me"][os.getpid()] > 0
    assert sample["machine"][0] <= sample["machine"][1]


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize("think", ["1", "a,b", "3,1", "-1,2", "1,120"])
def test_it_refuses_a_think_time_it_cannot_use(think, capsys):
    with pytest.raises(SystemExit):
        parse_args(["--think", think])
    assert "--think" in capsys.readouterr().err


def test_it_creates_its_database_on_a_fresh_machine(postgres):
    import psycopg

    url = _url({**postgres, "NAME": f"lotse_load_probe_{secrets.token_hex(4)}"})
    try:
        assert ensure_database(url) is True
        assert ensure_database(url) is False  # there now: left as it is
    finally:
        server = _url({**postgres, "NAME": "postgres"})
        with psycopg.connect(server, autocommit=True) as connection:
            name = url.rsplit("/", 1)[1]
            connection.execute(f'DROP DATABASE IF EXISTS "{name}"')


def test_it_puts_several_nodes_on_the_ports_after_the_balancer():
    config, _build = parse_args(["--nodes", "2", "--port", "9000"])
    assert config.node_ports == [9001, 9002]
    assert LoadConfig(port=9000).node_ports == [9000]  # one node: clients reach it directly


@pytest.mark.django_db(transaction=False)
@pytest.mark.parametrize("nodes", ["0", "two", "9"])
def test_it_refuses_a_number_of_nodes_it_cannot_start(nodes, capsys):
    with pytest.raises(SystemExit):
        parse_args(["--nodes", nodes])
    assert "--nodes" in capsys.readouterr().err


def test_it_writes_a_balancer_config_haproxy_accepts(tmp_path):
    try:
        haproxy = haproxy_binary()
    except RuntimeError:
        pytest.skip(HAPROXY_MISSING)  # CI installs it (.ci/run); test_two_nodes runs it
    path = tmp_path / "haproxy.cfg"
    path.write_text(balancer_config(LoadConfig(nodes=3, port=9000)))
    subprocess.run([haproxy, "-c", "-q", "-f", str(path)], check=True)
    assert "server web3 127.0.0.1:9003 check" in path.read_text()


def test_it_takes_a_think_time():
    config, _build = parse_args(["--think", "0.1,0.5"])
    assert config.think == "0.1,0.5"


FORM_PAGE = """
<form method="post" action="/accounts/logout/"><input name="csrfmiddlewaretoken" value="t"></form>
<form method="post">
  <input name="csrfmiddlewaretoken" value="t"><input name="phone">
  <input type="checkbox" name="skills" value="a" checked>
  <input type="checkbox" name="skills" value="b">
  <select name="lang_de"><option value="">-</option><option value="3" selected>3</option></select>
  <select name="lang_ar"><option value="">none</option><option value="4">native</option></select>
  <textarea name="motivation">Hallo</textarea><button type="submit">Save</button>
</form>
"""


def test_it_submits_a_form_as_a_browser_would():
    from tests.load.forms import form_fields

    assert form_fields(FORM_PAGE) == [
        ("csrfmiddlewaretoken", "t"), ("phone", ""), ("skills", "a"), ("lang_de", "3"),
        ("lang_ar", ""), ("motivation", "Hallo"),
    ]  # fmt: skip


def test_it_reads_the_cpu_and_queries_per_view_from_the_request_log(tmp_path):
    logs = tmp_path / "logs"
    logs.mkdir()
    line = (
        '{{"time": "2026-12-07T10:00:{second:02d}.000+00:00", "logger": "lotse.request", '
        '"method": "GET", "view": "{view}", "cpu_ms": {cpu}, "queries": {queries}}}'
    )
    (logs / "web-8766.log").write_text("\n".join([
        line.format(second=1, view="profile", cpu=4.0, queries=6),
        line.format(second=2, view="profile", cpu=6.0, queries=8),
        line.format(second=3, view="queue", cpu=9.0, queries=10),
        line.format(second=59, view="queue", cpu=99.0, queries=99),  # after the window
        '{"time": "2026-12-07T10:00:02.000+00:00", "logger": "gunicorn.error", "message": "x"}',
    ]))  # fmt: skip
    (logs / "worker.log").write_text(line.format(second=2, view="task", cpu=1.0, queries=1))
    since = dt.datetime(2026, 12, 7, 10, 0, 0, tzinfo=dt.UTC).timestamp()
    costs = request_costs(logs, since, since + 10)
    assert costs["GET profile"] == {"requests": 2, "cpu_p50_ms": 5.0, "cpu_mean_ms": 5.0,
                                    "cpu_p95_ms": 6.0, "queries_p50": 7.0}  # fmt: skip
    assert costs["GET queue"]["requests"] == 1 and costs["all"]["requests"] == 3
    assert "GET task" not in costs


def test_every_node_signs_with_the_same_key():
    """A session or CSRF token signed by one node must hold on the other (a run with two
    nodes logged every user out on the first request that reached the other node)."""
    config = LoadConfig(nodes=2)
    first, second = (server_env(config, web_port=port) for port in config.node_ports)
    assert (
        first["DJANGO_SECRET_KEY"]
        == second["DJANGO_SECRET_KEY"]
        == server_env(config)["DJANGO_SECRET_KEY"]
    )

"""Run the load test and print its figures (`make load`; docs/performance.md#load-test).

gunicorn (production settings, see settings_load.py) and one Celery worker start on loopback
against PostgreSQL and Redis; locust runs the scenario in locustfile.py headless for a bounded
time; then everything is stopped and the figures are printed and written to OUT/summary.json:
requests/s, p50/p95 overall and for the candidates API, failures, server-side ranking time,
and the memory of each web process. Only loopback addresses are used.

With `--nodes N` (N > 1) N gunicorn masters start on the ports after `--port`, each with its
own matching pool, plus Celery beat, and HAProxy (Debian's package) balances them on `--port`:
the several-web-machines layout of docs/deployment.md#several-web-machines on one machine.

    python -m tests.load.run_load --build            # first run: builds the data set (minutes)
    python -m tests.load.run_load --duration 60 --users 60
    python -m tests.load.run_load --nodes 2 --web-workers 2
"""

import argparse
import csv
import datetime as dt
import json
import os
import re
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CANDIDATES = "API candidates /api/v1/needs/[id]/candidates/"
TARGETS = {"requests_per_s": 200, "p95_ms": 300, "candidates_p95_ms": 150, "failures": 0}


def _think(text: str) -> str:
    try:
        low, high = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError("expected two numbers: min,max") from None
    if not 0 <= low <= high <= 60:
        raise argparse.ArgumentTypeError("expected 0 <= min <= max <= 60 seconds")
    return f"{low:g},{high:g}"


def _nodes(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 8:
        raise argparse.ArgumentTypeError("expected a whole number from 1 to 8")
    return int(text)


@dataclass
class LoadConfig:
    database_url: str = "postgres://postgres@127.0.0.1:5432/lotse_load"
    redis_url: str = "redis://127.0.0.1:6379/6"
    users: int = 60
    spawn_rate: float = 2.0  # logins cost ~0.3 s of CPU each (PBKDF2): a wave would dominate
    duration: int = 60  # measured seconds, after every user has logged in
    warmup: int = 30  # seconds after the last user started before the figures count
    web_workers: int = 4
    port: int = 8765
    out: Path = ROOT / "var" / "load"
    collect_static: bool = True  # False: serve from the app folders (smoke test only)
    stop_timeout: int = 5  # seconds locust lets running tasks finish at the end
    skip: str = ""  # comma-separated parts of the scenario to leave out, e.g. "opportunities"
    # Seconds each simulated user waits between requests (min,max). With 1-3 s, N users offer
    # at most N/2 requests/s: shorter think times find the servers' ceiling with fewer users.
    think: str = "1,3"
    metrics_token: str = field(default_factory=lambda: secrets.token_urlsafe(32))
    # One key for every node: sessions and CSRF tokens signed by one node must hold on another.
    secret_key: str = field(default_factory=lambda: secrets.token_urlsafe(48))
    # gunicorn masters (web nodes), each with its own pool; more than one: behind HAProxy.
    nodes: int = 1

    @property
    def ramp_s(self) -> int:
        return int(self.users / self.spawn_rate) + 1

    @property
    def node_ports(self) -> list[int]:
        """One node listens on `port` itself; several on the ports after it, the balancer on
        `port` (clients always use `port`)."""
        if self.nodes == 1:
            return [self.port]
        return [self.port + 1 + i for i in range(self.nodes)]


@dataclass
class Endpoint:
    name: str
    requests: int
    failures: int
    p50_ms: float
    p95_ms: float
    p99_ms: float = float("nan")


@dataclass
class Summary:
    duration_s: int
    users: int
    requests: int
    failures: int
    requests_per_s: float
    p50_ms: float
    p95_ms: float
    candidates_p50_ms: float
    candidates_p95_ms: float
    endpoints: list[Endpoint]
    startup_s: float = 0.0
    load_average_before: str = ""
    load_average_after: str = ""
    server: dict = field(default_factory=dict)
    think_s: str = "1,3"
    cpu_cores: dict = field(default_factory=dict)  # cores each part kept busy (cpu_use)
    nodes: int = 1
    p99_ms: float = float("nan")
    # Per view, from the web nodes' request log in the measured window (request_costs).
    costs: dict = field(default_factory=dict)


def server_env(config: LoadConfig, *, web_port: int | None = None) -> dict:
    """Environment of the server processes: production settings on loopback. Only a web
    node (the one on `web_port`) adds up its workers' metrics in files (as in
    docs/deployment.md), each node in its own folder: a master empties it when it starts."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT / "platform"), str(ROOT)]),
        "DJANGO_SETTINGS_MODULE": "tests.load.settings_load",
        "DJANGO_SECRET_KEY": config.secret_key,
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": config.database_url,
        "CELERY_BROKER_URL": config.redis_url,
        "CACHE_URL": config.redis_url.replace("redis://", "rediscache://", 1),
        "LOTSE_DATA_DIR": str(config.out),
        "LOTSE_METRICS_TOKEN": config.metrics_token,
        "GUNICORN_WORKERS": str(config.web_workers),
        "GUNICORN_BIND": f"127.0.0.1:{web_port or config.port}",
        "LOTSE_LOAD_STATIC": "collected" if config.collect_static else "finders",
    }
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    if web_port:
        metrics = "metrics" if config.nodes == 1 else f"metrics-{web_port}"
        env["PROMETHEUS_MULTIPROC_DIR"] = str(config.out / metrics)
    return env


def manage(env: dict, *args: str, timeout: float = 3600) -> None:
    subprocess.run(
        [str(BIN / "python"), str(ROOT / "manage.py"), *args], env=env, check=True, timeout=timeout
    )


def prepare(config: LoadConfig, env: dict, *, build: bool) -> Path:
    """Migrate, build the data set if asked, collect static files, write the logins."""
    config.out.mkdir(parents=True, exist_ok=True)
    accounts = config.out / "accounts.json"
    if build:
        ensure_database(config.database_url)
    manage(env, "migrate", "--noinput", "-v0")
    if build:
        manage(env, "build_load_data", "--if-missing", "--accounts", str(accounts))
    else:
        manage(env, "shell", "-v0", "-c", EXPORT_ACCOUNTS % str(accounts))
    # The dashboard reads summaries that Celery beat keeps fresh in production (no beat runs
    # here): fill them once, or every coordinator's request would compute them live.
    manage(env, "dashboard_refresh", "--all-if-incomplete")
    if config.collect_static and not static_up_to_date(config.out / "static"):
        manage(env, "collectstatic", "--noinput", "-v0")
    return accounts


def ensure_database(url: str) -> bool:
    """Create the load test's database if it is missing (a fresh machine has none); True if
    it was created."""
    from lotse.ops.backup import database_create_if_missing

    parts = urllib.parse.urlsplit(url)
    server = {  # the statement runs in the server's maintenance database
        "NAME": "postgres", "HOST": parts.hostname, "PORT": parts.port,
        "USER": urllib.parse.unquote(parts.username or ""),
        "PASSWORD": urllib.parse.unquote(parts.password or ""),
    }  # fmt: skip
    return database_create_if_missing(server, parts.path.lstrip("/"))


def static_up_to_date(static_root: Path) -> bool:
    """Collected files are newer than every static source of the project (takes minutes)."""
    manifest = static_root / "staticfiles.json"
    if not manifest.exists():
        return False
    sources = [p for d in ("platform", "notifications") for p in (ROOT / d).glob("**/static/**/*")]
    newest = max((p.stat().st_mtime for p in sources if p.is_file()), default=0)
    return manifest.stat().st_mtime > newest


EXPORT_ACCOUNTS = (
    "from pathlib import Path; from lotse.demo.load_data.accounts import export_accounts; "
    "export_accounts(path=Path(%r))"
)


def start_servers(config: LoadConfig) -> dict[str, subprocess.Popen]:
    """The web node(s) and the Celery worker by name (the parts cpu_use reports); with
    several nodes also beat and the load balancer (haproxy)."""
    if config.nodes == 1:
        return {"web": start_web(config, config.port), "celery": _celery(config, "worker")}
    haproxy = haproxy_binary()  # before anything starts: the one part that may be missing
    servers = {f"web{i}": start_web(config, port) for i, port in enumerate(config.node_ports, 1)}
    servers["celery"] = _celery(config, "worker")
    servers["beat"] = _celery(config, "beat")
    servers["haproxy"] = start_balancer(config, haproxy)
    return servers


def _log(config: LoadConfig, name: str):
    logs = config.out / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    return open(logs / f"{name}.log", "w")  # noqa: SIM115 - closed with the process


def start_web(config: LoadConfig, port: int) -> subprocess.Popen:
    """One web node: a gunicorn master (which builds its pool) and its workers on `port`."""
    name = "web" if config.nodes == 1 else f"web-{port}"
    return subprocess.Popen(
        [str(BIN / "gunicorn"), "-c", "python:lotse.ops.gunicorn_conf", "lotse.wsgi"],
        env=server_env(config, web_port=port), cwd=ROOT, stdout=subprocess.DEVNULL,
        stderr=_log(config, name),
    )  # fmt: skip


def _celery(config: LoadConfig, role: str) -> subprocess.Popen:
    options = ["--concurrency", "1"] if role == "worker" else []
    return subprocess.Popen(
        [str(BIN / "celery"), "-A", "lotse", role, *options, "-l", "WARNING"],
        env=server_env(config), cwd=ROOT, stdout=subprocess.DEVNULL, stderr=_log(config, role),
    )  # fmt: skip


# ---------------------------------------------------------------------------
# The load balancer in front of several nodes: HAProxy from Debian's packages
# ---------------------------------------------------------------------------
HAPROXY_MISSING = "several nodes need HAProxy: apt-get install haproxy (Debian's package)"
# Checks every 0.5 s (production: 2 s, docs/deployment.md) so that the runner and its test see
# a dead node within a second. A refused connection is retried on another node (redispatch);
# a GET whose node died before answering is retried too, a write never (it may have happened).
# X-Served-By names the node that answered (tests/web/ops/test_two_nodes.py reads it).
HAPROXY_CONFIG = """\
global
    maxconn 2000

defaults
    mode http
    timeout connect 1s
    timeout client 60s
    timeout server 60s
    timeout check 3s
    retries 3
    option redispatch 1
    retry-on conn-failure empty-response

frontend lotse
    bind 127.0.0.1:{port}
    http-request set-header X-Forwarded-For %[src]
    http-request set-header X-Request-ID %[uuid()]
    http-request disable-l7-retry if !METH_GET !METH_HEAD
    default_backend web

backend web
    balance roundrobin
    option httpchk
    http-check send meth GET uri /readyz ver HTTP/1.1 hdr Host 127.0.0.1
    http-check expect status 200
    default-server inter 500ms fall 2 rise 2
    http-response set-header X-Served-By %[srv_name]
{servers}
"""


def haproxy_binary() -> str:
    found = shutil.which("haproxy") or shutil.which("haproxy", path="/usr/sbin:/usr/local/sbin")
    if found is None:
        raise RuntimeError(HAPROXY_MISSING)
    return found


def balancer_config(config: LoadConfig) -> str:
    servers = [
        f"    server web{i} 127.0.0.1:{port} check" for i, port in enumerate(config.node_ports, 1)
    ]
    return HAPROXY_CONFIG.format(port=config.port, servers="\n".join(servers))


def start_balancer(config: LoadConfig, haproxy: str) -> subprocess.Popen:
    path = config.out / "haproxy.cfg"
    path.write_text(balancer_config(config))
    subprocess.run([haproxy, "-c", "-q", "-f", str(path)], check=True)  # a bad file fails here
    return subprocess.Popen(
        [haproxy, "-db", "-f", str(path)], stdout=subprocess.DEVNULL,
        stderr=_log(config, "haproxy"),
    )  # fmt: skip


def wait_ready(
    config: LoadConfig,
    processes: Iterable[subprocess.Popen],
    timeout: float,
    port: int | None = None,
) -> None:
    """Wait until /readyz on `port` (default: where clients connect) answers 200; raise if
    one of `processes` exits first."""
    processes, deadline = list(processes), time.monotonic() + timeout
    url = f"http://127.0.0.1:{port or config.port}/readyz"
    while time.monotonic() < deadline:
        if any(p.poll() is not None for p in processes):
            raise RuntimeError(f"a server process exited; see {config.out / 'logs'}")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} not ready after {timeout:.0f} s; see {config.out / 'logs'}")


def wait_all_ready(
    config: LoadConfig, processes: Iterable[subprocess.Popen], timeout: float
) -> None:
    """Every node, then (several nodes) the balancer in front of them."""
    for port in dict.fromkeys([*config.node_ports, config.port]):
        wait_ready(config, processes, timeout, port=port)


def stop(processes: Iterable[subprocess.Popen]) -> None:
    processes = list(processes)
    for process in processes:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
    for process in processes:
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def run_locust(
    config: LoadConfig, accounts: Path, processes: dict[str, subprocess.Popen] | None = None
) -> tuple[Path, dict]:
    """Run locust for the ramp, the warm-up and the measured time; returns its CSV and the
    CPU each part of the system spent in the measured window (cpu_use)."""
    prefix = config.out / "locust"
    env = {
        **os.environ,
        "LOTSE_LOAD_ACCOUNTS": str(accounts),
        "LOTSE_LOAD_SKIP": config.skip,
        "LOTSE_LOAD_THINK": config.think,
        "LOTSE_LOAD_WARMUP": str(config.warmup),
    }
    locust = subprocess.Popen(
        [str(BIN / "locust"), "-f", str(ROOT / "tests" / "load" / "locustfile.py"), "--headless",
         "--host", f"http://127.0.0.1:{config.port}", "--users", str(config.users),
         "--spawn-rate", str(config.spawn_rate),
         "--run-time", f"{config.ramp_s + config.warmup + config.duration}s",
         "--csv", str(prefix), "--only-summary",
         "--stop-timeout", str(config.stop_timeout), "--loglevel", "WARNING",
         "--exit-code-on-error", "0"],
        env=env,
    )  # fmt: skip
    parts = {"locust": locust.pid}
    if processes:
        parts |= {name: process.pid for name, process in processes.items()}
    cpu: dict = {}
    try:
        time.sleep(config.ramp_s + config.warmup)
        before, window_start = cpu_sample(parts), time.time()
        time.sleep(max(0, config.duration - 1))  # just before locust stops
        cpu = cpu_use(before, cpu_sample(parts))
        cpu["window"] = (window_start, time.time())
        code = locust.wait(timeout=config.stop_timeout + 120)
    finally:
        if locust.poll() is None:
            locust.kill()
            locust.wait()
    if code != 0:
        raise subprocess.CalledProcessError(code, "locust")
    return Path(f"{prefix}_stats.csv"), cpu


# ---------------------------------------------------------------------------
# Where the CPU goes: per process tree, from /proc (Linux), over the measured window
# ---------------------------------------------------------------------------
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def _proc_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used, 0 when it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS


def _tree(pid: int) -> list[int]:
    pids, todo = [], [pid]
    while todo:
        current = todo.pop()
        pids.append(current)
        todo += [int(child) for child in _children(current)]
    return pids


def _named(prefix: str) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().startswith(prefix):
                    pids.append(int(entry.name))
            except OSError:
                continue
    return pids


def _machine() -> tuple[float, float]:
    """Busy and all CPU seconds of the whole machine since boot."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = values[3] + values[4]
    return (sum(values[:8]) - idle) / TICKS, sum(values[:8]) / TICKS


def cpu_sample(parts: dict[str, int]) -> dict:
    """CPU seconds so far of each part (a process tree by its root pid), of PostgreSQL's and
    Redis' server processes, and of the machine; with the time of the sample."""
    sample = {name: {p: _proc_cpu(p) for p in _tree(pid)} for name, pid in parts.items()}
    sample["postgresql"] = {p: _proc_cpu(p) for p in _named("postgres")}
    sample["redis"] = {p: _proc_cpu(p) for p in _named("redis-server")}
    return {"parts": sample, "machine": _machine(), "at": time.monotonic()}


def cpu_use(before: dict, after: dict) -> dict:
    """Cores each part kept busy between two samples (processes that ended in between, e.g.
    a recycled worker, are missed; new ones count from zero), and the machine's busy share."""
    seconds = after["at"] - before["at"]
    cores = {}
    for name, now in after["parts"].items():
        then = before["parts"].get(name, {})
        used = sum(cpu - then.get(pid, 0.0) for pid, cpu in now.items())
        cores[name] = round(used / seconds, 2)
    busy = after["machine"][0] - before["machine"][0]
    total = after["machine"][1] - before["machine"][1]
    cores["machine_busy_share"] = round(busy / total, 2) if total else 0.0
    cores["seconds"] = round(seconds, 1)
    return cores


def read_stats(path: Path, config: LoadConfig) -> Summary:
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    total = next(r for r in rows if r["Name"] == "Aggregated")
    endpoints = [_endpoint(r) for r in rows if r["Name"] != "Aggregated"]
    candidates = next((e for e in endpoints if e.name == CANDIDATES), Endpoint("", 0, 0, 0, 0))
    return Summary(
        duration_s=config.duration, users=config.users,
        requests=int(total["Request Count"]), failures=int(total["Failure Count"]),
        requests_per_s=round(float(total["Requests/s"]), 1),
        p50_ms=_ms(total["50%"]), p95_ms=_ms(total["95%"]), p99_ms=_ms(total["99%"]),
        candidates_p50_ms=candidates.p50_ms, candidates_p95_ms=candidates.p95_ms,
        endpoints=sorted(endpoints, key=lambda e: -e.requests),
    )  # fmt: skip


def _endpoint(row: dict) -> Endpoint:
    return Endpoint(
        f"{row['Type']} {row['Name']}" if row["Type"] not in ("GET", "") else row["Name"],
        int(row["Request Count"]), int(row["Failure Count"]), _ms(row["50%"]), _ms(row["95%"]),
        _ms(row["99%"]),
    )  # fmt: skip


def _ms(value: str) -> float:
    """A percentile from locust's CSV ("N/A" when every request of the kind failed)."""
    try:
        return float(value)
    except ValueError:
        return float("nan")


def server_figures(config: LoadConfig, web: subprocess.Popen, port: int) -> dict:
    """Ranking time from /metrics of the node on `port`, and the memory of its gunicorn master
    and each worker."""
    request = urllib.request.Request(  # noqa: S310 - loopback
        f"http://127.0.0.1:{port}/metrics",
        headers={"Authorization": f"Bearer {config.metrics_token}"},
    )
    try:
        with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
            text = response.read().decode()
    except OSError as exc:  # an overloaded server: the load figures still count
        return {"error": f"metrics not read: {exc}", "memory_mb": process_memory(web.pid)}
    return {
        "ranking_candidates": histogram_quantiles(
            text, "lotse_matching_rank_seconds", "candidates"
        ),
        "ranking_opportunities": histogram_quantiles(
            text, "lotse_matching_rank_seconds", "opportunities"
        ),
        "memory_mb": process_memory(web.pid),
    }


def histogram_quantiles(text: str, name: str, kind: str) -> dict:
    """Count, and p50/p95 as the upper bound of the bucket that holds them (in ms)."""
    pattern = re.compile(rf'{name}_bucket\{{kind="{kind}",le="([^"]+)"\}} ([0-9.e+]+)')
    buckets = sorted((float(le), float(n)) for le, n in pattern.findall(text))
    if not buckets or buckets[-1][1] == 0:
        return {"count": 0}
    count = buckets[-1][1]
    result = {"count": int(count)}
    for q in (0.5, 0.95):
        bound = next(le for le, n in buckets if n >= q * count)
        result[f"p{int(q * 100)}_ms_at_most"] = bound * 1000
    return result


def process_memory(pid: int) -> list[dict]:
    """RSS, PSS (shared pages split) and private memory of a process and its children (MB)."""
    pids = [pid] + [int(c) for c in _children(pid)]
    return [dict(pid=p, **_smaps(p)) for p in pids]


def _children(pid: int) -> list[str]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return path.read_text().split() if path.exists() else []


def _smaps(pid: int) -> dict:
    values = {}
    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines()[1:]:
        key, amount = line.split(":", 1)
        values[key] = int(amount.split()[0]) / 1024
    private = values.get("Private_Clean", 0) + values.get("Private_Dirty", 0)
    return {
        "rss": round(values["Rss"], 1),
        "pss": round(values["Pss"], 1),
        "private": round(private, 1),
    }


def load_average() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def run(config: LoadConfig, accounts: Path) -> Summary:
    started = time.monotonic()
    processes = start_servers(config)
    try:
        wait_all_ready(config, processes.values(), timeout=300)
        startup = time.monotonic() - started
        before = load_average()
        stats, cpu = run_locust(config, accounts, processes)
        after = load_average()
        figures = nodes_figures(config, processes)
    finally:
        stop(processes.values())
    summary = read_stats(stats, config)
    summary.load_average_before, summary.load_average_after = before, after
    summary.server, summary.startup_s = figures, round(startup, 1)
    summary.think_s, summary.nodes = config.think, config.nodes
    window = cpu.pop("window", None)
    summary.cpu_cores = cpu
    if window:
        summary.costs = request_costs(config.out / "logs", *window)
    (config.out / "summary.json").write_text(json.dumps(asdict(summary), indent=1, default=str))
    return summary


def request_costs(logs: Path, since: float, until: float) -> dict:
    """CPU time and queries per request from the web nodes' JSON request log (one line per
    request: cpu_ms, queries), over the measured window: per view and method, and for all."""
    by_view: dict[str, list[tuple[float, int]]] = {}
    for path in sorted(logs.glob("web*.log")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if '"cpu_ms"' not in line:
                continue
            entry = json.loads(line)
            at = dt.datetime.fromisoformat(entry["time"]).timestamp()
            if since <= at <= until:
                key = f"{entry['method']} {entry['view']}"
                by_view.setdefault(key, []).append((entry["cpu_ms"], entry["queries"]))
    everything = [cost for costs in by_view.values() for cost in costs]

    def figures(costs: list[tuple[float, int]]) -> dict:
        cpu = sorted(c for c, _ in costs)
        return {
            "requests": len(costs),
            "cpu_p50_ms": round(statistics.median(cpu), 2),
            "cpu_mean_ms": round(statistics.fmean(cpu), 2),
            "cpu_p95_ms": round(cpu[min(len(cpu) - 1, int(0.95 * len(cpu)))], 2),
            "queries_p50": statistics.median(q for _, q in costs),
        }

    result = {
        key: figures(costs) for key, costs in sorted(by_view.items(), key=lambda kv: -len(kv[1]))
    }
    if everything:
        result["all"] = figures(everything)
    return result


def nodes_figures(config: LoadConfig, processes: dict[str, subprocess.Popen]) -> dict:
    """server_figures of the one node, or of each node by name."""
    if config.nodes == 1:
        return server_figures(config, processes["web"], config.port)
    return {
        f"web{i}": server_figures(config, processes[f"web{i}"], port)
        for i, port in enumerate(config.node_ports, 1)
    }


def report(summary: Summary) -> str:
    s = summary
    lines = [
        f"load test: {s.users} users (think time {s.think_s} s), {s.duration_s} s measured, "
        f"load average before/after "
        f"{s.load_average_before} / {s.load_average_after} (2 cores, shared); "
        f"servers ready after {s.startup_s} s"
        + (f"; {s.nodes} web nodes behind HAProxy" if s.nodes > 1 else ""),
        f"  requests {s.requests:,}  requests/s {s.requests_per_s}  failures {s.failures}",
        f"  all requests      p50 {s.p50_ms:.0f} ms  p95 {s.p95_ms:.0f} ms  p99 {s.p99_ms:.0f} ms",
        f"  candidates API    p50 {s.candidates_p50_ms:.0f} ms  p95 {s.candidates_p95_ms:.0f} ms",
        f"  targets: >= {TARGETS['requests_per_s']} req/s, p95 <= {TARGETS['p95_ms']} ms, "
        f"candidates p95 <= {TARGETS['candidates_p95_ms']} ms, 0 failures",
        f"  {'endpoint':<52} {'requests':>8} {'fail':>5} {'p50':>6} {'p95':>6} {'p99':>6}",
    ]
    lines += [
        f"  {e.name[:52]:<52} {e.requests:>8} {e.failures:>5} {e.p50_ms:>6.0f} {e.p95_ms:>6.0f}"
        f" {e.p99_ms:>6.0f}"
        for e in s.endpoints
    ]
    if s.cpu_cores and s.requests_per_s:
        per = {k: v for k, v in s.cpu_cores.items() if k not in ("machine_busy_share", "seconds")}
        lines.append(
            "  CPU in cores (and ms per request): "
            + ", ".join(f"{k} {v:.2f} ({v * 1000 / s.requests_per_s:.1f})" for k, v in per.items())
            + f"; machine busy {s.cpu_cores['machine_busy_share']:.0%}"
        )
    if s.costs:
        lines.append(
            f"  server side, per request: {'view':<44} {'requests':>8} {'CPU p50':>8} "
            f"{'mean':>6} {'p95':>6} {'queries':>7}"
        )
        lines += [
            f"  {'':<26}{view[:44]:<44} {c['requests']:>8} {c['cpu_p50_ms']:>8.1f} "
            f"{c['cpu_mean_ms']:>6.1f} {c['cpu_p95_ms']:>6.1f} {c['queries_p50']:>7g}"
            for view, c in s.costs.items()
        ]
    lines.append(f"  server: {json.dumps(s.server)}")
    return "\n".join(lines)


def parse_args(argv: list[str]) -> tuple[LoadConfig, bool]:
    defaults = LoadConfig()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", default=defaults.database_url)
    parser.add_argument("--redis-url", default=defaults.redis_url)
    parser.add_argument("--users", type=int, default=defaults.users)
    parser.add_argument("--spawn-rate", type=float, default=defaults.spawn_rate)
    parser.add_argument("--duration", type=int, default=defaults.duration, help="seconds")
    parser.add_argument("--warmup", type=int, default=defaults.warmup, help="seconds")
    parser.add_argument("--web-workers", type=int, default=defaults.web_workers)
    parser.add_argument("--port", type=int, default=defaults.port)
    parser.add_argument(
        "--nodes", type=_nodes, default=defaults.nodes,
        help="gunicorn masters (web nodes), each with its own pool; more than 1: on the ports "
        "after --port, behind HAProxy on --port, with Celery beat (default 1)",
    )  # fmt: skip
    parser.add_argument("--out", type=lambda p: Path(p).resolve(), default=defaults.out)
    parser.add_argument("--skip", default="", help="leave out parts, e.g. opportunities")
    parser.add_argument("--build", action="store_true", help="build the data set if missing")
    parser.add_argument(
        "--think", default=defaults.think, type=_think,
        help="seconds a user waits between requests, min,max (default 1,3)",
    )  # fmt: skip
    args = parser.parse_args(argv)
    build = args.build
    del args.build
    return LoadConfig(**vars(args)), build


def main(argv: list[str] | None = None) -> int:
    config, build = parse_args(sys.argv[1:] if argv is None else argv)
    accounts = prepare(config, server_env(config), build=build)
    summary = run(config, accounts)
    print(report(summary))
    return 0 if summary.requests else 1


if __name__ == "__main__":
    sys.exit(main())

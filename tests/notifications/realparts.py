"""Real parts for the delivery tests: an SMTP server on loopback, a private Redis server, and
Celery worker and beat processes that use the test database."""

import asyncio
import email
import json
import os
import shutil
import signal
import subprocess
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

from aiosmtpd.controller import Controller

from .brokers import closed_port

ROOT = Path(__file__).resolve().parents[2]
CELERY = str(Path(ROOT, ".venv", "bin", "celery"))


def wait_for(predicate, timeout: float, interval: float = 0.2, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")


def database_url(settings_dict: dict) -> str:
    """The URL of the database this test runs on (pytest-django's test_<name>)."""
    user = quote(settings_dict.get("USER") or "", safe="")
    password = quote(settings_dict.get("PASSWORD") or "", safe="")
    auth = f"{user}:{password}@" if password else f"{user}@"
    host = settings_dict.get("HOST") or "127.0.0.1"
    port = settings_dict.get("PORT") or 5432
    return f"postgres://{auth}{host}:{port}/{settings_dict['NAME']}"


# --------------------------------------------------------------------------- SMTP


@dataclass
class SmtpRecorder:
    """An aiosmtpd handler that records what it accepted and can refuse or hold messages.

    A message counts as received when the server answers 250 to its data (RFC 5321).
    """

    refuse_until: float = 0.0  # monotonic time; before it, DATA gets 451
    refuse_rcpt: dict = field(default_factory=dict)  # address -> "550 …" / "451 …"
    hold_number: int = 0  # hold the n-th RCPT until `release` is set
    received: list = field(default_factory=list)  # (message id, time)
    refused: list = field(default_factory=list)  # (message id or address, code, time)
    held: threading.Event = field(default_factory=threading.Event)
    release: threading.Event = field(default_factory=threading.Event)
    _rcpt_count: int = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        self._rcpt_count += 1
        if self._rcpt_count == self.hold_number:
            # Mid-transaction: the client waits for our answer; if it dies now, aiosmtpd
            # cancels this coroutine and the message never completes.
            self.held.set()
            while not self.release.is_set():
                await asyncio.sleep(0.02)
        answer = self.refuse_rcpt.get(address)
        if answer:
            self.refused.append((address, int(answer[:3]), time.monotonic()))
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        message_id = email.message_from_bytes(envelope.content)["Message-ID"]
        if time.monotonic() < self.refuse_until:
            self.refused.append((message_id, 451, time.monotonic()))
            return "451 4.3.0 Try again later"
        self.received.append((message_id, time.monotonic()))
        return "250 Message accepted for delivery"

    def counts(self, expected_ids) -> dict:
        seen = Counter(message_id for message_id, _at in self.received)
        expected = set(expected_ids)
        return {
            "sent": len(expected & set(seen)),
            "lost": len(expected - set(seen)),
            "duplicated": sum(n - 1 for n in seen.values() if n > 1),
            "unexpected": len(set(seen) - expected),
        }


class SmtpServer:
    def __init__(self, recorder: SmtpRecorder):
        self.recorder = recorder
        self.port = closed_port()
        self.controller = Controller(recorder, hostname="127.0.0.1", port=self.port)

    def __enter__(self):
        self.controller.start()
        return self

    def __exit__(self, *exc):
        self.recorder.release.set()
        self.controller.stop()

    @property
    def url(self) -> str:
        return f"smtp://127.0.0.1:{self.port}"


# --------------------------------------------------------------------------- Redis


class RedisServer:
    """A private redis-server on a free port, so stopping it never touches the shared one."""

    def __init__(self, workdir: Path):
        self.binary = shutil.which("redis-server")
        self.port = closed_port()
        self.workdir = workdir
        self.process = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        import redis

        self.process = subprocess.Popen(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.workdir),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis(port=self.port, socket_connect_timeout=0.5)

        def up():
            try:
                return client.ping()
            except redis.RedisError:
                return False

        wait_for(up, timeout=10, interval=0.05, what="redis-server")

    def pause(self) -> None:
        """Freeze the server (SIGSTOP): clients time out, as with a hung host or a cut network;
        `resume` brings it back with everything it held."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        """Stop without saving: whatever was queued is gone, as after a crash."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


def forget_queue(client, queue: str) -> None:
    """Remove a test queue from the shared Redis, with what killed workers left unacknowledged
    (kombu keeps those as [message, exchange, routing key] until the visibility timeout)."""
    client.delete(queue, *client.keys(f"_kombu.binding*.{queue}"))
    for tag, raw in client.hgetall("unacked").items():
        if json.loads(raw)[2] == queue:
            client.hdel("unacked", tag)
            client.zrem("unacked_index", tag)


# --------------------------------------------------------------------------- Celery


class CeleryProcess:
    """`celery -A lotse worker` with beat embedded (-B: one Python start instead of two), in
    its own process group, logging to a file."""

    def __init__(self, env: dict, log_dir: Path, concurrency: int = 2):
        self.env, self.concurrency = env, concurrency
        self.log = log_dir / f"worker-{uuid.uuid4().hex[:6]}.log"
        self.process = None

    def start(self) -> "CeleryProcess":
        args = [
            "worker",
            "--beat",
            f"--concurrency={self.concurrency}",
            "--pool=prefork",
            "-n",
            f"t{uuid.uuid4().hex}@%h",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
            "--loglevel=INFO",
        ]
        started = time.monotonic()
        with open(self.log, "ab") as out:
            self.process = subprocess.Popen(
                [CELERY, "-A", "lotse", *args],
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        wait_for(lambda: b" ready." in self.log.read_bytes(), timeout=90, what="the worker")
        self.startup_seconds = time.monotonic() - started
        return self

    def kill(self) -> None:
        """SIGKILL the whole process group: pool children and beat die with their parent."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        self.process = None

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])


def celery_env(*, database: str, broker: str, smtp: str, queue: str, **settings) -> dict:
    """The environment of a worker or beat: the test's database, broker and SMTP server."""
    env = {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'platform'}{os.pathsep}{ROOT}",
        "DJANGO_SETTINGS_MODULE": "lotse.settings.dev",
        "DJANGO_DEBUG": "0",
        "DATABASE_URL": database,
        "CELERY_BROKER_URL": broker,
        "CELERY_TASK_DEFAULT_QUEUE": queue,
        "EMAIL_URL": smtp,
    }
    env.update({name: str(value) for name, value in settings.items()})
    return env

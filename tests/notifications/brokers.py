"""Point the Celery app of this test process at another broker for a while."""

import socket
import threading
from contextlib import contextmanager

from kombu import pools

from lotse.celery_app import app as celery_app


def _reset_pools() -> None:
    """Forget connections and the queue/routing tables Celery built from the old settings."""
    pools.reset()  # kombu's process-wide connection and producer pools
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    for cached in ("queues", "router", "default_queue"):
        celery_app.amqp.__dict__.pop(cached, None)


@contextmanager
def use_broker(url: str, queue: str | None = None):
    """Publish for real (not eagerly) to `url`, optionally into `queue`."""
    conf = celery_app.conf
    saved = (conf.task_always_eager, conf.task_default_queue)
    # Celery reads CELERY_BROKER_URL from the environment before its settings; the write URL
    # setting comes first for publishing.
    conf.broker_write_url, conf.task_always_eager = url, False
    conf.task_default_queue = queue or conf.task_default_queue
    _reset_pools()
    try:
        yield celery_app
    finally:
        conf.broker_write_url = None
        conf.task_always_eager, conf.task_default_queue = saved
        _reset_pools()


def closed_port() -> int:
    """A loopback port nobody listens on: connecting is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def silent_broker():
    """A server that accepts connections and never answers, like a hung broker."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(64)
    accepted = []

    def accept():
        while True:
            try:
                accepted.append(server.accept()[0])
            except OSError:
                return

    threading.Thread(target=accept, daemon=True).start()
    try:
        yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    finally:
        server.close()
        for conn in accepted:
            conn.close()

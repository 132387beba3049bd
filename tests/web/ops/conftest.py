import socket

import pytest
from prometheus_client import REGISTRY

from lotse.matchmaking.pool_cache import pool_forget

METRICS_TOKEN = "metrics-token-for-the-tests-0123456789"


@pytest.fixture(autouse=True)
def fresh_pool():
    """Each test's database is new; so must the process's matching pool be."""
    pool_forget()
    yield
    pool_forget()


@pytest.fixture
def metrics_token(settings):
    settings.LOTSE_METRICS_TOKEN = METRICS_TOKEN
    return {"HTTP_AUTHORIZATION": f"Bearer {METRICS_TOKEN}"}


def sample(name: str, **labels) -> float:
    """The current value of one series in this process's registry (0 if it does not exist)."""
    return REGISTRY.get_sample_value(name, labels) or 0.0


@pytest.fixture
def silent_server():
    """A TCP port on loopback that accepts connections and never answers (a hung service)."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    yield server.getsockname()[1]
    server.close()


@pytest.fixture
def closed_port():
    """A loopback port with nobody listening (a service that is down)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    return port

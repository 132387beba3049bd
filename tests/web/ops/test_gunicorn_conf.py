"""gunicorn hooks: metrics start from zero, the pool is built once in the master."""

import gc
import logging

import pytest

from lotse.dashboard import supply
from lotse.matchmaking import pool_cache
from lotse.ops import gunicorn_conf, hooks


class FakeServer:
    log = logging.getLogger("gunicorn.error")


@pytest.fixture(autouse=True)
def unfrozen():
    yield
    gc.unfreeze()
    supply.supply_forget()  # the master's pool must not outlive the test's database


def test_it_empties_the_metrics_directory_at_start(tmp_path, monkeypatch):
    (tmp_path / "counter_4711.db").write_bytes(b"old run")
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    gunicorn_conf.on_starting(FakeServer())
    assert list(tmp_path.iterdir()) == []


@pytest.mark.django_db(transaction=True)  # the master reads committed rows, and closes them
def test_it_builds_the_pool_in_the_master_before_the_workers_fork(victor):
    gunicorn_conf.when_ready(FakeServer())
    assert pool_cache.pool_stats()["volunteers"] == 1
    # The dashboard's neighbourhood centres too, told to the pool it counts supply from.
    assert pool_cache.current_pool().places == supply._state["points"] is not None
    assert gc.get_freeze_count() > 0


def test_it_comes_up_without_a_pool_when_the_database_is_down(monkeypatch, caplog):
    def refuse():
        raise OSError("connection refused")

    monkeypatch.setitem(hooks._warmups, "matching pool", refuse)
    with caplog.at_level(logging.WARNING, logger="gunicorn.error"):
        gunicorn_conf.when_ready(FakeServer())
    assert "matching pool not built in the master" in caplog.text
    assert pool_cache.pool_stats()["volunteers"] == 0

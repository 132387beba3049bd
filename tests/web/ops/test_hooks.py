"""The hooks through which the apps above ops lend it their caches (lotse/ops/hooks.py)."""

import pytest

from lotse.ops import hooks


@pytest.fixture
def empty(monkeypatch):
    monkeypatch.setattr(hooks, "_warmups", {})
    monkeypatch.setattr(hooks, "_pool_stats", [])


def test_the_apps_register_their_caches_in_the_order_they_are_built():
    assert list(hooks.warmups()) == ["matching pool", "open needs", "dashboard supply"]


def test_the_pool_figures_come_from_the_registered_pool():
    assert set(hooks.pool_stats()) == {"volunteers", "bytes", "build_seconds"}


def test_it_refuses_to_warm_up_when_no_app_registered_a_cache(empty):
    with pytest.raises(hooks.HookMissing, match="register_warmup"):
        hooks.warmups()


def test_it_refuses_pool_figures_when_no_app_registered_them(empty):
    with pytest.raises(hooks.HookMissing, match="register_pool_stats"):
        hooks.pool_stats()


def test_a_cache_registered_again_keeps_its_place(empty):
    first, second = object, dict
    hooks.register_warmup("a", first)
    hooks.register_warmup("b", first)
    hooks.register_warmup("a", second)
    assert hooks.warmups() == {"a": second, "b": first}

"""The per-process supply snapshot: rebuilt when volunteers change, at most once a minute."""

from django.core.cache import cache
from django.utils import timezone

from lotse.dashboard.supply import supply_current
from lotse.matchmaking.pool_cache import VERSION_KEY
from lotse.places.models import Neighbourhood

from .factories import volunteer_at


def test_it_keeps_the_snapshot_while_nothing_changed(helper):
    assert supply_current() is supply_current()


def test_it_waits_for_the_refresh_interval_before_rebuilding(helper, settings):
    first = supply_current()
    cache.set(VERSION_KEY, "changed")
    assert supply_current() is first
    settings.LOTSE_DASHBOARD_SUPPLY_REFRESH_SECONDS = 0
    assert supply_current() is not first


def test_it_sees_a_new_volunteer_after_a_rebuild(helper, settings):
    before = len(supply_current())
    volunteer_at("48143", email="new@example.org")
    settings.LOTSE_DASHBOARD_SUPPLY_REFRESH_SECONDS = 0
    cache.set(VERSION_KEY, "another")
    assert len(supply_current()) == before + 1


def test_it_reaches_a_neighbourhood_within_the_volunteers_own_radius(helper):
    supply = supply_current()
    reached = supply.by_neighbourhood(supply.available(timezone.localdate().toordinal()))
    assert reached[Neighbourhood.objects.get(name="Kinderhaus").pk] == 1
    assert reached[Neighbourhood.objects.get(name="Wolbeck").pk] == 0

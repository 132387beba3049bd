"""The process's volunteer pool follows changes by reading only what changed since its stamp."""

import threading

import numpy as np
import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from lotse.matchmaking import pool_cache
from lotse.matchmaking.models import PoolRemoval
from lotse.matchmaking.pool_cache import current_pool, pool_rebuild, pool_sync_count
from lotse.volunteers.models import Volunteer
from matching import parse_availability

from ..factories import deactivated_elsewhere
from .conftest import volunteer as new_volunteer

pytestmark = pytest.mark.django_db


def test_a_deleted_volunteer_leaves_the_pool(amira, greta, django_capture_on_commit_callbacks):
    pool_rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        greta.delete()
    assert greta.pk not in current_pool() and amira.pk in current_pool()


def test_a_deletion_is_recorded_for_other_processes(greta):
    greta_id = greta.pk
    greta.delete()
    assert PoolRemoval.objects.filter(volunteer_id=greta_id).exists()


def test_a_deactivated_account_leaves_the_pool(amira, django_capture_on_commit_callbacks):
    pool_rebuild()
    amira.user.is_active = False
    with django_capture_on_commit_callbacks(execute=True):
        amira.user.save(update_fields=["is_active"])
    assert amira.pk not in current_pool()


def test_a_changed_availability_reaches_the_pool(amira, greta, django_capture_on_commit_callbacks):
    pool_rebuild()
    greta.availability = "fri 09:00-12:00"
    with django_capture_on_commit_callbacks(execute=True):
        greta.save()
    pool = current_pool()
    week = pool.availability[:, pool._row_of[greta.pk]]
    assert np.array_equal(week, parse_availability("fri 09:00-12:00").to_bits())


def test_a_sync_reads_no_volunteer_beyond_the_changed_ones(
    amira, greta, django_capture_on_commit_callbacks
):
    pool_rebuild()
    with django_capture_on_commit_callbacks(execute=True):
        greta.save()
    with CaptureQueriesContext(connection) as queries:
        current_pool()
    whole_table = [q["sql"] for q in queries if "FROM \"volunteers_volunteer\"" in q["sql"]
                   and "updated_at" not in q["sql"] and " IN (" not in q["sql"]]  # fmt: skip
    assert whole_table == []


def test_it_stores_the_week_bits_of_the_availability_on_save(amira):
    stored = Volunteer.objects.get(pk=amira.pk).availability_bits
    assert bytes(stored) == parse_availability("tue 15:00-19:00").to_bits().astype("<u8").tobytes()


def test_it_builds_the_same_pool_from_stored_bits_as_from_the_text(amira, greta):
    from_bits = pool_rebuild()
    Volunteer.objects.update(availability_bits=b"")  # as before the migration derived them
    from_text = pool_rebuild()
    n = from_bits.n_rows
    assert np.array_equal(from_bits.availability[:, :n], from_text.availability[:, :n])


# ---------------------------------------------------------------------------
# Syncs off the request path (issue 21, item 3)
# ---------------------------------------------------------------------------
def test_another_process_s_change_waits_for_the_sync_interval(amira, greta, settings):
    settings.LOTSE_MATCHING_SYNC_SECONDS = 3600
    pool_rebuild()
    deactivated_elsewhere(greta)
    assert greta.pk in current_pool()  # synced less than an interval ago
    settings.LOTSE_MATCHING_SYNC_SECONDS = 0
    assert greta.pk not in current_pool()


def test_a_burst_of_other_processes_changes_costs_one_sync(amira, greta, settings):
    settings.LOTSE_MATCHING_SYNC_SECONDS = 3600
    pool_rebuild()
    for volunteer in (greta, amira, greta, amira):
        deactivated_elsewhere(volunteer)
        current_pool()
    before = pool_sync_count()
    settings.LOTSE_MATCHING_SYNC_SECONDS = 0
    pool = current_pool()
    assert pool_sync_count() == before + 1
    assert greta.pk not in pool and amira.pk not in pool
    current_pool()
    assert pool_sync_count() == before + 1  # nothing new: no sync


def test_this_process_s_own_change_is_synced_at_once(
    amira, greta, settings, django_capture_on_commit_callbacks
):
    settings.LOTSE_MATCHING_SYNC_SECONDS = 3600
    pool_rebuild()
    greta.user.is_active = False
    with django_capture_on_commit_callbacks(execute=True):
        greta.user.save(update_fields=["is_active"])
    assert greta.pk not in current_pool()


@pytest.mark.django_db(transaction=True)
def test_a_new_month_s_rebuild_keeps_requests_waiting_for_nothing(
    amira, greta, settings, monkeypatch
):
    settings.LOTSE_MATCHING_REBUILD_IN_BACKGROUND = True
    old = pool_rebuild()
    release, build = threading.Event(), pool_cache._build

    def held_build(*args, **kwargs):
        assert release.wait(30)
        return build(*args, **kwargs)

    monkeypatch.setattr(pool_cache, "_build", held_build)
    pool_cache._state.month = (2000, 1)
    try:
        assert current_pool() is old  # at once, while the new month's build is held
        assert current_pool() is old
        builders = [t for t in threading.enumerate() if t.name == "pool-rebuild"]
        assert len(builders) == 1  # one rebuild, however many requests
    finally:
        release.set()
    builders[0].join(30)
    new = current_pool()
    assert new is not old and amira.pk in new and greta.pk in new
    assert pool_cache._state.month != (2000, 1)


# ---------------------------------------------------------------------------
# What a transaction read of its own writes, and then rolled back
# ---------------------------------------------------------------------------
class Boom(Exception):
    pass


def _radius(pool, volunteer) -> float:
    return float(pool.radius_km[pool._row_of[volunteer.pk]])


@pytest.mark.django_db(transaction=True)
def test_a_volunteer_created_in_a_rolled_back_transaction_leaves_the_pool(amira):
    pool = pool_rebuild()
    with pytest.raises(Boom), transaction.atomic():
        ghost = new_volunteer("ghost@example.org", skills=("accompaniment",))
        assert ghost.pk in current_pool()  # read your own writes
        raise Boom
    assert current_pool() is pool  # read again by id, not rebuilt
    assert ghost.pk not in pool and amira.pk in pool


@pytest.mark.django_db(transaction=True)
def test_a_radius_change_rolled_back_is_undone_in_the_pool(amira):
    pool_rebuild()
    with pytest.raises(Boom), transaction.atomic():
        amira.max_distance_km = 42
        amira.save()
        assert _radius(current_pool(), amira) == 42
        raise Boom
    assert _radius(current_pool(), amira) == Volunteer.objects.get(pk=amira.pk).max_distance_km


@pytest.mark.django_db(transaction=True)
def test_a_deletion_rolled_back_brings_the_volunteer_back(amira, greta):
    pool_rebuild()
    greta_id = greta.pk
    with pytest.raises(Boom), transaction.atomic():
        greta.delete()
        assert greta_id not in current_pool()
        raise Boom
    assert greta_id in current_pool()


@pytest.mark.django_db(transaction=True)
def test_a_savepoint_rolled_back_keeps_the_rest_of_the_transaction(amira):
    pool_rebuild()
    with transaction.atomic():
        kept = new_volunteer("kept@example.org")
        with pytest.raises(Boom), transaction.atomic():
            ghost = new_volunteer("ghost@example.org")
            assert {kept.pk, ghost.pk} <= set(current_pool().ids_in_pool)
            raise Boom
        pool = current_pool()
        assert kept.pk in pool and ghost.pk not in pool
    assert kept.pk in current_pool() and ghost.pk not in current_pool()


@pytest.mark.django_db(transaction=True)
def test_a_pool_built_in_a_rolled_back_transaction_is_built_again(amira):
    with pytest.raises(Boom), transaction.atomic():
        ghost = new_volunteer("ghost@example.org")
        pool_cache.pool_forget()
        assert ghost.pk in current_pool()
        raise Boom
    assert ghost.pk not in current_pool() and amira.pk in current_pool()


@pytest.mark.django_db(transaction=True)
def test_a_committed_transaction_s_reads_are_kept_without_reading_again(amira, settings):
    settings.LOTSE_MATCHING_SYNC_SECONDS = 3600  # the publication alone starts no sync
    pool_rebuild()
    with transaction.atomic():
        new = new_volunteer("new@example.org")
        assert new.pk in current_pool()
    with CaptureQueriesContext(connection) as queries:
        assert new.pk in current_pool()
    assert not [q for q in queries if "volunteers_volunteer" in q["sql"]]
    assert not pool_cache._state.watch and not pool_cache._state.tentative


@pytest.mark.django_db(transaction=True)
def test_reads_without_a_move_of_their_own_are_not_tentative(amira, greta, settings):
    """Inside a transaction that changed no volunteer, what the pool reads is committed."""
    settings.LOTSE_MATCHING_SYNC_SECONDS = 0
    pool_rebuild()
    with transaction.atomic():
        deactivated_elsewhere(greta)  # another process's change: no move in this transaction
        before = pool_sync_count()
        assert greta.pk not in current_pool() and pool_sync_count() == before + 1
        assert not pool_cache._state.watch and not pool_cache._state.tentative

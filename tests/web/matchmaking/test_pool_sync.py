"""The process's volunteer pool follows changes by reading only what changed since its stamp."""

import threading

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotse.matchmaking import pool_cache
from lotse.matchmaking.models import PoolRemoval
from lotse.matchmaking.pool_cache import current_pool, pool_rebuild, pool_sync_count
from lotse.volunteers.models import Volunteer
from matching import parse_availability

from ..factories import deactivated_elsewhere

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

"""The process's volunteer pool follows changes by reading only what changed since its stamp."""

import numpy as np
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotse.matchmaking.models import PoolRemoval
from lotse.matchmaking.pool_cache import current_pool, pool_rebuild
from lotse.volunteers.models import Volunteer
from matching import parse_availability

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

"""Version stamps (lotse.core.stamps, issue 21): a move is seen at once by the process that made
it and by every other after the commit; the database row stands in when the cache is down,
emptied or missed a move."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotse.core import stamps
from lotse.core.models import Stamp

pytestmark = pytest.mark.django_db
DATE_INDEPENDENT = "stamps are random values; no date words"
NAME = "test:stamp"


def _published(value: str) -> None:
    """What another process's move leaves behind: the row, and the copy in the cache."""
    Stamp.objects.update_or_create(name=NAME, defaults={"value": value})
    cache.set(NAME, value, None)


def test_a_move_is_seen_at_once_here_and_by_others_after_the_commit(
    django_capture_on_commit_callbacks,
):
    before = stamps.read(NAME)
    with django_capture_on_commit_callbacks() as callbacks:
        stamps.move(NAME)
        inside = stamps.read(NAME)
    assert inside.local == before.local + 1 and inside.shared == before.shared
    for callback in callbacks:
        callback()
    after = stamps.read(NAME)
    assert after.shared != before.shared
    assert Stamp.objects.get(name=NAME).value == after.shared == cache.get(NAME)


def test_a_rolled_back_move_tells_no_other_process(django_capture_on_commit_callbacks):
    before = stamps.read(NAME).shared
    with django_capture_on_commit_callbacks(execute=False):
        stamps.move(NAME)
    assert stamps.read(NAME).shared == before
    assert not Stamp.objects.filter(name=NAME).exists()


def test_an_emptied_cache_reads_the_row_and_is_put_right():
    _published("v2")
    cache.clear()
    assert stamps.read(NAME).shared == "v2"
    assert cache.get(NAME) == "v2"


def test_a_move_the_cache_missed_is_seen_at_the_next_check(settings):
    """Moved while the cache was down: the cache came back with the old value."""
    _published("v1")
    stamps.read(NAME)
    Stamp.objects.filter(name=NAME).update(value="v2")  # the cache's set was lost
    settings.LOTSE_STAMP_CHECK_SECONDS = 3600
    assert stamps.read(NAME).shared == "v1"  # until the check is due
    settings.LOTSE_STAMP_CHECK_SECONDS = 0
    assert stamps.read(NAME).shared == "v2"
    assert cache.get(NAME) == "v2"


def test_a_stamp_never_moved_costs_no_query_once_started():
    stamps.read(NAME)
    with CaptureQueriesContext(connection) as queries:
        first, second = stamps.read(NAME), stamps.read(NAME)
    assert first == second and first.shared and len(queries) == 0


def test_a_transaction_publishes_each_name_once(django_capture_on_commit_callbacks, monkeypatch):
    """A volunteer saved twice and her languages set move the pool's stamp three times: one
    row update and one cache write after the commit are enough."""
    published = []
    monkeypatch.setattr(stamps, "_publish", published.append)
    with django_capture_on_commit_callbacks(execute=True):
        stamps.move(NAME)
        stamps.move(NAME)
        stamps.move("test:other")
        stamps.move(NAME)
    assert stamps.read(NAME).local >= 3  # this process saw every move at once
    assert sorted(published) == ["test:other", NAME]
    with django_capture_on_commit_callbacks(execute=True):  # the next transaction publishes
        stamps.move(NAME)
    assert sorted(published) == ["test:other", NAME, NAME]


def test_a_move_before_the_captured_part_of_a_test_does_not_swallow_its_publication(
    django_capture_on_commit_callbacks,
):
    """Tests run the commit hooks by hand; a move in a fixture left one that never runs."""
    stamps.move(NAME)
    before = stamps.read(NAME).shared
    with django_capture_on_commit_callbacks(execute=True):
        stamps.move(NAME)
    assert stamps.read(NAME).shared != before


def test_a_move_in_a_rolled_back_savepoint_does_not_swallow_the_next(
    django_capture_on_commit_callbacks,
):
    from django.db import transaction

    with django_capture_on_commit_callbacks() as callbacks:
        try:
            with transaction.atomic():
                stamps.move(NAME)
                raise RuntimeError("the form failed")
        except RuntimeError:
            pass
        stamps.move(NAME)
    assert [callback.name for callback in callbacks] == [NAME]  # the rolled-back one is gone
    before = stamps.read(NAME).shared
    callbacks[0]()
    assert stamps.read(NAME).shared != before


def test_due_at_once_for_an_own_move_and_after_the_interval_for_another():
    import time

    synced = stamps.Seen("a", 1)
    now = time.monotonic()
    assert not synced.due(synced, now, 1.0)  # nothing moved
    assert stamps.Seen("a", 2).due(synced, now, 1.0)  # this process moved it: at once
    assert stamps.Seen("b", 1).due(None, now, 1.0)  # never read
    assert not stamps.Seen("b", 1).due(synced, now, 1.0)  # another's move, just read
    assert stamps.Seen("b", 1).due(synced, now - 1.0, 1.0)  # …a second ago

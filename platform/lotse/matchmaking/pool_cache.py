"""The volunteer pool, built once per process and kept fresh by a version stamp.

Every change to a volunteer (profile, skills, languages, certificate, placements) bumps a
shared version in the cache and the volunteer's `updated_at`. Before ranking, a process that
sees a new version upserts the volunteers changed since its last sync and drops the ones that
are gone: a few rows, not a rebuild. A new month (hours reset) rebuilds.
"""

import datetime as dt
import threading
import time
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from lotse.volunteers.models import Volunteer
from matching import VolunteerPool

from .adapter import matchable_volunteers, volunteer_profiles

VERSION_KEY = "lotse:matching:pool-version"
SYNC_MARGIN = dt.timedelta(seconds=5)  # clock skew between web processes and the database


@dataclass
class _State:
    pool: VolunteerPool | None = None
    version: str | None = None
    synced_at: dt.datetime | None = None
    month: tuple[int, int] | None = None
    build_seconds: float = 0.0


_state = _State()
_lock = threading.Lock()


def pool_version_bump() -> None:
    """Tell every process to sync its pool once the current transaction commits."""
    transaction.on_commit(lambda: cache.set(VERSION_KEY, uuid.uuid4().hex, None))


def pool_mark_changed(volunteer_ids) -> None:
    """These volunteers changed in a related row: stamp them so the next sync picks them up."""
    ids = [vid for vid in volunteer_ids if vid]
    if ids:
        Volunteer.objects.filter(pk__in=ids).update(updated_at=timezone.now())
    pool_version_bump()


def pool_rebuild() -> VolunteerPool:
    """Build the pool from the database (also the management command's job)."""
    with _lock:
        return _rebuild()


def _rebuild() -> VolunteerPool:
    started = time.perf_counter()
    now, version = timezone.now(), cache.get(VERSION_KEY)
    pool = VolunteerPool(volunteer_profiles())
    _state.pool, _state.version, _state.synced_at = pool, version, now
    _state.month = (now.year, now.month)
    _state.build_seconds = time.perf_counter() - started
    return pool


def current_pool() -> VolunteerPool:
    """The process's pool, synced with the database if anything changed since last time."""
    with _lock:
        now = timezone.now()
        if _state.pool is None or _state.month != (now.year, now.month):
            return _rebuild()
        version = cache.get(VERSION_KEY)
        if version != _state.version:
            _sync(version, now)
        return _state.pool


def _sync(version: str | None, now: dt.datetime) -> None:
    pool = _state.pool
    changed = list(
        Volunteer.objects.filter(updated_at__gte=_state.synced_at - SYNC_MARGIN).values_list(
            "pk", flat=True
        )
    )
    live = set(matchable_volunteers().values_list("pk", flat=True))
    for gone in set(pool.ids_in_pool) - live:
        pool.remove(gone)
    pool.upsert_many(volunteer_profiles([vid for vid in changed if vid in live]))
    _state.version, _state.synced_at = version, now


def pool_stats() -> dict:
    pool = _state.pool
    return {
        "volunteers": len(pool) if pool is not None else 0,
        "bytes": pool.nbytes() if pool is not None else 0,
        "build_seconds": _state.build_seconds,
    }


def pool_forget() -> None:
    """Drop the process's pool (tests; a flushed database)."""
    with _lock:
        _state.pool = None
        _state.version = None

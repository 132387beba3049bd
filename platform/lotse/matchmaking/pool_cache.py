"""The volunteer pool, built once per process and kept fresh by a version stamp.

Every change to a volunteer (profile, skills, languages, certificate, placements, consent,
account) bumps a shared version in the cache and the volunteer's `updated_at` (indexed); a
deletion leaves a PoolRemoval row. Before ranking, a process that sees a new version reads the
volunteers changed and removed since its last sync, upserts those still matchable and drops
the rest: a few rows, not a scan of all ids. A new month (hours reset) rebuilds.
"""

import datetime as dt
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from lotse.volunteers.models import Volunteer
from matching import VolunteerPool
from matching.reach import Place

from .adapter import volunteer_profiles
from .models import PoolRemoval

VERSION_KEY = "lotse:matching:pool-version"
SYNC_MARGIN = dt.timedelta(seconds=5)  # clock skew between web processes and the database
# Every process rebuilds at least monthly, so older removals can no longer matter.
REMOVALS_KEPT = dt.timedelta(days=40)


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


def pool_record_removal(volunteer_id: int) -> None:
    """A volunteer row was deleted: every pool drops them on its next sync."""
    cache.delete(_profile_key(volunteer_id))
    now = timezone.now()
    PoolRemoval.objects.filter(removed_at__lt=now - REMOVALS_KEPT).delete()
    PoolRemoval.objects.create(volunteer_id=volunteer_id)
    pool_version_bump()


def pool_rebuild(*, progress: Callable[[int], None] | None = None) -> VolunteerPool:
    """Build the pool from the database (also the management command's job); `progress` is
    told how many more volunteers were read, in steps of PROGRESS_STEP."""
    with _lock:
        return _rebuild(progress)


PROGRESS_STEP = 1000


def _counted(profiles: Iterator, progress: Callable[[int], None]) -> Iterator:
    count = 0
    for count, profile in enumerate(profiles, start=1):
        yield profile
        if count % PROGRESS_STEP == 0:
            progress(PROGRESS_STEP)
    progress(count % PROGRESS_STEP)


def _rebuild(progress: Callable[[int], None] | None = None) -> VolunteerPool:
    started = time.perf_counter()
    now, version = timezone.now(), cache.get(VERSION_KEY)
    profiles = volunteer_profiles()
    pool = VolunteerPool(_counted(profiles, progress) if progress else profiles)
    _state.pool, _state.version, _state.synced_at = pool, version, now
    _state.month = (now.year, now.month)
    _state.build_seconds = time.perf_counter() - started
    return pool


def current_pool(places: tuple[Place, ...] | None = None) -> VolunteerPool:
    """The process's pool, synced with the database if anything changed since last time;
    told `places` (the dashboard's neighbourhood centres) when given, to count who reaches
    them (matching.reach)."""
    with _lock:
        pool = _current()
        if places is not None and pool.places != places:
            pool.set_places(places)
        return pool


def _current() -> VolunteerPool:
    now = timezone.now()
    if _state.pool is None or _state.month != (now.year, now.month):
        return _rebuild()
    version = cache.get(VERSION_KEY)
    if version != _state.version:
        _sync(version, now)
    return _state.pool


def volunteers_changed_since(synced_at: dt.datetime) -> tuple[set[int], list[int]]:
    """Ids of the volunteers deleted, and of those stamped (changed in any way that matters
    for matching), since a copy of them was read at `synced_at`: what the pool reads again.
    Both are looked up by index, not by a scan."""
    since = synced_at - SYNC_MARGIN
    removed = PoolRemoval.objects.filter(removed_at__gte=since)
    changed = Volunteer.objects.filter(updated_at__gte=since)
    return (
        set(removed.values_list("volunteer_id", flat=True)),
        list(changed.values_list("pk", flat=True)),
    )


def _sync(version: str | None, now: dt.datetime) -> None:
    pool = _state.pool
    removed, changed = volunteers_changed_since(_state.synced_at)
    for gone in removed:
        pool.remove(gone)
    if changed:
        # Only the matchable come back: withdrawn consent, a deactivated account and the like
        # stamp updated_at too, and leave the pool here.
        profiles = list(volunteer_profiles(changed))
        for gone in set(changed) - {p.id for p in profiles}:
            pool.remove(gone)
        pool.upsert_many(profiles)
    _state.version, _state.synced_at = version, now


# ---------------------------------------------------------------------------
# One volunteer's own profile (their opportunities), shared by every process
# ---------------------------------------------------------------------------
PROFILE_SECONDS = 15 * 60
_NOT_MATCHABLE = "not matchable"


def _profile_key(volunteer_id: int) -> str:
    return f"lotse:matching:own-profile:{volunteer_id}"


def volunteer_profile_cached(volunteer: Volunteer, today: dt.date):
    """The volunteer's engine profile, or None when they are not matchable — read from the
    database (~15 ms, eight queries) only when their row changed since it was cached.

    Everything the profile holds (skills, languages, certificate, consent, account, placements
    and hours) stamps the volunteer's `updated_at` when it changes, which the pool's sync
    relies on too; the day is part of the stamp (hours reset each month, pauses end). Kept for
    PROFILE_SECONDS; a deleted volunteer's entry is dropped at once (pool_record_removal)."""
    key, stamp = _profile_key(volunteer.pk), (volunteer.updated_at.isoformat(), today.isoformat())
    cached = cache.get(key)
    if cached is not None and cached[0] == stamp:
        profile = cached[1]
    else:
        profile = next(volunteer_profiles([volunteer.pk]), None) or _NOT_MATCHABLE
        cache.set(key, (stamp, profile), PROFILE_SECONDS)
    return None if profile == _NOT_MATCHABLE else profile


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

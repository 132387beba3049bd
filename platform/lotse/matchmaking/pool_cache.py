"""The volunteer pool, built once per process and kept fresh by a version stamp.

Every change to a volunteer (profile, skills, languages, certificate, placements, consent,
account) moves a version stamp (lotse.core.stamps) and the volunteer's `updated_at` (indexed);
a deletion leaves a PoolRemoval row. Before ranking, a process that sees a new version reads
the volunteers changed and removed since its last sync, upserts those still matchable and
drops the rest: a few rows, not a scan of all ids. However many versions went by, that is one
sync; and other processes' changes are synced at most once per LOTSE_MATCHING_SYNC_SECONDS
(the process's own changes at once), so a burst of writes costs each process one sync.

A new month (hours reset) rebuilds the pool in a background thread while requests go on
ranking with the old one: no request waits for a rebuild (~12 s at 100,000 volunteers).
"""

import datetime as dt
import logging
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import timezone

from lotse.core import stamps
from lotse.volunteers.models import Volunteer
from matching import VolunteerPool
from matching.reach import Place, ids_reaching

from .adapter import volunteer_profiles
from .models import PoolRemoval

VERSION_KEY = "lotse:matching:pool-version"
SYNC_MARGIN = dt.timedelta(seconds=5)  # clock skew between web processes and the database
# Every process rebuilds at least monthly, so older removals can no longer matter.
REMOVALS_KEPT = dt.timedelta(days=40)


log = logging.getLogger(__name__)


@dataclass
class _State:
    pool: VolunteerPool | None = None
    version: stamps.Seen | None = None
    synced_at: dt.datetime | None = None
    synced_clock: float = float("-inf")  # time.monotonic() of the last sync
    month: tuple[int, int] | None = None
    build_seconds: float = 0.0
    syncs: int = 0
    rebuilding: bool = False
    # Read while the reading transaction had moved the stamp itself (its own uncommitted
    # writes): ids synced then, or the whole pool when it was built then; kept until every
    # such transaction committed, read again as soon as one rolled back.
    tentative: set[int] = field(default_factory=set)
    tentative_all: bool = False
    watch: stamps.Tentative = field(default_factory=stamps.Tentative)


_state = _State()
_lock = threading.Lock()


def pool_version_bump() -> None:
    """Tell every process to sync its pool: this one now, the others once the current
    transaction commits."""
    stamps.move(VERSION_KEY)


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
    return _install(*_build(progress))


def _build(progress: Callable[[int], None] | None = None):
    started = time.perf_counter()
    now, version = timezone.now(), stamps.read(VERSION_KEY)
    profiles = volunteer_profiles()
    pool = VolunteerPool(_counted(profiles, progress) if progress else profiles)
    return pool, version, now, time.perf_counter() - started, stamps.Tentative()


def _install(
    pool: VolunteerPool, version, now: dt.datetime, seconds: float, watch: stamps.Tentative
) -> VolunteerPool:
    places = _state.pool.places if _state.pool is not None else None
    if places:
        pool.set_places(places)
    _state.pool, _state.version, _state.synced_at = pool, version, now
    _state.synced_clock = time.monotonic()
    _state.month = (now.year, now.month)
    _state.build_seconds = seconds
    _state.tentative, _state.tentative_all, _state.watch = set(), watch.note(VERSION_KEY), watch
    return pool


def _rebuild_in_background() -> None:
    """A new month: build the pool again in a thread, without the lock; requests rank with the
    old one meanwhile (hours of the past month, for the seconds the build takes). The new pool
    is swapped in under the lock, at the version read when its build began, so the next
    request syncs what changed during the build."""
    _state.rebuilding = True

    def run() -> None:
        try:
            built = _build()
            with _lock:
                _install(*built)
        except Exception:  # the next request tries again; the old pool stays in use
            log.exception("the monthly rebuild of the volunteer pool failed")
        finally:
            _state.rebuilding = False
            connection.close()

    threading.Thread(target=run, name="pool-rebuild", daemon=True).start()


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
    if _state.pool is None:
        return _rebuild()
    if _state.month != (now.year, now.month) and not _state.rebuilding:
        if settings.LOTSE_MATCHING_REBUILD_IN_BACKGROUND:
            _rebuild_in_background()
        else:
            return _rebuild()
    if _state.watch and (pool := _settle()) is not None:
        return pool
    version = stamps.read(VERSION_KEY)
    if version.due(_state.version, _state.synced_clock, settings.LOTSE_MATCHING_SYNC_SECONDS):
        _sync(version, now)
    return _state.pool


def _settle() -> VolunteerPool | None:
    """Forget what committed transactions read tentatively; read again what a rolled-back one
    read (a volunteer it created, a radius it changed): the rebuilt pool if it had to be."""
    if not _state.watch.rolled_back():
        if not _state.watch:
            _state.tentative, _state.tentative_all = set(), False
        return None
    if _state.tentative_all:
        return _rebuild()
    # A transaction of another thread that is still open loses its own writes from the pool
    # here, until its next move: the committed rows are the safer answer.
    ids, _state.tentative = _state.tentative, set()
    _reread(ids)
    return None


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
    removed, changed = volunteers_changed_since(_state.synced_at)
    _reread(removed.union(changed))  # the deleted are read as not matchable
    _state.version, _state.synced_at = version, now
    _state.synced_clock = time.monotonic()
    _state.syncs += 1


def _reread(ids) -> None:
    """Read these volunteers again: the matchable are upserted, the rest leave the pool
    (withdrawn consent, a deactivated account and the like stamp updated_at too)."""
    pool, ids = _state.pool, set(ids)
    if ids:
        profiles = list(volunteer_profiles(list(ids)))
        for gone in ids - {p.id for p in profiles}:
            pool.remove(gone)
        pool.upsert_many(profiles)
    if ids and _state.watch.note(VERSION_KEY):
        _state.tentative |= ids


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


def pool_sync_count() -> int:
    """How often this process synced its pool since it started (tests, benchmarks)."""
    return _state.syncs


def pool_forget() -> None:
    """Drop the process's pool (tests; a flushed database)."""
    with _lock:
        _state.pool = None
        _state.version = None
        _state.synced_clock = float("-inf")
        _state.tentative, _state.tentative_all, _state.watch = set(), False, stamps.Tentative()


def ids_within_reach(
    points: list[tuple[float, float]], *, at_most: int | None = None
) -> list[int] | None:
    """The volunteers scope rule's reach index (volunteers.selectors.reach_index): ids of
    the pool's volunteers whose radius may reach one of `points`, from the pool's columns;
    None when more than `at_most`."""
    ids = ids_reaching(current_pool(), points, at_most=at_most)
    return None if ids is None else ids.tolist()

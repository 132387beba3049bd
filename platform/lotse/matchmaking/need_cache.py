"""The open needs as the engine's NeedTable, built once per process and kept fresh by a stamp.

Like the volunteer pool (pool_cache.py): every change to a need, its languages, skills, place
or placements moves a version stamp (lotse.core.stamps). A process that sees a new version reads
the open needs' ids and `updated_at` (one narrow query), rebuilds the specs of the needs that
are new or changed, drops the ones no longer open and recounts the taken slots of all of them
in one grouped query. Related rows stamp their need's `updated_at`, so edits are seen. As for
the pool, other processes' changes are synced at most once per LOTSE_MATCHING_SYNC_SECONDS
(one sync however many versions went by), the process's own at once.
"""

import threading
import time
from dataclasses import dataclass, field, replace

import numpy as np
from django.conf import settings
from django.utils import timezone

from lotse.core import stamps
from lotse.core.stamps import Tentative
from lotse.needs.models import Need
from lotse.needs.selectors import taken_slots, with_text_stamp
from matching import NeedSpec
from matching.need_table import NeedTable

from . import adapter

VERSION_KEY = "lotse:matching:needs-version"


@dataclass
class _State:
    version: stamps.Seen | None = None
    synced_clock: float = float("-inf")
    table: NeedTable | None = None
    specs: dict[int, NeedSpec] = field(default_factory=dict)
    stamps: dict[int, str] = field(default_factory=dict)  # need id: updated_at of its spec
    # Synced while the syncing transaction had moved the stamp (its own uncommitted writes):
    # synced again once it rolled back, when the stamps tell what changed back.
    watch: Tentative = field(default_factory=Tentative)


_state = _State()
_lock = threading.Lock()


def needs_version_bump() -> None:
    """Tell every process to resync its need table: this one now (also tests, whose
    transactions never commit), the others once the transaction commits."""
    stamps.move(VERSION_KEY)


def needs_mark_changed(need_ids) -> None:
    """These needs changed in a related row: stamp them so the next sync rebuilds their specs."""
    ids = [pk for pk in need_ids if pk]
    if ids:
        Need.objects.filter(pk__in=ids).update(updated_at=timezone.now())
    needs_version_bump()


def open_need_table() -> NeedTable:
    """All open needs as a NeedTable, synced with the database if anything changed."""
    with _lock:
        return _synced_table()


def open_need_stamps(ids) -> dict[int, str | None]:
    """Each need's stamp in the process's table (its `updated_at`, moved by any change to the
    need or a related row), None for a need the table does not hold. Call after
    `open_need_table()`: the stamps are those of its last sync."""
    with _lock:
        return {pk: _state.stamps.get(pk) for pk in ids}


def open_need_spec(need: Need) -> NeedSpec:
    """The need's engine spec: from the process's table when the need is open and the table
    holds it (synced as for opportunities: this process's own changes at once, other
    processes' within LOTSE_MATCHING_SYNC_SECONDS), else read from the database. Ranking a
    need's candidates is asked far more often than a need changes: this saves it the spec's
    three queries (languages, skills, places taken)."""
    if need.status == Need.Status.OPEN:
        with _lock:
            table = _synced_table()
            spec = _state.specs.get(need.pk)
            if spec is not None:
                at = np.flatnonzero(table.ids == need.pk)
                return replace(spec, open_slots=int(table.open_slots[at[0]]))
    return adapter.need_spec(need)


def _synced_table() -> NeedTable:
    version = stamps.read(VERSION_KEY)
    interval = settings.LOTSE_MATCHING_SYNC_SECONDS
    due = version.due(_state.version, _state.synced_clock, interval)
    if _state.table is None or due or (_state.watch and _state.watch.rolled_back()):
        _sync(version)
    return _state.table


def _sync(version: str | None) -> None:
    # The stamps as text: only compared for equality, and 5,000 timestamps turned into aware
    # datetimes cost 18 of a sync's 24 ms of CPU (docs/performance.md).
    rows = with_text_stamp(Need.objects.filter(status=Need.Status.OPEN).order_by("pk"))
    current = {pk: (stamp, wanted) for pk, stamp, wanted in rows.values_list(
        "pk", "stamp", "volunteers_needed")}  # fmt: skip
    stale = [pk for pk, (stamp, _) in current.items() if _state.stamps.get(pk) != stamp]
    reshaped = False  # a need's spec changed beyond its open slots: the table is built anew
    if stale:
        fresh = Need.objects.filter(pk__in=stale).select_related(
            "facility", "neighbourhood", "main_skill"
        )
        for spec in adapter.need_specs(fresh):
            old = _state.specs.get(spec.id)
            reshaped |= old is None or replace(spec, open_slots=old.open_slots) != old
            _state.specs[spec.id] = spec
    for gone in set(_state.specs) - set(current):
        del _state.specs[gone]
    _state.stamps = {pk: stamp for pk, (stamp, _) in current.items() if pk in _state.specs}
    ids = list(_state.stamps)
    taken = taken_slots(None)
    slots = [max(current[pk][1] - taken.get(pk, 0), 0) for pk in ids]
    table = _state.table
    # A placement proposed or approved stamps its need, but only the open slots change: most
    # syncs keep the table's columns (85 ms to build at 5,000 open needs) and set the slots.
    if reshaped or table is None or table.ids.tolist() != ids:
        table = NeedTable.from_specs(_state.specs[pk] for pk in ids)
    _state.table = table.with_open_slots(slots)
    _state.version, _state.synced_clock = version, time.monotonic()
    _state.watch.note(VERSION_KEY)


def needs_forget() -> None:
    """Drop the process's need table (tests; a flushed database)."""
    with _lock:
        _state.version, _state.table, _state.synced_clock = None, None, float("-inf")
        _state.specs.clear()
        _state.stamps.clear()
        _state.watch = Tentative()

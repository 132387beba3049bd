"""Version stamps: "this changed, read it again" told to every process (issue 21).

A stamp is a random value under a name. `move(name)` gives it a new value once the current
transaction commits, and at once in this process (read your own writes, also inside a
transaction that has not committed yet). `read(name)` is what a process compares with the
value it built its copy under.

The value lives in two places: a row in the database (`core.Stamp`, the truth, written after
the change commits) and a copy in the shared cache (the fast path every request reads). With
the cache down or emptied, `read` reads the row. A process also reads the row at least every
LOTSE_STAMP_CHECK_SECONDS (2 s) and puts the cache right where it differs: a stamp moved
while the cache was down left the old value there, and without the check every process would
keep ranking with what it had before the outage. So a change is seen by every process within
that time in the worst case, and at its next read when the cache works.
"""

import contextlib
import secrets
import threading
import time
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connection, connections, transaction
from django.utils import timezone

from .models import Stamp

_lock = threading.Lock()
_checked: dict[str, float] = {}  # name: when this process last compared with the row
_local: dict[str, int] = {}  # name: moves made by this process, counted at once


class Seen(NamedTuple):
    """A stamp as one process sees it: the shared value and the count of its own moves."""

    shared: str | None
    local: int

    def due(self, synced: "Seen | None", synced_clock: float, interval: float) -> bool:
        """Read again now, having last read under `synced` at `synced_clock`
        (time.monotonic())? At once after this process's own move; after another's once the
        last read is `interval` seconds old, so a burst of moves costs one read."""
        if self == synced:
            return False
        own_move = synced is None or self.local != synced.local
        return own_move or time.monotonic() - synced_clock >= interval


class _Publish:
    """The commit hook of one move. The hooks of one name in one transaction share a flag, so
    a transaction that moves a name several times (a volunteer saved twice, her languages set)
    writes the row and the cache once; each move still registers its own hook, so a savepoint
    rolled back with the first one does not take the publication with it."""

    def __init__(self, name: str, done: list[bool]) -> None:
        self.name, self.done = name, done

    def __call__(self) -> None:
        if not self.done[0]:
            self.done[0] = True
            _publish(self.name)


def move(name: str) -> None:
    """Every process reads `name` again: this one now, the others once the transaction
    commits (before, they would read the old rows)."""
    with _lock:
        _local[name] = _local.get(name, 0) + 1
    sibling = _unpublished(connection, name)
    transaction.on_commit(_Publish(name, sibling.done if sibling else [False]))


def _unpublished(wrapper, name: str, *, last: bool = False) -> _Publish | None:
    """A hook of this transaction that will publish `name` when it commits (the first one,
    or the `last`), if any."""
    hooks = wrapper.run_on_commit if wrapper.in_atomic_block else ()
    # (A hook already run is still listed only where tests run the hooks by hand.)
    found = [hook for _, hook, _ in hooks
             if isinstance(hook, _Publish) and hook.name == name and not hook.done[0]]  # fmt: skip
    return (found[-1] if last else found[0]) if found else None


class Pending(NamedTuple):
    """A move the current transaction made and has not committed: what a process reads now
    holds that transaction's writes, which may yet be rolled back. A copy built from such a
    read is tentative: right once the transaction commits, to be read again if it rolls back
    (the rows of a rollback carry no newer stamp to find them by).

    The hook watched is the transaction's latest move: a savepoint still open when the copy
    was read and rolled back later held that move, so its removal tells a partial rollback
    too."""

    wrapper: object  # the database connection of the thread that read
    hook: _Publish

    def committed(self) -> bool:
        return self.hook.done[0]

    def rolled_back(self) -> bool:
        run_on_commit = self.wrapper.run_on_commit
        return not self.hook.done[0] and all(hook is not self.hook for _, hook, _ in run_on_commit)


def pending(name: str) -> Pending | None:
    """The current transaction's unpublished move of `name`, if it made one."""
    wrapper = connections[DEFAULT_DB_ALIAS]
    hook = _unpublished(wrapper, name, last=True)
    return Pending(wrapper, hook) if hook is not None else None


class Tentative:
    """What a process's copy (the pool, the need table) read under uncommitted moves of its
    stamp: `note(name)` after each read, `rolled_back()` before using the copy."""

    def __init__(self) -> None:
        self.pending: list[Pending] = []

    def note(self, name: str) -> bool:
        """Was what was just read tentative (the current transaction moved `name`)?"""
        found = pending(name)
        if found is not None and found not in self.pending:
            self.pending.append(found)
        return found is not None

    def rolled_back(self) -> bool:
        """Must the tentative part be read again? True once one of those transactions rolled
        back (everything is forgotten then: the caller reads again); the committed ones are
        forgotten as they commit."""
        if any(pending.rolled_back() for pending in self.pending):
            self.pending = []
            return True
        self.pending = [pending for pending in self.pending if not pending.committed()]
        return False

    def __bool__(self) -> bool:
        return bool(self.pending)


def _publish(name: str) -> None:
    value = secrets.token_hex(8)
    # The change itself committed; should the row fail, the cache still tells the others.
    with contextlib.suppress(DatabaseError):
        rows = Stamp.objects.filter(name=name)
        if not rows.update(value=value, moved_at=timezone.now()):  # one query, usually
            with transaction.atomic():
                Stamp.objects.create(name=name, value=value)
    cache.set(name, value, None)


def read(name: str) -> Seen:
    """The stamp as this process sees it now (see the module's docstring)."""
    value = cache.get(name)
    now = time.monotonic()
    if (
        value is None
        or now - _checked.get(name, float("-inf")) >= settings.LOTSE_STAMP_CHECK_SECONDS
    ):
        stored = Stamp.objects.filter(name=name).values_list("value", flat=True).first()
        _checked[name] = now
        if stored is not None and stored != value:
            cache.set(name, stored, None)
            value = stored
        elif value is None:  # never moved: start one, so the next read needs no query
            cache.add(name, secrets.token_hex(8), None)
            value = cache.get(name)
    return Seen(value, _local.get(name, 0))


def forget() -> None:
    """Compare with the rows at the next read (tests)."""
    with _lock:
        _checked.clear()

"""Reference data kept per process, valid while a version stamp in the shared cache stands.

Skills, languages and operators change a few times a year but fill option lists on many pages
(issue 21). `versioned(name, build)` keeps what `build()` returned in this process for as long
as the stamp `name` in the shared cache is the one it was built under; `moved(name)` (called by
each app's post_save/post_delete receivers, and by any write that bypasses signals) deletes
the stamp, so every process builds again on its next read. With the cache unusable, every read
builds from the database; and a memo is never older than MAX_AGE_SECONDS, which bounds what a
stamp deleted while the cache was down (and so not deleted) can cost.
"""

import secrets
import threading
import time
from collections.abc import Callable
from functools import partial
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from django.forms.models import ModelChoiceIterator

T = TypeVar("T")
MAX_AGE_SECONDS = 300.0
_memo: dict[tuple[str, object], tuple[str, float, object]] = {}
_lock = threading.Lock()


def _key(name: str) -> str:
    return f"versioned:{name}"


def stamp(name: str) -> str | None:
    """The current stamp (a fresh one if there is none), or None if the cache is unusable."""
    found = cache.get(_key(name))
    if found is None:
        cache.add(_key(name), secrets.token_hex(8), None)
        found = cache.get(_key(name))
    return found


def versioned(name: str, build: Callable[[], T], *, key: object = None) -> T:
    """What `build()` returns, kept per process under the stamp `name`; `key` tells apart
    several values under one stamp (one list per organisation, all moved together)."""
    current = stamp(name)
    if current is None:
        return build()
    hit = _memo.get((name, key))
    if hit is not None and hit[0] == current and time.monotonic() - hit[1] < MAX_AGE_SECONDS:
        return hit[2]  # type: ignore[return-value]
    value = build()
    with _lock:
        _memo[(name, key)] = (current, time.monotonic(), value)
    return value


def moved(name: str) -> None:
    """Every process builds `name` again: now (this transaction's own reads) and after commit
    (a process that read between now and the commit built from the old rows)."""
    cache.delete(_key(name))
    transaction.on_commit(partial(cache.delete, _key(name)))


def forget() -> None:
    """This process's memo empties (tests)."""
    with _lock:
        _memo.clear()


def choices_from(rows: Callable[[], list]) -> type[ModelChoiceIterator]:
    """A model choice field's option list from `rows()` (a versioned list in the field's
    queryset order) instead of a query per render; checking a submitted value still asks the
    field's queryset."""

    class VersionedChoiceIterator(ModelChoiceIterator):
        def __iter__(self):
            if self.field.empty_label is not None:
                yield ("", self.field.empty_label)
            for row in rows():
                yield self.choice(row)

        def __len__(self):
            return len(rows()) + (self.field.empty_label is not None)

        def __bool__(self):
            return self.field.empty_label is not None or bool(rows())

    return VersionedChoiceIterator

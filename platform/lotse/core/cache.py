"""Django's Redis cache that degrades instead of failing (issue 17, finding 5).

The cache holds what can be lost: rate-limit counters, TOTP replay marks, the matching pool's
version stamps, submit-once marks, cached profiles. With Redis down, a request must still work:
every call that fails with a Redis error answers as if the key were absent (get → default, add
→ stored, set/delete → nothing), logs one warning, and for BREAK_SECONDS no call tries Redis at
all, so a page does not wait for a connect timeout per cache call. What degrades while Redis is
down: rate limits count nothing (they fail open), TOTP replay protection is off, the matching
version stamps are read from their rows in the database (lotse.core.stamps). /readyz (which
writes and reads a probe key) still answers 503, so the operator sees it.
"""

import logging
import threading
import time

from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

log = logging.getLogger(__name__)
BREAK_SECONDS = 5.0


class _Breaker:
    def __init__(self):
        self.until = 0.0
        self.lock = threading.Lock()

    def is_open(self) -> bool:
        return time.monotonic() < self.until

    def trip(self, exc: Exception) -> None:
        with self.lock:
            if not self.is_open():
                log.warning("cache unreachable (%r): degrading for %ss", exc, BREAK_SECONDS)
            self.until = time.monotonic() + BREAK_SECONDS

    def reset(self) -> None:
        self.until = 0.0


breaker = _Breaker()


def _absent(fallback):
    """Call the parent method; on a Redis error (or while the breaker is open) the fallback."""

    def wrap(method):
        def guarded(self, *args, **kwargs):
            if breaker.is_open():
                return fallback(*args, **kwargs)
            try:
                return method(self, *args, **kwargs)
            except (RedisError, OSError) as exc:
                breaker.trip(exc)
                return fallback(*args, **kwargs)

        guarded.__name__ = method.__name__
        return guarded

    return wrap


def _default(key, default=None, *args, **kwargs):
    return default


def _nothing(*args, **kwargs):
    return None


def _false(*args, **kwargs):
    return False


def _true(*args, **kwargs):
    return True


def _delta(key, delta=1, *args, **kwargs):
    return delta


def _computed(key, default, *args, **kwargs):
    return default() if callable(default) else default


class ResilientRedisCache(RedisCache):
    get = _absent(_default)(RedisCache.get)
    get_many = _absent(lambda *a, **k: {})(RedisCache.get_many)
    get_or_set = _absent(_computed)(RedisCache.get_or_set)
    set = _absent(_nothing)(RedisCache.set)
    set_many = _absent(lambda *a, **k: [])(RedisCache.set_many)
    add = _absent(_true)(RedisCache.add)  # callers go ahead as if they were first
    touch = _absent(_false)(RedisCache.touch)
    delete = _absent(_false)(RedisCache.delete)
    delete_many = _absent(_nothing)(RedisCache.delete_many)
    has_key = _absent(_false)(RedisCache.has_key)
    incr = _absent(_delta)(RedisCache.incr)
    decr = _absent(lambda key, delta=1, *a, **k: -delta)(RedisCache.decr)
    clear = _absent(_nothing)(RedisCache.clear)

"""Sessions read from the cache and kept in the database (Django's cached_db), made safe for a
cache that may be unreachable (lotse/core/cache.py; docs/deployment.md#sessions).

The database is the truth: every write goes there first, and a session the cache does not hold
is read from it. Two things keep the cache from answering with a session the database no longer
has — a logout, an idle logout or an erasure while this process could not reach Redis, which
other processes (still reaching it) or this one after Redis returns would otherwise read:
- a cache entry lives at most CACHE_SECONDS, whatever the session's age;
- a write or delete that did not reach the cache is remembered, and the entry is deleted as soon
  as the cache answers again.
"""

from django.contrib.sessions.backends.cached_db import SessionStore as CachedDBStore
from django.contrib.sessions.backends.db import SessionStore as DBStore

from lotse.core.cache import breaker

# Bounds how long a change that missed the cache can be outrun by a stale entry (the process
# that missed may also have been restarted); costs one database read per active session and
# interval.
CACHE_SECONDS = 5 * 60
# Cache keys whose last write or delete was skipped while the cache was unreachable.
_missed: set[str] = set()


class SessionStore(CachedDBStore):
    def load(self):
        _delete_missed(self._cache)
        data = self._cache.get(self.cache_key)
        if data is not None:
            return data
        row = self._get_session_from_db()
        if row is None:
            return {}
        data = self.decode(row.session_data)
        self._cache_set(data, self.get_expiry_age(expiry=row.expire_date))
        return data

    def save(self, must_create=False):
        DBStore.save(self, must_create)
        _delete_missed(self._cache)
        self._cache_set(self._session, self.get_expiry_age())

    def delete(self, session_key=None):
        super().delete(session_key)
        session_key = session_key or self.session_key
        if session_key is not None and breaker.is_open():
            _missed.add(self.cache_key_prefix + session_key)

    def _cache_set(self, data, expiry_age: int) -> None:
        key = self.cache_key
        self._cache.set(key, data, min(expiry_age, CACHE_SECONDS))
        if breaker.is_open():  # the write was skipped: an older entry may still be there
            _missed.add(key)


def _delete_missed(cache) -> None:
    if not _missed or breaker.is_open():
        return
    keys = list(_missed)
    cache.delete_many(keys)
    if not breaker.is_open():
        _missed.difference_update(keys)

"""Forgetting a user's cached unread count (selectors.unread_count): every write that changes
which of the user's notifications are unread calls this — saves through the post_save receiver,
queryset updates and bulk deletes themselves (they send no signal)."""

from functools import partial

from django.core.cache import cache
from django.db import transaction

from .selectors import unread_version_key


def unread_changed(user_id: int) -> None:
    """Forget the cached unread count: now (later reads of this transaction see the write)
    and after commit (a concurrent read may have cached the count from before it)."""
    key = unread_version_key(user_id)
    cache.delete(key)
    transaction.on_commit(partial(cache.delete, key))

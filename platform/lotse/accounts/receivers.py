"""Whether a user has TOTP is remembered by her user object (one request) and in the shared
cache (models.MFA_CACHE_SECONDS); a change to her authenticators forgets both."""

from allauth.mfa.models import Authenticator
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .models import mfa_cache_key


@receiver(post_save, sender=Authenticator, dispatch_uid="lotse.accounts.mfa_saved")
@receiver(post_delete, sender=Authenticator, dispatch_uid="lotse.accounts.mfa_deleted")
def forget_mfa(sender, instance, **kwargs) -> None:
    # The shared answer at once, and again after the commit: a request that read the database
    # before the commit may have put the old answer back in between.
    key = mfa_cache_key(instance.user_id)
    cache.delete(key)
    transaction.on_commit(lambda: cache.delete(key))
    # Only the object the authenticator was given (allauth passes request.user): other objects
    # of the same user belong to other requests, which read anew anyway.
    if Authenticator.user.is_cached(instance):
        instance.user.forget_mfa()

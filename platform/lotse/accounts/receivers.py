"""A user object remembers whether she has TOTP for as long as it lives (one request); a
change to her authenticators through that object makes it ask again."""

from allauth.mfa.models import Authenticator
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver


@receiver(post_save, sender=Authenticator, dispatch_uid="lotse.accounts.mfa_saved")
@receiver(post_delete, sender=Authenticator, dispatch_uid="lotse.accounts.mfa_deleted")
def forget_mfa(sender, instance, **kwargs) -> None:
    # Only the object the authenticator was given (allauth passes request.user): other objects
    # of the same user belong to other requests, which read anew anyway.
    if Authenticator.user.is_cached(instance):
        instance.user.forget_mfa()

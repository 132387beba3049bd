"""Every saved notification forgets its recipient's cached unread count (the delivery sets
inbox_at, reading sets read_at). Deletes have no receiver on purpose: one would make Django load
every row of a bulk delete (the nightly prune); the prune forgets the counts itself, and an
erased user has no count left to show. Writes through queryset.update() call unread_changed."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import Notification
from .unread import unread_changed


@receiver(post_save, sender=Notification, dispatch_uid="notifications_unread_saved")
def forget_unread_count(sender, instance: Notification, **kwargs) -> None:
    unread_changed(instance.recipient_id)

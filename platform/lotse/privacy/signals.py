"""Cache invalidation only: a consent given or withdrawn reaches every process's matching pool
(the pool lives in matchmaking, below this app, so the privacy app tells it)."""

from django.db.models.signals import post_save
from django.dispatch import receiver

from lotse.matchmaking.pool_cache import pool_mark_changed
from lotse.volunteers.models import Volunteer

from .models import Consent


@receiver(post_save, sender=Consent)
def _consent_changed(sender, instance, **kwargs):
    # Withdrawing the privacy consent takes a volunteer out of matching at once.
    pool_mark_changed(
        Volunteer.objects.filter(user_id=instance.user_id).values_list("pk", flat=True)
    )

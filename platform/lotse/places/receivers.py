"""A saved or deleted operator moves the operators' stamp (lotse/core/versioned.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lotse.core.versioned import moved

from .models import Organisation
from .selectors import ORGANISATIONS


@receiver(post_save, sender=Organisation, dispatch_uid="places_organisation_saved")
@receiver(post_delete, sender=Organisation, dispatch_uid="places_organisation_deleted")
def organisations_moved(sender, **kwargs) -> None:
    moved(ORGANISATIONS)

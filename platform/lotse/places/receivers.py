"""A saved or deleted operator moves the operators' stamp, and with a facility, neighbourhood or
district the facilities' (lotse/core/versioned.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lotse.core.versioned import moved

from .models import District, Facility, Neighbourhood, Organisation
from .selectors import FACILITIES, ORGANISATIONS


@receiver(post_save, sender=Organisation, dispatch_uid="places_organisation_saved")
@receiver(post_delete, sender=Organisation, dispatch_uid="places_organisation_deleted")
def organisations_moved(sender, **kwargs) -> None:
    moved(ORGANISATIONS)
    moved(FACILITIES)


@receiver(post_save, sender=Facility, dispatch_uid="places_facility_saved")
@receiver(post_delete, sender=Facility, dispatch_uid="places_facility_deleted")
@receiver(post_save, sender=Neighbourhood, dispatch_uid="places_neighbourhood_saved")
@receiver(post_delete, sender=Neighbourhood, dispatch_uid="places_neighbourhood_deleted")
@receiver(post_save, sender=District, dispatch_uid="places_district_saved")
@receiver(post_delete, sender=District, dispatch_uid="places_district_deleted")
def facilities_moved(sender, **kwargs) -> None:
    moved(FACILITIES)

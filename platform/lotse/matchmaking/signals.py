"""Cache invalidation only: changes to volunteers reach every process's pool, changes to
needs every process's need table, changed weights every process's copy."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from lotse.accounts.models import User
from lotse.core.versioned import moved
from lotse.needs.models import Need, NeedLanguage
from lotse.placements.models import HoursEntry, Placement
from lotse.places.models import Facility, Neighbourhood
from lotse.volunteers.models import CertificateInspection, Volunteer, VolunteerLanguage

from .models import MatchingSettings
from .need_cache import needs_mark_changed, needs_version_bump
from .pool_cache import pool_mark_changed, pool_record_removal, pool_version_bump
from .selectors import WEIGHTS


@receiver(post_save, sender=Volunteer)
def _volunteer_changed(sender, instance, **kwargs):
    pool_version_bump()  # the save already set updated_at


@receiver(post_delete, sender=Volunteer)
def _volunteer_deleted(sender, instance, **kwargs):
    pool_record_removal(instance.pk)


@receiver(post_save, sender=User)
def _account_changed(sender, instance, created=False, update_fields=None, **kwargs):
    # A deactivated account leaves matching; a new account has no profile yet, and a login
    # (which saves last_login only) does not concern the pool.
    if created or (update_fields is not None and "is_active" not in update_fields):
        return
    ids = Volunteer.objects.filter(user_id=instance.pk).values_list("pk", flat=True)
    if ids:
        pool_mark_changed(ids)


@receiver(post_save, sender=VolunteerLanguage)
@receiver(post_delete, sender=VolunteerLanguage)
@receiver(post_save, sender=CertificateInspection)
@receiver(post_delete, sender=CertificateInspection)
def _volunteer_detail_changed(sender, instance, **kwargs):
    pool_mark_changed([instance.volunteer_id])


@receiver(m2m_changed, sender=Volunteer.skills.through)
def _volunteer_skills_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Volunteer):
        pool_mark_changed([instance.pk])


@receiver(post_save, sender=Need)
@receiver(post_delete, sender=Need)
def _need_changed(sender, instance, **kwargs):
    needs_version_bump()  # a save already set updated_at; a deletion is seen by the id check


@receiver(post_save, sender=NeedLanguage)
@receiver(post_delete, sender=NeedLanguage)
def _need_language_changed(sender, instance, **kwargs):
    needs_mark_changed([instance.need_id])


@receiver(m2m_changed, sender=Need.skills.through)
def _need_skills_changed(sender, instance, action, **kwargs):
    if action.startswith("post_") and isinstance(instance, Need):
        needs_mark_changed([instance.pk])


@receiver(post_save, sender=Facility)
def _facility_changed(sender, instance, created, **kwargs):
    if not created:  # its needs take their place from it
        needs_mark_changed(
            Need.objects.filter(facility=instance, status=Need.Status.OPEN).values_list(
                "pk", flat=True
            )
        )


@receiver(post_save, sender=Neighbourhood)
def _neighbourhood_changed(sender, instance, created, **kwargs):
    if not created:  # district work takes its place from the neighbourhood's centre
        needs_mark_changed(
            Need.objects.filter(
                neighbourhood=instance, facility__isnull=True, status=Need.Status.OPEN
            ).values_list("pk", flat=True)
        )


@receiver(post_save, sender=Placement, dispatch_uid="pool-placement-save")
@receiver(post_delete, sender=Placement, dispatch_uid="pool-placement-del")
def _placement_changed(sender, instance, **kwargs):
    pool_mark_changed([instance.volunteer_id])
    needs_version_bump()  # the need's open slots


@receiver(post_save, sender=HoursEntry, dispatch_uid="pool-hours-save")
def _hours_changed(sender, instance, **kwargs):
    pool_mark_changed([instance.placement.volunteer_id])


@receiver(post_save, sender=MatchingSettings, dispatch_uid="weights-saved")
@receiver(post_delete, sender=MatchingSettings, dispatch_uid="weights-deleted")
def _weights_changed(sender, **kwargs):
    moved(WEIGHTS)

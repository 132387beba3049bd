"""Cache invalidation only: changes to volunteers reach every process's pool."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from lotse.volunteers.models import CertificateInspection, Consent, Volunteer, VolunteerLanguage

from .pool_cache import pool_mark_changed, pool_version_bump


@receiver(post_save, sender=Volunteer)
@receiver(post_delete, sender=Volunteer)
def _volunteer_changed(sender, instance, **kwargs):
    pool_version_bump()  # a save already set updated_at; a deletion is seen by the id check


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


@receiver(post_save, sender=Consent)
def _consent_changed(sender, instance, **kwargs):
    # Withdrawing the privacy consent takes a volunteer out of matching at once.
    pool_mark_changed(
        Volunteer.objects.filter(user_id=instance.user_id).values_list("pk", flat=True)
    )


def _placement_changed(sender, instance, **kwargs):
    pool_mark_changed([instance.volunteer_id])


def _hours_changed(sender, instance, **kwargs):
    pool_mark_changed([instance.placement.volunteer_id])


if apps.is_installed("lotse.placements"):
    _placement = apps.get_model("placements", "Placement")
    _hours = apps.get_model("placements", "HoursEntry")
    post_save.connect(_placement_changed, sender=_placement, dispatch_uid="pool-placement-save")
    post_delete.connect(_placement_changed, sender=_placement, dispatch_uid="pool-placement-del")
    post_save.connect(_hours_changed, sender=_hours, dispatch_uid="pool-hours-save")

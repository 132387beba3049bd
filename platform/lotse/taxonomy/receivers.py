"""A saved or deleted skill or language moves its list's stamp (lotse/core/versioned.py)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from lotse.core.versioned import moved

from .models import Language, Skill
from .selectors import LANGUAGES, SKILLS


@receiver(post_save, sender=Skill, dispatch_uid="taxonomy_skill_saved")
@receiver(post_delete, sender=Skill, dispatch_uid="taxonomy_skill_deleted")
def skills_moved(sender, **kwargs) -> None:
    moved(SKILLS)


@receiver(post_save, sender=Language, dispatch_uid="taxonomy_language_saved")
@receiver(post_delete, sender=Language, dispatch_uid="taxonomy_language_deleted")
def languages_moved(sender, **kwargs) -> None:
    moved(LANGUAGES)

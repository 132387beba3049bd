"""Writes on volunteer profiles: one service behind the wizard, the API and the import."""

import datetime as dt
from collections.abc import Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.accounts.models import Role, User
from lotse.places.geocoding import postcode_lookup
from lotse.taxonomy.models import Language, Skill

from .models import Consent, Volunteer, VolunteerLanguage


def skills_from_slugs(slugs: Sequence[str], field: str = "skills") -> list[Skill]:
    wanted = {s.strip() for s in slugs if s.strip()}
    found = {s.slug: s for s in Skill.objects.filter(slug__in=wanted)}
    unknown = sorted(wanted - found.keys())
    if unknown:
        raise ValidationError(
            {field: _("Unknown skill: %(codes)s") % {"codes": ", ".join(unknown)}}
        )
    return list(found.values())


def languages_from_codes(
    levels: Mapping[str, int], field: str = "languages"
) -> dict[Language, int]:
    found = {lang.code: lang for lang in Language.objects.filter(code__in=levels.keys())}
    unknown = sorted(set(levels) - found.keys())
    if unknown:
        raise ValidationError(
            {field: _("Unknown language: %(codes)s") % {"codes": ", ".join(unknown)}}
        )
    for code, level in levels.items():
        if level not in (1, 2, 3, 4):
            raise ValidationError(
                {field: _("Level outside the scale for %(code)s") % {"code": code}}
            )
    return {found[code]: level for code, level in levels.items()}


@transaction.atomic
def volunteer_profile_save(
    *,
    user: User,
    postcode: str,
    max_distance_km: float,
    availability: str,
    skills: Sequence[str] = (),
    languages: Mapping[str, int] | None = None,
    street: str = "",
    travel_modes: Sequence[str] = (),
    max_hours_per_month: int | None = None,
    available_from: dt.date | None = None,
    available_until: dt.date | None = None,
    motivation: str = "",
    phone: str = "",
    external_id: str | None = None,
) -> Volunteer:
    """Create or update the volunteer profile of `user`; all-or-nothing."""
    if user.role != Role.VOLUNTEER:
        raise ValidationError(_("Only volunteer accounts have a volunteer profile."))
    postcode_row = postcode_lookup(postcode)
    skill_rows = skills_from_slugs(skills)
    language_rows = languages_from_codes(languages or {})
    volunteer = Volunteer.objects.filter(user=user).first() or Volunteer(user=user)
    volunteer.postcode = postcode_row
    volunteer.lat, volunteer.lon = postcode_row.lat, postcode_row.lon
    volunteer.street = street.strip()
    volunteer.max_distance_km = max_distance_km
    volunteer.travel_modes = list(travel_modes)
    volunteer.availability = availability.strip()
    volunteer.max_hours_per_month = max_hours_per_month
    volunteer.available_from, volunteer.available_until = available_from, available_until
    volunteer.motivation = motivation.strip()
    volunteer.phone = phone.strip()
    if external_id is not None:
        volunteer.external_id = external_id or None
    volunteer.full_clean(exclude=["user", "postcode"])
    volunteer.save()
    volunteer.skills.set(skill_rows)
    VolunteerLanguage.objects.filter(volunteer=volunteer).delete()
    VolunteerLanguage.objects.bulk_create(
        VolunteerLanguage(volunteer=volunteer, language=lang, level=level)
        for lang, level in language_rows.items()
    )
    return volunteer


def consent_give(*, user: User, kind: str, version: str) -> Consent:
    return Consent.objects.create(user=user, kind=kind, version=version, given_at=timezone.now())


def has_current_consent(user: User, kind: str) -> bool:
    return Consent.objects.filter(user=user, kind=kind, withdrawn_at__isnull=True).exists()

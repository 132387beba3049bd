"""Writes on needs: one service behind the pages, the API and the import."""

from collections.abc import Mapping, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.accounts.models import Role, User
from lotse.places.models import Facility, Neighbourhood
from lotse.places.selectors import facilities_visible_to
from lotse.volunteers.services import languages_from_codes, skills_from_slugs
from matching.errors import ParseError
from matching.timeslots import parse_schedule

from .models import Need, NeedLanguage

POSTING_ROLES = (Role.SOCIAL_WORKER, Role.FACILITY_STAFF, Role.ADMIN)
NOT_YOUR_FACILITY = _("You cannot post needs for this facility.")


def _check_schedule(schedule: str) -> None:
    try:
        parsed = parse_schedule(schedule)
    except ParseError as exc:
        raise ValidationError({"schedule": str(exc)}) from exc
    if parsed.is_in_past(timezone.localtime().replace(tzinfo=None)):
        raise ValidationError({"schedule": _("The schedule lies in the past.")})


def _check_place(actor: User, facility: Facility | None, neighbourhood: Neighbourhood | None):
    if actor.role not in POSTING_ROLES and not actor.is_superuser:
        raise PermissionDenied(_("Your role does not allow posting needs."))
    if facility is not None:
        if not facilities_visible_to(actor).filter(pk=facility.pk).exists():
            raise PermissionDenied(NOT_YOUR_FACILITY)
        return facility.organisation, facility.neighbourhood
    if neighbourhood is None:
        raise ValidationError({"facility": _("Choose a facility or a neighbourhood.")})
    if actor.role != Role.SOCIAL_WORKER and not actor.is_city_admin:
        raise PermissionDenied(_("Only social workers post needs for a neighbourhood."))
    if actor.organisation is None:
        raise ValidationError(_("Your account has no organisation."))
    return actor.organisation, neighbourhood


@transaction.atomic
def need_create(
    *,
    actor: User,
    title: str,
    main_skill: str,
    schedule: str,
    facility: Facility | None = None,
    neighbourhood: Neighbourhood | None = None,
    description: str = "",
    skills: Sequence[str] = (),
    languages_required: Mapping[str, int] | None = None,
    languages_preferred: Mapping[str, int] | None = None,
    volunteers_needed: int = 1,
    urgency: str = Need.Urgency.NORMAL,
    requires_certificate: bool | None = None,
    max_distance_km: float | None = None,
    external_id: str | None = None,
    status: str = Need.Status.OPEN,
) -> Need:
    organisation, hood = _check_place(actor, facility, neighbourhood)
    _check_schedule(schedule)
    main = skills_from_slugs([main_skill], field="main_skill")[0]
    further = skills_from_slugs(skills)
    required = languages_from_codes(languages_required or {}, field="languages_required")
    preferred = languages_from_codes(languages_preferred or {}, field="languages_preferred")
    if requires_certificate is None:
        requires_certificate = main.certificate_by_default
    need = Need(
        organisation=organisation,
        facility=facility,
        neighbourhood=hood,
        title=title.strip(),
        description=description.strip(),
        main_skill=main,
        schedule=schedule.strip(),
        volunteers_needed=volunteers_needed,
        urgency=urgency,
        requires_certificate=requires_certificate,
        max_distance_km=max_distance_km,
        external_id=external_id or None,
        status=status,
        created_by=actor,
        opened_at=timezone.now() if status == Need.Status.OPEN else None,
    )
    need.full_clean()
    need.save()
    need.skills.set([s for s in further if s.pk != main.pk])
    NeedLanguage.objects.bulk_create(
        [
            NeedLanguage(need=need, language=lang, min_level=lvl, required=True)
            for lang, lvl in required.items()
        ]
        + [
            NeedLanguage(need=need, language=lang, min_level=lvl, required=False)
            for lang, lvl in preferred.items()
            if lang not in required
        ]
    )
    return need

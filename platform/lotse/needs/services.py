"""Writes on needs: one service behind the pages, the API and the import.

Lifecycle: draft → open → filled / closed / cancelled (filled ⇄ open as places are taken and
given back). Editing an open or filled need keeps the previous version as a NeedRevision.
`actor=None` is the operator's import command on the server, trusted with every facility.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import Role, User
from lotse.places.models import Facility, Neighbourhood, Organisation
from lotse.places.selectors import facilities_visible_to
from lotse.taxonomy.models import Language, Skill
from lotse.volunteers.services import languages_from_codes, skills_from_slugs
from matching.errors import ParseError
from matching.timeslots import format_schedule, parse_schedule

from .models import Need, NeedLanguage, NeedRevision
from .selectors import need_snapshot, needs_editable_by, taken_slots
from .signals import need_cancelled

POSTING_ROLES = (Role.SOCIAL_WORKER, Role.FACILITY_STAFF, Role.ADMIN)
NOT_YOUR_FACILITY = _("You cannot post needs for this facility.")
NOT_YOUR_NEED = _("You cannot change this need.")
ROLE_CANNOT_POST = _("Your role does not allow posting needs.")
ONLY_SOCIAL_WORKERS_FOR_NEIGHBOURHOODS = _("Only social workers post needs for a neighbourhood.")
NO_ORGANISATION = _("Your account has no organisation.")
CHOOSE_A_PLACE = _("Choose a facility or a neighbourhood.")
UNREADABLE_SCHEDULE = _("Cannot read the schedule: %(detail)s")
SCHEDULE_IN_PAST = _("The schedule lies in the past.")
VOLUNTEERS_NEEDED_RANGE = _("Between 1 and %(max)s volunteers per need.")
FEWER_THAN_PLACED = _("%(taken)s volunteers are already placed; ask for at least as many.")
DISTANCE_RANGE = _("The distance must be more than 0 and at most %(max)s km.")
UNKNOWN_URGENCY = _("Urgency is low, normal or high.")
PLACE_FIXED = _("The place of a published need cannot change; cancel it and post a new one.")
NOT_EDITABLE = _("A %(status)s need cannot be changed any more.")
TRANSITION_NOT_ALLOWED = _("A %(status)s need cannot be %(action)s.")
ALL_PLACES_TAKEN = _("All places are taken; ask for more volunteers first.")
ONLY_DRAFTS_DELETED = _("Only drafts can be deleted; cancel a published need instead.")
MAX_VOLUNTEERS = 50


class NeedStateConflict(ValidationError):
    """The need's state does not allow this (or changed meanwhile): HTTP 409."""


# Target status per action, and from which states each is allowed.
ACTIONS: dict[str, tuple[str, tuple[str, ...]]] = {
    "open": (Need.Status.OPEN, (Need.Status.DRAFT,)),
    "fill": (Need.Status.FILLED, (Need.Status.OPEN,)),
    "reopen": (Need.Status.OPEN, (Need.Status.FILLED,)),
    "close": (Need.Status.CLOSED, (Need.Status.OPEN, Need.Status.FILLED)),
    "cancel": (Need.Status.CANCELLED, (Need.Status.DRAFT, Need.Status.OPEN)),
}
ACTION_PARTICIPLES = {
    "open": _("published"),
    "fill": _("marked as filled"),
    "reopen": _("reopened"),
    "close": _("closed"),
    "cancel": _("cancelled"),
}


def schedule_normalise(schedule: str, *, allow_past: bool = False) -> str:
    """The schedule in its canonical spelling; refused if unreadable or (unless allowed) past."""
    try:
        parsed = parse_schedule(schedule or "")
    except ParseError as exc:
        raise ValidationError({"schedule": UNREADABLE_SCHEDULE % {"detail": exc}}) from exc
    if not allow_past and parsed.is_in_past(timezone.localtime().replace(tzinfo=None)):
        raise ValidationError({"schedule": SCHEDULE_IN_PAST})
    return format_schedule(parsed)


def _check_actor(actor: User | None) -> None:
    if actor is not None and actor.role not in POSTING_ROLES and not actor.is_superuser:
        raise PermissionDenied(ROLE_CANNOT_POST)


def _place(
    actor: User | None, facility: Facility | None, neighbourhood: Neighbourhood | None
) -> tuple[Organisation, Neighbourhood | None]:
    _check_actor(actor)
    if facility is not None:
        if actor is not None and not facilities_visible_to(actor).filter(pk=facility.pk).exists():
            raise PermissionDenied(NOT_YOUR_FACILITY)
        return facility.organisation, facility.neighbourhood
    if neighbourhood is None or actor is None:
        raise ValidationError({"facility": CHOOSE_A_PLACE})
    if actor.role != Role.SOCIAL_WORKER:
        raise PermissionDenied(ONLY_SOCIAL_WORKERS_FOR_NEIGHBOURHOODS)
    if actor.organisation is None:
        raise ValidationError(NO_ORGANISATION)
    return actor.organisation, neighbourhood


def _check_numbers(volunteers_needed: int, max_distance_km: float | None, urgency: str) -> None:
    if not isinstance(volunteers_needed, int) or not 1 <= volunteers_needed <= MAX_VOLUNTEERS:
        raise ValidationError(
            {"volunteers_needed": VOLUNTEERS_NEEDED_RANGE % {"max": MAX_VOLUNTEERS}}
        )
    limit = settings.LOTSE_MAX_DISTANCE_KM
    if max_distance_km is not None and not 0 < max_distance_km <= limit:
        raise ValidationError({"max_distance_km": DISTANCE_RANGE % {"max": limit}})
    if urgency not in Need.Urgency.values:
        raise ValidationError({"urgency": UNKNOWN_URGENCY})


@dataclass
class _Content:
    """A need's content, checked and resolved to rows."""

    organisation: Organisation
    facility: Facility | None
    neighbourhood: Neighbourhood
    main: Skill
    further: list[Skill]
    required: dict[Language, int]
    preferred: dict[Language, int]
    fields: dict


def _content(place: tuple, data: Mapping, *, allow_past: bool) -> _Content:
    organisation, facility, hood = place
    schedule = schedule_normalise(data["schedule"], allow_past=allow_past)
    _check_numbers(data["volunteers_needed"], data["max_distance_km"], data["urgency"])
    main = skills_from_slugs([data["main_skill"]], field="main_skill")[0]
    further = [s for s in skills_from_slugs(data["skills"]) if s.pk != main.pk]
    required = languages_from_codes(data["languages_required"] or {}, field="languages_required")
    preferred = languages_from_codes(data["languages_preferred"] or {}, field="languages_preferred")
    requires_certificate = data["requires_certificate"]
    if requires_certificate is None:
        requires_certificate = main.certificate_by_default
    fields = {
        "title": data["title"].strip(),
        "description": data["description"].strip(),
        "schedule": schedule,
        "volunteers_needed": data["volunteers_needed"],
        "urgency": data["urgency"],
        "requires_certificate": requires_certificate,
        "max_distance_km": data["max_distance_km"],
    }
    preferred = {lang: lvl for lang, lvl in preferred.items() if lang not in required}
    return _Content(organisation, facility, hood, main, further, required, preferred, fields)


def _write(need: Need, content: _Content) -> Need:
    need.organisation, need.facility = content.organisation, content.facility
    need.neighbourhood, need.main_skill = content.neighbourhood, content.main
    for name, value in content.fields.items():
        setattr(need, name, value)
    # created_by None: the import command. Check constraints are checked above.
    need.full_clean(exclude=["created_by"], validate_constraints=False)
    need.save()
    need.skills.set(content.further)
    NeedLanguage.objects.filter(need=need).delete()
    NeedLanguage.objects.bulk_create(
        [NeedLanguage(need=need, language=lang, min_level=lvl, required=True)
         for lang, lvl in content.required.items()]
        + [NeedLanguage(need=need, language=lang, min_level=lvl, required=False)
           for lang, lvl in content.preferred.items()]
    )  # fmt: skip
    return need


@transaction.atomic
def need_create(
    *,
    actor: User | None,
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
    """A new need, published (`open`) or kept as a `draft`; the eFZ default follows the main
    skill when `requires_certificate` is None."""
    data = {
        "title": title, "description": description, "main_skill": main_skill, "skills": skills,
        "languages_required": languages_required, "languages_preferred": languages_preferred,
        "schedule": schedule, "volunteers_needed": volunteers_needed, "urgency": urgency,
        "requires_certificate": requires_certificate, "max_distance_km": max_distance_km,
    }  # fmt: skip
    if status not in (Need.Status.OPEN, Need.Status.DRAFT):
        raise ValidationError({"status": TRANSITION_NOT_ALLOWED % {
            "status": Need.Status.DRAFT.label, "action": ACTION_PARTICIPLES["open"]}})  # fmt: skip
    organisation, hood = _place(actor, facility, neighbourhood)
    content = _content((organisation, facility, hood), data, allow_past=False)
    need = Need(
        external_id=external_id or None,
        status=status,
        created_by=actor,
        opened_at=timezone.now() if status == Need.Status.OPEN else None,
    )
    return _write(need, content)


EDITABLE_FIELDS = (
    "facility", "neighbourhood", "title", "description", "main_skill", "skills",
    "languages_required", "languages_preferred", "schedule", "volunteers_needed", "urgency",
    "requires_certificate", "max_distance_km", "external_id",
)  # fmt: skip


def _current_data(need: Need) -> dict:
    snap = need_snapshot(need)
    data = {key: snap[key] for key in EDITABLE_FIELDS if key in snap}
    data["facility"], data["neighbourhood"] = need.facility, need.neighbourhood
    return data


@transaction.atomic
def need_update(*, need: Need, actor: User | None, **changes) -> Need:
    """Change a need; nothing happens if nothing differs. Open and filled needs keep the
    previous version in their history."""
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"need_update() got unexpected fields: {', '.join(sorted(unknown))}")
    need = _locked(need, actor)
    before = need_snapshot(need)
    data = _current_data(need) | changes
    place = (need.organisation, need.facility, need.neighbourhood)
    facility, hood = data["facility"], data["neighbourhood"]
    # With a facility the neighbourhood follows from it; without, the neighbourhood is the place.
    if facility != need.facility or (facility is None and hood != need.neighbourhood):
        if need.status != Need.Status.DRAFT:
            raise NeedStateConflict({"facility": PLACE_FIXED})
        organisation, hood = _place(actor, facility, hood)
        place = (organisation, facility, hood)
    # An unchanged schedule may lie in the past (editing the text of a need that ran).
    keeps_schedule = schedule_normalise(data["schedule"], allow_past=True) == need.schedule
    content = _content(place, data, allow_past=keeps_schedule)
    _check_taken(need, content.fields["volunteers_needed"])
    if "external_id" in changes:
        need.external_id = changes["external_id"] or None
    _write(need, content)
    if need_snapshot(need) == before:
        transaction.set_rollback(True)  # nothing differs: leave even updated_at alone
        return need
    if need.status in (Need.Status.CLOSED, Need.Status.CANCELLED):
        raise NeedStateConflict(NOT_EDITABLE % {"status": need.get_status_display()})
    if need.status != Need.Status.DRAFT:
        NeedRevision.objects.create(need=need, changed_by=actor, snapshot=before)
    need_sync_status(need=need)
    return need


def _locked(need: Need, actor: User | None) -> Need:
    if actor is not None:
        _check_actor(actor)
        if not needs_editable_by(actor).filter(pk=need.pk).exists():
            raise PermissionDenied(NOT_YOUR_NEED)
    return Need.objects.select_for_update().get(pk=need.pk)


def _check_taken(need: Need, volunteers_needed: int) -> None:
    taken = taken_slots([need.pk]).get(need.pk, 0)
    if volunteers_needed < taken:
        raise ValidationError({"volunteers_needed": FEWER_THAN_PLACED % {"taken": taken}})


@transaction.atomic
def need_transition(*, need: Need, actor: User | None, action: str) -> Need:
    """Publish, fill, reopen, close or cancel; a state that does not allow it is a conflict."""
    if action not in ACTIONS:
        raise ValidationError({"action": TRANSITION_NOT_ALLOWED % {
            "status": need.get_status_display(), "action": action}})  # fmt: skip
    locked = _locked(need, actor)
    target, sources = ACTIONS[action]
    if locked.status not in sources:
        params = {"status": locked.get_status_display(), "action": ACTION_PARTICIPLES[action]}
        raise NeedStateConflict(TRANSITION_NOT_ALLOWED % params)
    if action == "open":
        schedule_normalise(locked.schedule)
        locked.opened_at = timezone.now()
    if (
        action == "reopen"
        and taken_slots([locked.pk]).get(locked.pk, 0) >= locked.volunteers_needed
    ):
        raise NeedStateConflict(ALL_PLACES_TAKEN)
    locked.status = target
    locked.save(update_fields=["status", "opened_at", "updated_at"])
    if action == "cancel":
        # Same transaction and the need's lock: nobody is left on a cancelled need.
        need_cancelled.send(sender=Need, need=locked, actor=actor)
    return locked


def need_sync_status(*, need: Need) -> None:
    """Filled when every place is taken, open again when one is given back; the placements
    app calls it under the need's lock. Conditional updates keep it race-free and leave
    drafts, closed and cancelled needs alone."""
    need.refresh_from_db(fields=["volunteers_needed"])
    taken = taken_slots([need.pk]).get(need.pk, 0)
    if taken >= need.volunteers_needed:
        _set_status(need, Need.Status.OPEN, Need.Status.FILLED)
    else:
        _set_status(need, Need.Status.FILLED, Need.Status.OPEN)


def _set_status(need: Need, old: str, new: str) -> None:
    # `update()` skips auto_now: set updated_at, so that `?updated_since=` sees the change.
    Need.objects.filter(pk=need.pk, status=old).update(status=new, updated_at=timezone.now())


@transaction.atomic
def need_delete(*, need: Need, actor: User | None) -> None:
    locked = _locked(need, actor)
    if locked.status != Need.Status.DRAFT:
        raise NeedStateConflict(ONLY_DRAFTS_DELETED)
    locked.delete()

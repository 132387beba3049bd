"""Writes on concerns. Pages, the API and tasks call these."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import Role, User
from lotse.core.errors import MFA_REQUIRED_MESSAGE
from lotse.places.models import Facility
from lotse.volunteers.models import Volunteer
from notifications.services import notify

from .models import Category, Concern, ConcernNote, Status, Subject
from .references import reference_grouped, reference_new
from .selectors import concern_handlers, concerns_visible_to, linkable_volunteers, reference_digest

UNKNOWN_FACILITY = _("Please choose the facility the concern is about.")
UNKNOWN_CATEGORY = _("Please choose what kind of concern it is.")
UNKNOWN_SUBJECT = _("Please choose whom or what the concern is about.")
TEXT_REQUIRED = _("Please describe what happened.")
TEXT_TOO_LONG = _("Please keep the description under %(max)s characters.")
FIELD_TOO_LONG = _("This is too long (at most %(max)s characters).")
BAD_EMAIL = _("This e-mail address does not look right.")
NOTE_REQUIRED = _("Please write the note.")
RESOLUTION_REQUIRED = _("Please describe the outcome before closing the concern.")
NOT_A_HANDLER = _("Only the facility's contact persons and its district coordinators handle this.")
ALREADY_ACKNOWLEDGED = _("This concern has already been acknowledged.")
ACKNOWLEDGE_FIRST = _("Please acknowledge the concern before closing it.")
ALREADY_RESOLVED = _("This concern is closed.")
VOLUNTEER_NOT_LINKABLE = _(
    "Only a volunteer who has or had a placement at this facility can be named here."
)


class ConcernConflict(Exception):
    """The concern's state forbids this (HTTP 409)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


@dataclass(frozen=True)
class RaisedConcern:
    concern: Concern
    reference: str  # grouped for reading, shown once to the reporter, stored only as a hash


# ---------------------------------------------------------------------------
# Raising a concern (public, also anonymous)
# ---------------------------------------------------------------------------
def _check_length(errors: dict, field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        errors[field] = FIELD_TOO_LONG % {"max": limit}


def _validated(data: dict) -> dict:
    errors: dict = {}
    text = (data.get("text") or "").strip()
    limit = settings.LOTSE_CONCERN_MAX_CHARS
    if not text:
        errors["text"] = TEXT_REQUIRED
    elif len(text) > limit:
        errors["text"] = TEXT_TOO_LONG % {"max": limit}
    if data.get("category") not in Category.values:
        errors["category"] = UNKNOWN_CATEGORY
    if (data.get("subject") or Subject.SITUATION) not in Subject.values:
        errors["subject"] = UNKNOWN_SUBJECT
    for field, limit in (("person_named", 200), ("contact", 200), ("contact_phone", 50)):
        _check_length(errors, field, (data.get(field) or "").strip(), limit)
    email = (data.get("contact_email") or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors["contact_email"] = BAD_EMAIL
    if errors:
        raise ValidationError(errors)
    return {**data, "text": text, "contact_email": email}


def _facility(facility_id) -> Facility:
    try:
        return Facility.objects.get(pk=int(facility_id), is_active=True)
    except (TypeError, ValueError, OverflowError, Facility.DoesNotExist):
        raise ValidationError({"facility": UNKNOWN_FACILITY}) from None


@transaction.atomic
def concern_raise(
    *,
    facility_id,
    category: str,
    text: str,
    subject: str = Subject.SITUATION,
    person_named: str = "",
    contact: str = "",
    contact_email: str = "",
    contact_phone: str = "",
    reporter: User | None = None,
    reporter_hidden: bool = False,
) -> RaisedConcern:
    """Record a concern and tell the people who handle it; nothing is saved on bad input."""
    data = _validated(locals())
    facility = _facility(facility_id)
    reference = reference_new()
    now = timezone.now()
    concern = Concern.objects.create(
        facility=facility,
        category=category,
        subject=subject or Subject.SITUATION,
        text=data["text"],
        person_named=person_named.strip(),
        contact=contact.strip(),
        contact_email=data["contact_email"],
        contact_phone=contact_phone.strip(),
        reporter=reporter if reporter is not None and reporter.is_authenticated else None,
        reporter_hidden=bool(reporter_hidden),
        reference_digest=reference_digest(reference),
        created_at=now,
        response_due_at=now + dt.timedelta(hours=settings.LOTSE_CONCERN_RESPONSE_HOURS),
    )
    _tell_handlers(concern, "concern_raised")
    return RaisedConcern(concern, reference_grouped(reference))


def _context(concern: Concern, recipient: User) -> dict:
    # No text, no names: an e-mail is not the place for what happened. Administrators cannot
    # read concerns; their link leads to the facility, to name its contact persons.
    if recipient.role == Role.ADMIN and not recipient.contact_for_facilities.exists():
        url = f"/admin/places/facility/{concern.facility_id}/change/"
    else:
        url = f"/concerns/{concern.pk}/"
    return {
        "concern": concern.pk,
        "facility": concern.facility.name,
        "category": concern.category,
        "due": concern.response_due_at.isoformat(),
        "url": url,
    }


def _tell_handlers(concern: Concern, event: str) -> int:
    recipients = concern_handlers(concern.facility)
    if not recipients or (event == "concern_overdue" and not _has_coordinator(recipients)):
        # Nobody (or no coordinator) to escalate to: administrators get the bare fact, so they
        # can name contact persons; they still cannot read the concern.
        recipients += list(User.objects.filter(role=Role.ADMIN, is_active=True))
    seen = set()
    for user in recipients:
        if user.pk in seen:
            continue
        seen.add(user.pk)
        notify(
            recipient=user,
            event=event,
            context=_context(concern, user),
            dedupe_key=f"{event}:{concern.pk}:{user.pk}",
        )
    return len(seen)


def _has_coordinator(users: list[User]) -> bool:
    return any(u.role == Role.COORDINATOR for u in users)


# ---------------------------------------------------------------------------
# Case handling
# ---------------------------------------------------------------------------
def _locked_for(actor: User, concern: Concern) -> Concern:
    if actor.is_staff_role and actor.needs_mfa_setup():
        raise PermissionDenied(MFA_REQUIRED_MESSAGE)
    locked = concerns_visible_to(actor).select_for_update(of=("self",)).filter(pk=concern.pk)
    locked = locked.first()
    if locked is None:
        raise PermissionDenied(NOT_A_HANDLER)
    return locked


def _note(concern: Concern, actor: User, text: str) -> ConcernNote:
    return ConcernNote.objects.create(
        concern=concern, author=actor, author_role=actor.role, text=text
    )


@transaction.atomic
def concern_acknowledge(*, concern: Concern, actor: User, note: str = "") -> Concern:
    """The first response: new → in review."""
    concern = _locked_for(actor, concern)
    if concern.status != Status.NEW:
        raise ConcernConflict(ALREADY_RESOLVED if not concern.is_open else ALREADY_ACKNOWLEDGED)
    concern.status = Status.IN_REVIEW
    concern.acknowledged_at, concern.acknowledged_by = timezone.now(), actor
    concern.save(update_fields=["status", "acknowledged_at", "acknowledged_by"])
    if note.strip():
        concern_note_add(concern=concern, actor=actor, text=note)
    return concern


@transaction.atomic
def concern_note_add(*, concern: Concern, actor: User, text: str) -> ConcernNote:
    concern = _locked_for(actor, concern)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": NOTE_REQUIRED})
    limit = settings.LOTSE_CONCERN_MAX_CHARS
    if len(text) > limit:
        raise ValidationError({"text": TEXT_TOO_LONG % {"max": limit}})
    return _note(concern, actor, text)


@transaction.atomic
def concern_resolve(*, concern: Concern, actor: User, resolution: str) -> Concern:
    """in review → resolved, with the outcome; also lifts a suspension of placements."""
    concern = _locked_for(actor, concern)
    resolution = (resolution or "").strip()
    if not resolution:
        raise ValidationError({"resolution": RESOLUTION_REQUIRED})
    if len(resolution) > settings.LOTSE_CONCERN_MAX_CHARS:
        raise ValidationError(
            {"resolution": TEXT_TOO_LONG % {"max": settings.LOTSE_CONCERN_MAX_CHARS}}
        )
    if concern.status == Status.RESOLVED:
        raise ConcernConflict(ALREADY_RESOLVED)
    if concern.status == Status.NEW:
        raise ConcernConflict(ACKNOWLEDGE_FIRST)
    concern.status, concern.resolution = Status.RESOLVED, resolution
    concern.resolved_at, concern.resolved_by = timezone.now(), actor
    concern.save(update_fields=["status", "resolution", "resolved_at", "resolved_by"])
    return concern


@transaction.atomic
def concern_volunteer_link(
    *, concern: Concern, actor: User, volunteer_id, suspend: bool
) -> Concern:
    """Name the volunteer the concern is about; `suspend` blocks approvals until resolved."""
    concern = _locked_for(actor, concern)
    if not concern.is_open:
        raise ConcernConflict(ALREADY_RESOLVED)
    if volunteer_id in (None, ""):
        concern.volunteer, concern.suspends_placements = None, False
    else:
        try:
            volunteer = linkable_volunteers(concern).get(pk=int(volunteer_id))
        except (TypeError, ValueError, OverflowError, Volunteer.DoesNotExist):
            raise ValidationError({"volunteer": VOLUNTEER_NOT_LINKABLE}) from None
        concern.volunteer, concern.suspends_placements = volunteer, bool(suspend)
        concern.subject = Subject.VOLUNTEER
    concern.save(update_fields=["volunteer", "suspends_placements", "subject"])
    return concern


# ---------------------------------------------------------------------------
# Deadlines
# ---------------------------------------------------------------------------
@transaction.atomic
def concerns_escalate_overdue(*, now: dt.datetime | None = None) -> int:
    """Concerns without a first response by their deadline: tell handlers and coordinators
    (administrators when the district has none); each concern is escalated once."""
    now = now or timezone.now()
    overdue = (
        Concern.objects.select_for_update(skip_locked=True, of=("self",))
        .filter(status=Status.NEW, response_due_at__lt=now, escalated_at__isnull=True)
        .select_related("facility__neighbourhood")
    )
    count = 0
    for concern in overdue:
        _tell_handlers(concern, "concern_overdue")
        concern.escalated_at = now
        concern.save(update_fields=["escalated_at"])
        count += 1
    return count

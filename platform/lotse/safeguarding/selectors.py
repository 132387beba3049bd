"""Reads on concerns. Only the facility's named contact persons and the coordinators of its
district see a concern — administrators included, nobody else."""

import hashlib

from django.db.models import Q, QuerySet

from lotse.accounts.models import Role, User
from lotse.core.collation import by_name
from lotse.places.models import Facility
from lotse.volunteers.models import Volunteer

from .models import Concern, Status
from .references import reference_legacy, reference_normalised


def reference_digest(code: str) -> str:
    """Reference codes are stored hashed: a leaked table does not let anyone read a status."""
    return hashlib.sha256(code.strip().encode()).hexdigest()


def concern_handlers(facility: Facility) -> list[User]:
    """Who receives a concern about this facility: its contact persons and district coordinators."""
    wanted = Q(contact_for_facilities=facility)
    if facility.neighbourhood_id:
        wanted |= Q(role=Role.COORDINATOR, districts=facility.neighbourhood.district_id)
    return list(User.objects.filter(wanted, is_active=True).distinct().order_by("pk"))


def concerns_visible_to(user: User) -> QuerySet[Concern]:
    base = Concern.objects.select_related("facility__neighbourhood__district", "volunteer__user")
    if not (user.is_authenticated and user.is_active and user.is_staff_role):
        return base.none()
    wanted = Q(facility__contact_persons=user)
    if user.role == Role.COORDINATOR:
        wanted |= Q(facility__neighbourhood__district__in=user.districts.all())
    return base.filter(pk__in=Concern.objects.filter(wanted).values("pk"))


def can_handle_concerns(user: User) -> bool:
    """Whether the user could ever see a concern (pages and API refuse everyone else)."""
    if not (user.is_authenticated and user.is_staff_role):
        return False
    return user.role == Role.COORDINATOR or user.contact_for_facilities.exists()


def concerns_raised_by(user: User) -> QuerySet[Concern]:
    if not user.is_authenticated:
        return Concern.objects.none()
    return Concern.objects.filter(reporter=user).select_related("facility")


def concern_by_reference(typed: str) -> Concern | None:
    """The concern whose code a person typed: normalised first, then an old code as typed.

    New codes have 16 characters and old ones 12, so neither reading can match the other's
    concern; the answer for a wrong code is the same None either way.
    """
    candidates = [code for code in (reference_normalised(typed), reference_legacy(typed)) if code]
    digests = [reference_digest(code) for code in candidates]
    if not digests:
        return None
    found = {c.reference_digest: c for c in Concern.objects.filter(reference_digest__in=digests)}
    return next((found[digest] for digest in digests if digest in found), None)


def concerns_suspending_placements() -> QuerySet[Concern]:
    """Open concerns that suspend new placements: the approval gate's question, as rows (the
    decision queue asks it for all its volunteers inside its own query)."""
    return Concern.objects.filter(suspends_placements=True).exclude(status=Status.RESOLVED)


def volunteer_has_open_concern(volunteer) -> bool:
    """An open concern about the volunteer that suspends new placements (the approval gate)."""
    return concerns_suspending_placements().filter(volunteer=volunteer).exists()


def linkable_volunteers(concern: Concern):
    """Volunteers a handler may name in a concern: those with a placement at its facility."""
    return (
        Volunteer.objects.filter(placements__need__facility=concern.facility_id)
        .select_related("user")
        .distinct()
        .order_by(*by_name("user__first_name", "user__last_name"))
    )


def facilities_for_concerns() -> QuerySet[Facility]:
    """The public form lists active facilities by name only (no addresses)."""
    return Facility.objects.filter(is_active=True).only("pk", "name").order_by("name")

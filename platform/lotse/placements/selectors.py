"""Reads on placements, scoped by role from the first query."""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, F, Max, Min, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, TruncMonth

from lotse.accounts.models import Role, User
from lotse.core.collation import by_name
from lotse.core.scope import scope_rows
from lotse.volunteers.models import Volunteer

from .gates import gate_annotations, gate_facts, safeguarding_problems
from .models import AGREED_STATES, HoursEntry, Placement, PlacementEvent, State
from .roles import is_own_volunteer, is_staff_side
from .rules import allowed_actions


def _organisation_q(organisation_id: int, prefix: str = "") -> Q:
    """Placements whose deciding organisation is this one (facility operator, else the need's)."""
    return Q(**{f"{prefix}need__facility__organisation_id": organisation_id}) | Q(
        **{
            f"{prefix}need__facility__isnull": True,
            f"{prefix}need__organisation_id": organisation_id,
        }
    )


def _paths(prefix: str = "") -> dict:
    """How a placement (behind `prefix`) leads to the rungs of the role-scope ladder."""
    return {
        "organisation": lambda organisation_id: _organisation_q(organisation_id, prefix),
        "facility": f"{prefix}need__facility",
        "volunteer": f"{prefix}volunteer__user",
    }


def placements_visible_to(user: User) -> QuerySet[Placement]:
    """Coordinators see no placements as rows, only the aggregates over their districts."""
    base = Placement.objects.select_related(
        "need__facility__organisation", "need__neighbourhood", "volunteer__user"
    )
    return scope_rows(user, base, **_paths())


def decision_queue(
    *, user: User, facility_id: int | None = None, need_id: int | None = None
) -> QuerySet[Placement]:
    """Proposals waiting for this social worker's organisation to decide, oldest first."""
    if user.role != Role.SOCIAL_WORKER or not user.organisation_id:
        return Placement.objects.none()
    waiting = placements_visible_to(user).filter(state=State.PROPOSED, approved_at__isnull=True)
    if facility_id:
        waiting = waiting.filter(need__facility_id=facility_id)
    if need_id:
        waiting = waiting.filter(need_id=need_id)
    return waiting.order_by("created_at", "pk")


@dataclass(frozen=True)
class QueueRow:
    placement: Placement
    problems: list[str]  # safeguarding gates that would refuse approval; empty means clear


def decision_queue_rows(**filters) -> list[QueueRow]:
    rows = decision_queue(**filters).prefetch_related("volunteer__certificate_inspections")
    placements = list(rows.annotate(**gate_annotations()))
    facts = gate_facts(placements)
    return [
        QueueRow(
            placement,
            safeguarding_problems(need=placement.need, volunteer=placement.volunteer, facts=facts)
            if placement.volunteer_id
            else [],
        )
        for placement in placements
    ]


def actions_for(*, user: User, placement: Placement) -> list[str]:
    return allowed_actions(placement, user)


def facility_contact_for_volunteer(placement: Placement) -> dict | None:
    """What the volunteer learns about the place once a social worker has approved."""
    if placement.approved_at is None or placement.state not in (
        State.PROPOSED,
        State.ACTIVE,
        State.COMPLETED,
        State.ENDED_EARLY,
    ):
        return None
    need, approver = placement.need, placement.approved_by
    contact = {
        "social_worker": approver.get_full_name() if approver else "",
        "social_worker_email": approver.email if approver else "",
    }
    if need.facility_id:
        facility = need.facility
        contact |= {
            "facility": facility.name,
            "address": f"{facility.street}, {facility.postcode}",
            "phone": facility.phone,
            "consultation_hours": facility.consultation_hours,
            "contact_persons": [
                p.get_full_name()
                for p in facility.contact_persons.order_by(
                    *by_name("last_name", "first_name"), "pk"
                )
            ],
        }
    return contact


def volunteer_contact_for_staff(placement: Placement) -> dict | None:
    """Name, e-mail and phone reach the facility only once both sides have said yes."""
    if not placement.is_agreed or placement.volunteer_id is None:
        return None
    volunteer = placement.volunteer
    return {
        "name": volunteer.user.get_full_name(),
        "email": volunteer.user.email,
        "phone": volunteer.phone,
    }


def placement_contacts(*, user: User, placement: Placement) -> dict:
    """The other side's contact data as far as this user may see it now."""
    if is_own_volunteer(user, placement):
        return {"facility": facility_contact_for_volunteer(placement), "volunteer": None}
    if is_staff_side(user, placement):
        return {"facility": None, "volunteer": volunteer_contact_for_staff(placement)}
    return {"facility": None, "volunteer": None}


def contact_released_by_placement(user: User, volunteer: Volunteer) -> bool:
    """Whether a placement both sides agreed to puts the user on the volunteer's facility side:
    the volunteers app asks this before showing contact data (registered in ready())."""
    agreed = Placement.objects.filter(volunteer=volunteer, state__in=AGREED_STATES)
    return any(is_staff_side(user, placement) for placement in agreed.select_related("need"))


def placement_events(*, placement: Placement) -> QuerySet[PlacementEvent]:
    return placement.events.select_related("actor").order_by("at", "pk")


def events_for_export(
    *, user: User, since: dt.date | None = None, until: dt.date | None = None
) -> QuerySet[PlacementEvent]:
    """The audit trail for quality reports: scoped like placements, coordinators by district,
    none for volunteers."""
    events = PlacementEvent.objects.select_related(
        "placement__need__facility__organisation", "placement__need__organisation"
    )
    paths = _paths("placement__") | {"volunteer": None}
    events = scope_rows(user, events, district="placement__need__neighbourhood__district", **paths)
    if since:
        events = events.filter(at__date__gte=since)
    if until:
        events = events.filter(at__date__lte=until)
    return events.order_by("at", "pk")


# ---------------------------------------------------------------------------
# Hours: totals for the dashboard and the certificate of volunteering
# ---------------------------------------------------------------------------
CONFIRMED = Coalesce("confirmed_hours", "hours")


def hours_visible_to(user: User) -> QuerySet[HoursEntry]:
    """Scoped like placements; coordinators see the hours in their districts."""
    district = "placement__need__neighbourhood__district"
    return scope_rows(user, HoursEntry.objects.all(), district=district, **_paths("placement__"))


def _hours(user: User, start: dt.date | None, end: dt.date | None, confirmed_only: bool):
    entries = hours_visible_to(user)
    if confirmed_only:
        entries = entries.filter(confirmed_at__isnull=False)
    if start:
        entries = entries.filter(date__gte=start)
    if end:
        entries = entries.filter(date__lte=end)
    return entries


def hours_totals_by_volunteer(
    *, user: User, start=None, end=None, confirmed_only: bool = True
) -> list[dict]:
    """[{"volunteer_id", "hours", "entries"}]; coordinators see ids, never names."""
    rows = (
        _hours(user, start, end, confirmed_only)
        .filter(placement__volunteer__isnull=False)
        .values(volunteer_id=F("placement__volunteer_id"))
        .annotate(hours=Sum(CONFIRMED), entries=Count("pk"))
        .order_by("volunteer_id")
    )
    return list(rows)


def hours_totals_by_facility(
    *, user: User, start=None, end=None, confirmed_only: bool = True
) -> list[dict]:
    """[{"facility_id", "facility", "hours", "entries"}]; district needs have facility None."""
    rows = (
        _hours(user, start, end, confirmed_only)
        .values(
            facility_id=F("placement__need__facility_id"),
            facility=F("placement__need__facility__name"),
        )
        .annotate(hours=Sum(CONFIRMED), entries=Count("pk"))
        .order_by("facility")
    )
    return list(rows)


def hours_totals_by_month(
    *, user: User, start=None, end=None, confirmed_only: bool = True
) -> list[dict]:
    """[{"month": date (first of month), "hours", "entries"}], oldest first."""
    rows = (
        _hours(user, start, end, confirmed_only)
        .annotate(month=TruncMonth("date"))
        .values("month")
        .annotate(hours=Sum(CONFIRMED), entries=Count("pk"))
        .order_by("month")
    )
    return list(rows)


@dataclass(frozen=True)
class CertificateLine:
    placement: Placement
    first_day: dt.date | None
    last_day: dt.date | None
    hours: Decimal


def certificate_lines(*, user: User) -> list[CertificateLine]:
    """The volunteer's agreed placements with confirmed hours, for the Ehrenamtsnachweis."""
    if user.role != Role.VOLUNTEER:
        return []
    placements = placements_visible_to(user).filter(
        state__in=(State.ACTIVE, State.COMPLETED, State.ENDED_EARLY)
    )
    lines = []
    for placement in placements.order_by("activated_at"):
        confirmed = placement.hours.filter(confirmed_at__isnull=False)
        agg = confirmed.aggregate(total=Sum(CONFIRMED), first=Min("date"), last=Max("date"))
        lines.append(
            CertificateLine(placement, agg["first"], agg["last"], agg["total"] or Decimal(0))
        )
    return lines

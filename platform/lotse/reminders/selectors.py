"""Reads for the reminder jobs: who is placed, who decides, who coordinates."""

import datetime as dt

from django.conf import settings
from django.db.models import Q, QuerySet

from lotse.accounts.models import Role, User
from lotse.needs.models import Need
from lotse.placements.models import Placement, State
from lotse.volunteers.models import Volunteer

from .models import NeedMessage


def place_name(need: Need) -> str:
    return need.facility.name if need.facility_id else need.neighbourhood.name


def placed_users(need: Need) -> QuerySet[User]:
    """Volunteers with an active placement on the need (both said yes, approved)."""
    return User.objects.filter(
        volunteer__placements__need=need,
        volunteer__placements__state=State.ACTIVE,
        is_active=True,
    ).distinct()


def active_placements_on(dates: list[dt.date]) -> QuerySet[Placement]:
    """Active placements on one-off needs that take place on one of `dates` (the schedule
    text of a one-off need starts with its date)."""
    on_dates = Q()
    for day in dates:
        on_dates |= Q(need__schedule__startswith=day.isoformat())
    return Placement.objects.filter(on_dates, state=State.ACTIVE).select_related(
        "need__facility", "need__neighbourhood", "need__created_by", "volunteer__user"
    )


def overdue_proposals(cutoff: dt.datetime) -> QuerySet[Placement]:
    return Placement.objects.filter(
        state=State.PROPOSED, approved_at__isnull=True, created_at__lte=cutoff
    ).select_related("need__facility", "need__neighbourhood__district")


def district_coordinators(need: Need) -> QuerySet[User]:
    return User.objects.filter(
        role=Role.COORDINATOR, is_active=True, districts=need.neighbourhood.district_id
    )


def responsible_social_workers(need: Need) -> list[User]:
    """The need's author if a social worker, else those assigned to its facility, else the
    organisation's social workers."""
    workers = User.objects.filter(role=Role.SOCIAL_WORKER, is_active=True)
    author = workers.filter(pk=need.created_by_id)
    if author.exists():
        return list(author)
    if need.facility_id:
        assigned = workers.filter(facilities=need.facility_id)
        if assigned.exists():
            return list(assigned)
    return list(workers.filter(organisation_id=need.organisation_id))


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def volunteers_with_certificates_around(today: dt.date, before: int, after: int):
    """Volunteers having an inspection whose validity ends between `after` days ago and
    `before` days ahead, with all their inspections (a newer one may extend it)."""
    years = settings.LOTSE_CERTIFICATE_RENEWAL_YEARS
    day = dt.timedelta(days=1)
    dated_from = _years_before(today - dt.timedelta(days=after), years) - day
    dated_to = _years_before(today + dt.timedelta(days=before), years) + day
    return (
        Volunteer.objects.filter(
            user__is_active=True,
            certificate_inspections__certificate_date__range=(dated_from, dated_to),
        )
        .distinct()
        .select_related("user")
        .prefetch_related("certificate_inspections")
    )


def certificate_valid_until(volunteer: Volunteer) -> dt.date | None:
    dates = [i.valid_until() for i in volunteer.certificate_inspections.all()]
    dates = [d for d in dates if d is not None]
    return max(dates) if dates else None


def messages_for(need: Need) -> QuerySet[NeedMessage]:
    return NeedMessage.objects.filter(need=need).select_related("sender")

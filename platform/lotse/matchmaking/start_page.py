"""What is live for a volunteer, shown on her start page before any opportunity."""

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from lotse.accounts.models import User
from lotse.core.words import time_range, weekday_date
from lotse.placements.models import Placement
from lotse.placements.selectors import facility_contact_for_volunteer, placements_visible_to

LOOK_AHEAD_DAYS = 60


@dataclass(frozen=True)
class NextAppointment:
    placement: Placement
    when: str  # “Dienstag, 8. Dezember 2026, 16–18 Uhr”
    contact: dict | None  # what the placement page shows her once approved


@dataclass(frozen=True)
class LiveForVolunteer:
    next_appointment: NextAppointment | None = None
    active: list[Placement] = field(default_factory=list)
    waiting_for_you: list[Placement] = field(default_factory=list)
    waiting_for_approval: list[Placement] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.active or self.waiting_for_you or self.waiting_for_approval)


def _next_start(placement: Placement, now: dt.datetime) -> dt.datetime | None:
    try:
        schedule = placement.schedule
    except ValueError:  # an unreadable old schedule: no date to promise
        return None
    days = schedule.occurrences(now.date(), now.date() + dt.timedelta(days=LOOK_AHEAD_DAYS))
    return next((start for start, end in days if end > now), None)


def next_appointment(active: list[Placement]) -> NextAppointment | None:
    now = timezone.localtime().replace(tzinfo=None)
    upcoming = [(start, p) for p in active if (start := _next_start(p, now)) is not None]
    if not upcoming:
        return None
    start, placement = min(upcoming, key=lambda pair: (pair[0], pair[1].pk))
    schedule = placement.schedule
    when = f"{weekday_date(start.date())}, {time_range(schedule.start_minute, schedule.end_minute)}"
    return NextAppointment(placement, when, facility_contact_for_volunteer(placement))


def live_for_volunteer(user: User) -> LiveForVolunteer:
    """Her placements that are running or waiting for someone's answer, oldest first."""
    states = (Placement.State.ACTIVE, Placement.State.PROPOSED)
    rows = list(placements_visible_to(user).filter(state__in=states).order_by("created_at", "pk"))
    active = [p for p in rows if p.state == Placement.State.ACTIVE]
    return LiveForVolunteer(
        next_appointment=next_appointment(active),
        active=active,
        waiting_for_you=[p for p in rows if p.waits_for_volunteer],
        waiting_for_approval=[
            p for p in rows if p.waits_for_approval and not p.waits_for_volunteer
        ],
    )

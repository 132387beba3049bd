"""The beat jobs: find what is due and call notify(). Each job may run any number of times,
also after a missed day: the dedupe keys make a second run send nothing new."""

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from lotse.matchmaking.selectors import opportunities_for_volunteer
from lotse.needs.models import Need
from lotse.needs.selectors import with_open_slots
from lotse.placements.services.events import deciding_social_workers
from lotse.volunteers.models import Volunteer
from matching.errors import ParseError
from matching.timeslots import Schedule, parse_schedule
from notifications.errors import NotificationError
from notifications.models import DigestFrequency
from notifications.selectors import users_with_digest, was_notified
from notifications.services import notify

from .selectors import (
    active_placements_on,
    certificate_valid_until,
    district_coordinators,
    overdue_proposals,
    place_name,
    responsible_social_workers,
    volunteers_with_certificates_around,
)

log = logging.getLogger(__name__)
# An expired certificate is reported if it expired at most this long ago (not years later
# when the job first runs on old data).
EXPIRED_REPORT_DAYS = 30


def tell(**notification) -> int:
    """notify() once per key, in its own transaction: one bad row never stops a job.
    Returns 1 for a new notification, 0 if the key was used before or the row was refused."""
    if was_notified(notification["dedupe_key"]):
        return 0
    try:
        with transaction.atomic():
            notify(**notification, once=True)
    except NotificationError:
        log.exception("reminder %s not written", notification["dedupe_key"])
        return 0
    return 1


def _local_naive(now: dt.datetime) -> dt.datetime:
    """Schedules are local wall-clock times without a zone."""
    return timezone.localtime(now).replace(tzinfo=None)


def _address(need: Need) -> str:
    facility = need.facility
    return f"{facility.street}, {facility.postcode}" if facility else need.neighbourhood.name


def appointments_remind(*, now: dt.datetime | None = None) -> int:
    """Remind volunteers of a one-off appointment that starts within the next 24 hours."""
    local = _local_naive(now or timezone.now())
    window = dt.timedelta(hours=settings.LOTSE_APPOINTMENT_REMINDER_HOURS)
    dates = [local.date() + dt.timedelta(days=d) for d in range(window.days + 2)]
    sent = 0
    for placement in active_placements_on(dates):
        schedule = _schedule(placement.need)
        if schedule is None or not schedule.is_one_off or placement.volunteer is None:
            continue
        starts = schedule.first_start
        if not local < starts <= local + window:
            continue
        need = placement.need
        author = need.created_by
        sent += tell(
            recipient=placement.volunteer.user,
            event="appointment_reminder",
            context={
                "need_title": need.title,
                "place": place_name(need),
                "starts_at": timezone.make_aware(starts),
                "address": _address(need),
                "contact_person": author.get_full_name() if author else "",
                "contact_phone": need.facility.phone if need.facility_id else "",
                "url": reverse("placements:detail", args=[placement.pk]),
            },
            dedupe_key=f"appointment_reminder:{placement.pk}:{starts:%Y-%m-%d}",
        )
    return sent


def _certificate_notice(volunteer: Volunteer, valid_until: dt.date, today: dt.date) -> int:
    days_left = (valid_until - today).days
    key = f"{volunteer.pk}:{valid_until.isoformat()}"
    if days_left < 0:
        return tell(
            recipient=volunteer.user,
            event="certificate_expired",
            context={"valid_until": valid_until},
            dedupe_key=f"certificate_expired:{key}",
        )
    notice = min(d for d in settings.LOTSE_CERTIFICATE_NOTICE_DAYS if d >= days_left)
    return tell(
        recipient=volunteer.user,
        event="certificate_expiring",
        context={"valid_until": valid_until, "days_left": days_left},
        dedupe_key=f"certificate_expiring:{key}:{notice}",
    )


def certificates_remind(*, today: dt.date | None = None) -> int:
    """Tell volunteers 60 and 30 days before their certificate of conduct expires, and when
    it has expired (the matcher then leaves them out of needs that require one)."""
    today = today or timezone.localdate()
    ahead = max(settings.LOTSE_CERTIFICATE_NOTICE_DAYS)
    sent = 0
    for volunteer in volunteers_with_certificates_around(today, ahead, EXPIRED_REPORT_DAYS):
        valid_until = certificate_valid_until(volunteer)
        if valid_until is None:
            continue
        days_left = (valid_until - today).days
        if -EXPIRED_REPORT_DAYS <= days_left <= ahead:
            sent += _certificate_notice(volunteer, valid_until, today)
    return sent


def decisions_remind(*, now: dt.datetime | None = None) -> int:
    """Proposals without a decision for LOTSE_DECISION_OVERDUE_DAYS remind the deciding social
    workers, once per placement and worker; returns how many reminders were written or found."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.LOTSE_DECISION_OVERDUE_DAYS)
    sent = 0
    for placement in overdue_proposals(cutoff).iterator():
        for user in deciding_social_workers(placement):
            notify(
                recipient=user,
                event="decision_overdue",
                context={
                    "placement": placement.pk,
                    "need": placement.need_id,
                    "need_title": placement.need.title,
                    "waiting_since": placement.created_at.isoformat(),
                },
                dedupe_key=f"placement:{placement.pk}:decision_overdue:{user.pk}",
            )
            sent += 1
    return sent


def decisions_escalate(*, now: dt.datetime | None = None) -> int:
    """Proposals without a decision for LOTSE_DECISION_ESCALATION_DAYS go to the district
    coordinators (the social workers were reminded earlier by decisions_remind)."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.LOTSE_DECISION_ESCALATION_DAYS)
    sent = 0
    for placement in overdue_proposals(cutoff):
        need = placement.need
        for coordinator in district_coordinators(need):
            sent += tell(
                recipient=coordinator,
                event="decision_escalated",
                context={
                    "need_title": need.title,
                    "place": place_name(need),
                    "district": need.neighbourhood.district.name,
                    "waiting_days": (now - placement.created_at).days,
                },
                dedupe_key=f"decision_escalated:{placement.pk}:{coordinator.pk}",
            )
    return sent


def _schedule(need: Need) -> Schedule | None:
    try:
        return parse_schedule(need.schedule)
    except ParseError:
        log.warning("need %s has an unreadable schedule", need.pk)
        return None


def _open_needs_starting(first: dt.date, last: dt.date) -> dict[Need, dt.date]:
    """Open needs whose first date lies between `first` and `last`, with that date."""
    found = {}
    for need in Need.objects.filter(status=Need.Status.OPEN).select_related(
        "facility", "neighbourhood"
    ):
        schedule = _schedule(need)
        if schedule is not None and first <= schedule.first_date <= last:
            found[need] = schedule.first_date
    return found


def needs_unfilled_alert(*, today: dt.date | None = None) -> int:
    """A need still short of volunteers LOTSE_NEED_UNFILLED_ALERT_DAYS before its date alerts
    its social worker."""
    today = today or timezone.localdate()
    last = today + dt.timedelta(days=settings.LOTSE_NEED_UNFILLED_ALERT_DAYS)
    starting = _open_needs_starting(today, last)
    sent = 0
    for need in with_open_slots(starting):
        if need.open_slots <= 0:
            continue
        starts_on = starting[need]
        for worker in responsible_social_workers(need):
            sent += tell(
                recipient=worker,
                event="need_unfilled",
                context={
                    "need_title": need.title,
                    "place": place_name(need),
                    "starts_on": starts_on,
                    "open_slots": need.open_slots,
                    "url": reverse("needs:detail", args=[need.pk]),
                },
                dedupe_key=f"need_unfilled:{need.pk}:{starts_on.isoformat()}:{worker.pk}",
            )
    return sent


DIGEST_DAYS = {DigestFrequency.DAILY: 1, DigestFrequency.WEEKLY: 7}
DIGEST_SIZE = 10


def _digest_key(user, frequency: str, now: dt.datetime) -> str:
    day = timezone.localdate(now)
    if frequency == DigestFrequency.WEEKLY:
        year, week, _weekday = day.isocalendar()
        return f"opportunities_digest:{user.pk}:{year}-W{week:02d}"
    return f"opportunities_digest:{user.pk}:{day.isoformat()}"


def _new_opportunities(volunteer: Volunteer, since: dt.datetime) -> list[dict]:
    """Open needs near the volunteer, ranked by the matcher, posted since `since`."""
    ranked = opportunities_for_volunteer(volunteer=volunteer, limit=50)
    fresh = [r for r in ranked if r.need.opened_at and r.need.opened_at >= since]
    return [
        {
            "title": r.need.title,
            "place": place_name(r.need),
            "distance_km": round(r.opportunity.distance_km, 1),
            "schedule": r.need.schedule,
        }
        for r in fresh[:DIGEST_SIZE]
    ]


def digests_send(*, now: dt.datetime | None = None) -> int:
    """The opt-in digest of new opportunities near a volunteer, daily or weekly."""
    now = now or timezone.now()
    sent = 0
    for frequency, days in DIGEST_DAYS.items():
        for preference in users_with_digest(frequency):
            key = _digest_key(preference.user, frequency, now)
            volunteer = Volunteer.objects.filter(user=preference.user).first()
            if volunteer is None or volunteer.is_paused(timezone.localdate(now)):
                continue
            if was_notified(key):  # this period's digest went out already
                continue
            items = _new_opportunities(volunteer, now - dt.timedelta(days=days))
            if not items:
                continue
            sent += tell(
                recipient=preference.user,
                event="opportunities_digest",
                context={
                    "opportunities": items,
                    "days": days,
                    "url": reverse("matchmaking:opportunities"),
                },
                dedupe_key=key,
            )
    return sent

"""Retention of safeguarding data: certificate-of-conduct records by the law, old concerns,
old access-log entries. Each rule is a service; beat runs them daily (tasks.py).

eFZ (domain.md, §72a SGB VIII): an inspection record is deleted
- at once if no activity follows it — "at once" means: no placement of the volunteer was
  active at any time within LOTSE_CERTIFICATE_NO_ACTIVITY_DAYS after the inspection;
- otherwise at the latest LOTSE_CERTIFICATE_RETENTION_MONTHS after the last activity (the
  end of the last agreed placement, or the last day with logged hours); never while a
  placement is active;
- and as soon as a newer inspection of the same volunteer replaces it.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from lotse.core.models import AccessLogEntry
from lotse.placements.models import HoursEntry, Placement, State
from lotse.volunteers.models import CertificateInspection

from .models import Concern, Status

audit = logging.getLogger("lotse.audit")


@dataclass(frozen=True)
class Activity:
    ongoing: bool  # a placement is active now
    followed: bool  # some placement was active within the window after the inspection
    last_day: dt.date | None  # the last day of activity, when none is ongoing


def _agreed(volunteer_id: int):
    return Placement.objects.filter(volunteer_id=volunteer_id, activated_at__isnull=False)


def activity_after(inspection: CertificateInspection, today: dt.date) -> Activity:
    window_end = inspection.inspected_on + dt.timedelta(
        days=settings.LOTSE_CERTIFICATE_NO_ACTIVITY_DAYS
    )
    placements = list(_agreed(inspection.volunteer_id).only("state", "activated_at", "closed_at"))
    ongoing = any(p.state == State.ACTIVE for p in placements)
    followed = any(
        timezone.localdate(p.activated_at) <= window_end
        and (p.closed_at is None or timezone.localdate(p.closed_at) >= inspection.inspected_on)
        for p in placements
    )
    ends = [timezone.localdate(p.closed_at) for p in placements if p.closed_at]
    last_hours = HoursEntry.objects.filter(
        placement__volunteer_id=inspection.volunteer_id
    ).aggregate(last=Max("date"))["last"]
    days = [d for d in (*ends, last_hours) if d is not None]
    return Activity(ongoing, followed, max(days) if days else None)


def certificate_deletion_reason(inspection: CertificateInspection, today: dt.date) -> str | None:
    """Why this record must go today ("superseded", "no_activity", "after_activity"), or None."""
    newer = CertificateInspection.objects.filter(volunteer_id=inspection.volunteer_id).exclude(
        pk=inspection.pk
    )
    if (
        newer.filter(inspected_on__gt=inspection.inspected_on).exists()
        or newer.filter(inspected_on=inspection.inspected_on, pk__gt=inspection.pk).exists()
    ):
        return "superseded"
    activity = activity_after(inspection, today)
    if activity.ongoing:
        return None
    window = dt.timedelta(days=settings.LOTSE_CERTIFICATE_NO_ACTIVITY_DAYS)
    if not activity.followed:
        return "no_activity" if today > inspection.inspected_on + window else None
    keep = relativedelta(months=settings.LOTSE_CERTIFICATE_RETENTION_MONTHS)
    if activity.last_day is not None and today > activity.last_day + keep:
        return "after_activity"
    return None


@transaction.atomic
def certificate_inspections_purge(*, today: dt.date | None = None) -> dict[str, int]:
    """Delete every inspection record the law no longer lets us keep; counts by reason."""
    today = today or timezone.localdate()
    counts = {"superseded": 0, "no_activity": 0, "after_activity": 0}
    for inspection in CertificateInspection.objects.select_for_update().order_by("pk"):
        reason = certificate_deletion_reason(inspection, today)
        if reason is not None:
            inspection.delete()
            counts[reason] += 1
    audit.info("certificate inspections deleted by retention: %s", counts)
    return counts


@transaction.atomic
def concerns_purge_resolved(*, now: dt.datetime | None = None) -> int:
    """Resolved concerns (with their notes) go LOTSE_CONCERN_RETENTION_MONTHS after closing."""
    now = now or timezone.now()
    cutoff = now - relativedelta(months=settings.LOTSE_CONCERN_RETENTION_MONTHS)
    old = Concern.objects.filter(status=Status.RESOLVED, resolved_at__lt=cutoff)
    deleted = old.count()
    # Case notes are append-only for people; retention removes them with their case.
    old.delete()
    return deleted


def access_log_purge(*, now: dt.datetime | None = None) -> int:
    """Entries older than LOTSE_ACCESS_LOG_RETENTION_MONTHS; the only way rows leave the log."""
    now = now or timezone.now()
    cutoff = now - relativedelta(months=settings.LOTSE_ACCESS_LOG_RETENTION_MONTHS)
    deleted, _ = AccessLogEntry.objects.filter(at__lt=cutoff).delete()
    return deleted

"""Stale work, each item a need to open and act on — never a person.

- proposals waiting longer than LOTSE_DECISION_OVERDUE_DAYS for the social worker's or the
  volunteer's answer, counted per need;
- open needs that start within LOTSE_DASHBOARD_SOON_DAYS and still have open slots;
- open needs past their last date (to close or to re-date);
- active placements on needs that require a certificate of conduct whose volunteer's
  certificate runs out within LOTSE_DASHBOARD_CERTIFICATE_WARNING_DAYS (or has no valid one),
  counted per need: the coordinator learns that and when, not who.
"""

import datetime as dt
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, F, Min, OuterRef, Q, Subquery
from django.utils import timezone

from lotse.accounts.models import User
from lotse.needs.models import Need
from lotse.placements.models import Placement, State
from lotse.volunteers.models import CertificateInspection
from matching import ParseError, parse_schedule

from .filters import Filters
from .queries import open_q
from .sql import ended_q, schedule_start_text

audit = logging.getLogger("lotse.audit")


@dataclass(frozen=True)
class StaleItem:
    need_id: int
    title: str
    place: str
    organisation: str
    count: int  # proposals waiting, open slots, or placements affected
    since: dt.date | None = None  # waiting since / starts on / ended on / expires on
    detail: str = ""


@dataclass(frozen=True)
class StaleList:
    items: list[StaleItem]
    total: int  # all such needs, of which `items` shows the first LOTSE_DASHBOARD_LIST_LIMIT


def _limit() -> int:
    return settings.LOTSE_DASHBOARD_LIST_LIMIT


NEED_FIELDS = {
    "need_title": F("need__title"),
    "facility_name": F("need__facility__name"),
    "hood_name": F("need__neighbourhood__name"),
    "organisation_name": F("need__organisation__name"),
}


def _item(need_id: int, row: dict, count: int, since=None, detail: str = "") -> StaleItem:
    place = row["facility_name"] or row["hood_name"]
    return StaleItem(
        need_id, row["need_title"], place, row["organisation_name"], count, since, detail
    )


def waiting_proposals(*, filters: Filters) -> StaleList:
    """Proposals older than the decision deadline, per need, longest waiting first."""
    cutoff = timezone.now() - dt.timedelta(days=settings.LOTSE_DECISION_OVERDUE_DAYS)
    waiting = Placement.objects.filter(
        filters.needs_q("need__"), state=State.PROPOSED, created_at__lt=cutoff
    )
    rows = (
        waiting.values("need_id", **NEED_FIELDS)
        .annotate(
            n=Count("id"),
            since=Min("created_at"),
            staff=Count("id", filter=Q(approved_at__isnull=True)),
        )
        .order_by("since", "need_id")[: _limit()]
    )
    items = [
        _item(r["need_id"], r, r["n"], timezone.localdate(r["since"]),
              "staff" if r["staff"] else "volunteer")
        for r in rows
    ]  # fmt: skip
    return StaleList(items, waiting.values("need_id").distinct().count())


def unfilled_soon(*, filters: Filters) -> StaleList:
    """Open needs with open slots that start (one-off: take place) within the next days."""
    soon = filters.today + dt.timedelta(days=settings.LOTSE_DASHBOARD_SOON_DAYS)
    needs = (
        Need.objects.filter(open_q(filters.needs_q, filters.today))
        .alias(starts=schedule_start_text())
        .filter(starts__gte=filters.today.isoformat(), starts__lte=soon.isoformat())
        .annotate(held=Count("placements", filter=Q(placements__slot__isnull=False)))
        .filter(held__lt=F("volunteers_needed"))
    )
    rows = needs.values("id", "schedule", "volunteers_needed", "held", **_own(NEED_FIELDS))
    items = [
        _item(r["id"], r, r["volunteers_needed"] - r["held"], _first_date(r["schedule"]))
        for r in rows.order_by("starts", "id")[: _limit()]
    ]
    return StaleList(items, needs.count())


def past_but_open(*, filters: Filters) -> StaleList:
    """Needs still open after their last date, oldest first."""
    needs = Need.objects.filter(filters.needs_q(), status=Need.Status.OPEN).filter(
        ended_q(filters.today)
    )
    rows = needs.values("id", "schedule", **_own(NEED_FIELDS)).order_by("schedule", "id")
    items = [_item(r["id"], r, 1, _last_date(r["schedule"])) for r in rows[: _limit()]]
    return StaleList(items, needs.count())


def _own(fields: dict) -> dict:
    """The need's own fields, for queries on needs rather than on placements."""
    return {name: F(expr.name.removeprefix("need__")) for name, expr in fields.items()}


def _first_date(schedule: str) -> dt.date | None:
    try:
        return parse_schedule(schedule).first_date
    except ParseError:
        return None


def _last_date(schedule: str) -> dt.date | None:
    try:
        return parse_schedule(schedule).last_date
    except ParseError:
        return None


def certificates_expiring(*, filters: Filters, reader: User) -> StaleList:
    """Active placements needing an eFZ whose certificate runs out soon, per need."""
    horizon = filters.today + dt.timedelta(days=settings.LOTSE_DASHBOARD_CERTIFICATE_WARNING_DAYS)
    rows = list(_certificate_candidates(filters, horizon))
    audit.info(
        "certificate validity of %s active placements aggregated for the dashboard by user %s",
        len(rows), reader.pk,
    )  # fmt: skip
    per_need: dict[int, list] = {}
    for row in rows:
        until = _valid_until(row)
        if until is not None and until > horizon:
            continue
        entry = per_need.setdefault(row["need_id"], [row, 0, []])
        entry[1] += 1
        entry[2].append(until or dt.date.min)  # no valid certificate at all: first
    ordered = sorted(per_need.items(), key=lambda kv: (min(kv[1][2]), kv[0]))
    items = [
        _item(need_id, row, count, None if min(days) == dt.date.min else min(days))
        for need_id, (row, count, days) in ordered
    ]
    return StaleList(items[: _limit()], len(items))


def _valid_until(row: dict) -> dt.date | None:
    if row["certificate_date"] is None:
        return None
    inspection = CertificateInspection(
        certificate_date=row["certificate_date"],
        inspected_on=row["inspected_on"],
        disqualifying_conviction=bool(row["disqualifying"]),
    )
    return inspection.valid_until()


def _certificate_candidates(filters: Filters, horizon: dt.date):
    """Rows whose latest inspection may not reach past `horizon` (checked exactly later)."""
    years = settings.LOTSE_CERTIFICATE_RENEWAL_YEARS
    latest = CertificateInspection.objects.filter(volunteer=OuterRef("volunteer_id")).order_by(
        "-inspected_on", "-pk"
    )
    # A certificate dated after this day is valid beyond the horizon (29 February aside).
    dated_after = horizon.replace(year=horizon.year - years, day=min(horizon.day, 28))
    return (
        Placement.objects.filter(
            filters.needs_q("need__"), state=State.ACTIVE, need__requires_certificate=True
        )
        .annotate(
            certificate_date=Subquery(latest.values("certificate_date")[:1]),
            inspected_on=Subquery(latest.values("inspected_on")[:1]),
            disqualifying=Subquery(latest.values("disqualifying_conviction")[:1]),
        )
        .filter(
            Q(certificate_date__isnull=True)
            | Q(disqualifying=True)
            | Q(certificate_date__lte=dated_after + dt.timedelta(days=1))
        )
        .values("need_id", "certificate_date", "inspected_on", "disqualifying", **NEED_FIELDS)
    )

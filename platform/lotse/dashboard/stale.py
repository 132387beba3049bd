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
import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, F, Min, Q, Value, Window
from django.utils import timezone

from lotse.accounts.models import User
from lotse.core.audit import access_log_record_many
from lotse.needs.models import Need
from lotse.placements.models import Placement, State
from lotse.volunteers.models import CertificateInspection
from matching import ParseError, parse_schedule

from .filters import Filters
from .queries import open_q
from .sql import ended_q, schedule_start_text

audit = logging.getLogger("lotse.audit")
CERTIFICATE_READ_PURPOSE = "certificate of conduct: validity counted for the stale-work dashboard"


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


def stale_work(*, filters: Filters, reader: User) -> dict[str, StaleList]:
    """The four lists of the stale-work page. The three about needs are kept in the cache for
    LOTSE_DASHBOARD_CURRENT_REFRESH_SECONDS (as old as the summaries may be); the list read
    from certificate data is worked out on every view and never cached."""
    scope = f"{filters.today}|{filters.district_ids}|{sorted(filters.query().items())}"
    key = "lotse:dashboard:stale:" + hashlib.sha256(scope.encode()).hexdigest()
    lists = cache.get(key)
    if lists is None:
        lists = {
            "proposals": waiting_proposals(filters=filters),
            "soon": unfilled_soon(filters=filters),
            "past": past_but_open(filters=filters),
        }
        cache.set(key, lists, settings.LOTSE_DASHBOARD_CURRENT_REFRESH_SECONDS)
    return {**lists, "certificates": certificates_expiring(filters=filters, reader=reader)}


def _limit() -> int:
    return settings.LOTSE_DASHBOARD_LIST_LIMIT


NEED_FIELDS = {
    "need_title": F("title"),
    "facility_name": F("facility__name"),
    "hood_name": F("neighbourhood__name"),
    "organisation_name": F("organisation__name"),
}


def _details(need_ids: list[int]) -> dict[int, dict]:
    """Title, place and operator of the needs listed (one query for the page's rows)."""
    rows = Need.objects.filter(pk__in=need_ids).values("id", **NEED_FIELDS)
    return {row["id"]: row for row in rows}


def _item(need_id: int, row: dict, count: int, since=None, detail: str = "") -> StaleItem:
    place = row["facility_name"] or row["hood_name"]
    return StaleItem(
        need_id, row["need_title"], place, row["organisation_name"], count, since, detail
    )


def _listed(groups, make) -> StaleList:
    """The first LOTSE_DASHBOARD_LIST_LIMIT of `groups` (a grouped queryset, or rows, keyed by
    "nid"), with each need's details, and how many there are in all."""
    if isinstance(groups, list):
        shown, total = groups[: _limit()], len(groups)
    else:
        # COUNT(*) OVER () counts every group while only the first ones are read.
        shown = list(groups.annotate(total=Window(Count(Value(1))))[: _limit()])
        total = shown[0]["total"] if shown else 0
    details = _details([g["nid"] for g in shown])
    return StaleList([make(g, details[g["nid"]]) for g in shown], total)


def waiting_proposals(*, filters: Filters) -> StaleList:
    """Proposals older than the decision deadline, per need, longest waiting first."""
    cutoff = timezone.now() - dt.timedelta(days=settings.LOTSE_DECISION_OVERDUE_DAYS)
    groups = (
        Placement.objects.filter(
            filters.needs_q("need__"), state=State.PROPOSED, created_at__lt=cutoff
        )
        .values(nid=F("need_id"))
        .annotate(
            n=Count("id"),
            since=Min("created_at"),
            staff=Count("id", filter=Q(approved_at__isnull=True)),
        )
        .order_by("since", "need_id")
    )
    return _listed(groups, lambda g, row: _item(
        g["nid"], row, g["n"], timezone.localdate(g["since"]),
        "staff" if g["staff"] else "volunteer",
    ))  # fmt: skip


def unfilled_soon(*, filters: Filters) -> StaleList:
    """Open needs with open slots that start (one-off: take place) within the next days."""
    soon = filters.today + dt.timedelta(days=settings.LOTSE_DASHBOARD_SOON_DAYS)
    groups = (
        Need.objects.filter(open_q(filters.needs_q, filters.today))
        .alias(starts=schedule_start_text())
        .filter(starts__gte=filters.today.isoformat(), starts__lte=soon.isoformat())
        .annotate(held=Count("placements", filter=Q(placements__slot__isnull=False)))
        .filter(held__lt=F("volunteers_needed"))
        .values("schedule", "volunteers_needed", "held", nid=F("id"))
        .order_by("starts", "id")
    )
    return _listed(groups, lambda g, row: _item(
        g["nid"], row, g["volunteers_needed"] - g["held"], _first_date(g["schedule"])
    ))  # fmt: skip


def past_but_open(*, filters: Filters) -> StaleList:
    """Needs still open after their last date, oldest first."""
    needs = Need.objects.filter(filters.needs_q(), status=Need.Status.OPEN).filter(
        ended_q(filters.today)
    )
    groups = needs.values("schedule", nid=F("id")).order_by("schedule", "id")
    return _listed(groups, lambda g, row: _item(g["nid"], row, 1, _last_date(g["schedule"])))


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
    """Active placements needing an eFZ whose certificate runs out soon, per need. Every
    inspection read goes to the access log (GDPR Art. 10), even though only counts are shown."""
    horizon = filters.today + dt.timedelta(days=settings.LOTSE_DASHBOARD_CERTIFICATE_WARNING_DAYS)
    active = Placement.objects.filter(
        filters.needs_q("need__"), state=State.ACTIVE, need__requires_certificate=True
    )
    pairs = list(active.values_list("need_id", "volunteer_id"))
    latest, read = _latest_inspections({volunteer for _need, volunteer in pairs})
    access_log_record_many(actor=reader, records=read, purpose=CERTIFICATE_READ_PURPOSE)
    audit.info(
        "certificate validity of %s volunteers in active placements aggregated for the "
        "dashboard by user %s", len(latest), reader.pk,
    )  # fmt: skip
    per_need: dict[int, list[dt.date]] = {}
    for need_id, volunteer_id in pairs:
        until = latest.get(volunteer_id)
        if until is None or until <= horizon:
            per_need.setdefault(need_id, []).append(until or dt.date.min)
    groups = [
        {"nid": need_id, "n": len(days), "first": min(days)}
        for need_id, days in sorted(per_need.items(), key=lambda kv: (min(kv[1]), kv[0]))
    ]
    return _listed(groups, lambda g, row: _item(
        g["nid"], row, g["n"], None if g["first"] == dt.date.min else g["first"]
    ))  # fmt: skip


def _latest_inspections(volunteers: set[int]) -> tuple[dict[int, dt.date | None], list]:
    """Until when each volunteer's newest inspection (the one that counts) is valid, and every
    inspection row read to find out (for the access log)."""
    latest: dict[int, dt.date | None] = {}
    fields = ("volunteer_id", "certificate_date", "inspected_on", "disqualifying_conviction")
    rows = CertificateInspection.objects.filter(volunteer_id__in=volunteers).only(*fields)
    read = list(rows.order_by("volunteer_id", "-inspected_on", "-pk"))
    for inspection in read:
        if inspection.volunteer_id not in latest:
            latest[inspection.volunteer_id] = inspection.valid_until()
    return latest, read

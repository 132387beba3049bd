"""Decisions that wait too long: remind the deciding social workers once per placement."""

import datetime as dt

from django.conf import settings
from django.utils import timezone

from notifications.services import notify

from ..models import Placement, State
from .events import deciding_social_workers


def placements_remind_overdue(*, now: dt.datetime | None = None) -> int:
    """Notify about proposals without a decision for LOTSE_DECISION_OVERDUE_DAYS; returns count."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=settings.LOTSE_DECISION_OVERDUE_DAYS)
    waiting = Placement.objects.filter(
        state=State.PROPOSED, approved_at__isnull=True, created_at__lte=cutoff
    ).select_related("need__facility", "need__neighbourhood")
    sent = 0
    for placement in waiting.iterator():
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

"""Thin Celery tasks run by beat (scheduled in settings CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from lotse.accounts.tokens import tokens_prune
from lotse.volunteers.services import signup_drafts_expire

from .services import (
    inactive_volunteers_anonymise,
    inactive_volunteers_remind,
    unagreed_proposals_strip,
)

RETRY = {"autoretry_for": (Exception,), "retry_backoff": True, "max_retries": 3}


@shared_task(**RETRY)
def apply_retention() -> dict:
    """Daily: remind inactive volunteers, anonymise those past the grace period, strip
    personal details from old proposals that never became placements, drop stale sign-up
    drafts and API tokens revoked or expired past their retention."""
    return {
        "anonymised": inactive_volunteers_anonymise(),
        "reminded": inactive_volunteers_remind(),
        "proposals_stripped": unagreed_proposals_strip(),
        "signup_drafts_deleted": signup_drafts_expire(),
        "api_tokens_deleted": tokens_prune(),
    }

"""Thin Celery tasks run by beat (scheduled in settings CELERY_BEAT_SCHEDULE)."""

from celery import shared_task

from .retention import access_log_purge, certificate_inspections_purge, concerns_purge_resolved
from .services import concerns_escalate_overdue

RETRY = {"autoretry_for": (Exception,), "retry_backoff": True, "max_retries": 3}


@shared_task(**RETRY)
def escalate_overdue_concerns() -> int:
    """Every 30 minutes: concerns without a first response by their deadline."""
    return concerns_escalate_overdue()


@shared_task(**RETRY)
def purge_certificate_inspections() -> dict:
    """Daily: delete eFZ inspection records the law no longer lets us keep."""
    return certificate_inspections_purge()


@shared_task(**RETRY)
def purge_safeguarding_records() -> dict:
    """Daily: resolved concerns and access-log entries past their retention period."""
    return {"concerns": concerns_purge_resolved(), "access_log": access_log_purge()}

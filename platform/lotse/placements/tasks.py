"""Thin Celery tasks: load, call a service."""

from celery import shared_task

from .services import placements_remind_overdue


@shared_task(autoretry_for=(Exception,), retry_backoff=True, max_retries=3)
def remind_overdue_decisions() -> int:
    """Run daily from beat: remind social workers of proposals waiting too long."""
    return placements_remind_overdue()

"""Beat jobs that keep the dashboard's summaries and the public report fresh (refresh.py)."""

from celery import shared_task

from .refresh import (
    summary_refresh_all,
    summary_refresh_current,
    summary_refresh_daily,
    transparency_refresh,
)

# A refresh that overlaps the next one only repeats work; no retry storm on a busy database.
JOB = {"autoretry_for": (Exception,), "retry_backoff": True, "max_retries": 2}


@shared_task(name="dashboard.refresh_current", **JOB)
def refresh_current() -> int:
    return summary_refresh_current()


@shared_task(name="dashboard.refresh_recent", **JOB)
def refresh_recent() -> int:
    return summary_refresh_daily()


@shared_task(name="dashboard.refresh_all", **JOB)
def refresh_all() -> int:
    return summary_refresh_all()


@shared_task(name="dashboard.transparency", **JOB)
def refresh_transparency() -> int:
    return len(transparency_refresh()["areas"])

"""Beat jobs (scheduled in settings CELERY_BEAT_SCHEDULE): thin wrappers around jobs.py."""

from celery import shared_task

from . import jobs


@shared_task(name="reminders.appointments")
def remind_appointments() -> int:
    return jobs.appointments_remind()


@shared_task(name="reminders.certificates")
def remind_certificates() -> int:
    return jobs.certificates_remind()


# The name is the one the task had in the placements app: beat rows and queued messages use it.
@shared_task(
    name="lotse.placements.tasks.remind_overdue_decisions",
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=3,
)
def remind_overdue_decisions() -> int:
    return jobs.decisions_remind()


@shared_task(name="reminders.decisions")
def escalate_decisions() -> int:
    return jobs.decisions_escalate()


@shared_task(name="reminders.unfilled_needs")
def alert_unfilled_needs() -> int:
    return jobs.needs_unfilled_alert()


@shared_task(name="reminders.digests", soft_time_limit=1800, time_limit=2000)
def send_digests() -> int:
    return jobs.digests_send()

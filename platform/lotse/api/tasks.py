"""Beat job (scheduled in settings CELERY_BEAT_SCHEDULE): a thin wrapper around idempotency.py."""

from celery import shared_task

from .idempotency import idempotency_records_prune


# The explicit name predates the move from the web app: queued messages and the stored beat
# row keep finding the task by it.
@shared_task(name="web.idempotency_prune", soft_time_limit=300, time_limit=400)
def prune_idempotency_records() -> int:
    return idempotency_records_prune()

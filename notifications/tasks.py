"""Celery tasks: thin wrappers that take ids and call the delivery services."""

import logging
import time

from celery import shared_task

from . import conf
from .delivery import notification_deliver, outbox_due_now, outbox_prune, outbox_sweep

log = logging.getLogger(__name__)


class _BrokerPause:
    """After a failed publish, publishing pauses for a few seconds in this process, so a page
    that writes many notifications does not wait for the broker once per notification."""

    until = 0.0

    def is_on(self) -> bool:
        return time.monotonic() < self.until

    def start(self) -> None:
        self.until = time.monotonic() + conf.broker_pause_seconds()

    def reset(self) -> None:
        self.until = 0.0


broker_pause = _BrokerPause()
MAX_BUSY_RECHECKS = 30


@shared_task(bind=True, name="notifications.deliver", soft_time_limit=60, time_limit=90)
def deliver_notification(self, notification_id: int) -> str:
    outcome = notification_deliver(notification_id=notification_id)
    if outcome.status == "busy" and self.request.retries >= MAX_BUSY_RECHECKS:
        return outcome.status  # still locked: the sweeper publishes the row again later
    if outcome.retry_in is not None and not self.request.is_eager:
        # Bounded by the row (NOTIFICATIONS_MAX_ATTEMPTS), not by Celery's counter.
        raise self.retry(countdown=outcome.retry_in, max_retries=None)
    return outcome.status


def enqueue_delivery(notification_id: int) -> bool:
    """Publish the delivery task with a short timeout; False if the broker is unreachable
    (the row stays pending and the sweeper publishes it later). Never raises."""
    eager = deliver_notification.app.conf.task_always_eager
    if broker_pause.is_on() and not eager:
        outbox_due_now(notification_id=notification_id)
        return False
    try:
        deliver_notification.apply_async((notification_id,))
    except Exception as exc:
        if eager:
            log.exception("in-process delivery of notification %s failed", notification_id)
        else:
            log.warning("broker unreachable (%r): notification %s waits", exc, notification_id)
            broker_pause.start()
            outbox_due_now(notification_id=notification_id)
        return False
    return True


@shared_task(name="notifications.sweep", soft_time_limit=120, time_limit=180)
def sweep_outbox() -> dict:
    result = outbox_sweep(publish=enqueue_delivery)
    if result.published or result.expired:
        log.info("outbox sweep: %s", result)
    return result.__dict__


@shared_task(name="notifications.prune", soft_time_limit=600, time_limit=900)
def prune_outbox() -> int:
    return outbox_prune()

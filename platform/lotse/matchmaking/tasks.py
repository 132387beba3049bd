import logging

from celery import shared_task

from lotse.places.models import Organisation

from .models import MatchingRun
from .services import matching_run_execute as run_service
from .services import matching_run_fail, matching_settings_learn

logger = logging.getLogger(__name__)


@shared_task(acks_late=True)
def matching_run_execute(run_id: int) -> None:
    run = MatchingRun.objects.filter(pk=run_id, status=MatchingRun.Status.QUEUED).first()
    if run is None:  # redelivered after it ran, or unknown: nothing to do twice
        return
    try:
        run_service(run=run)
    except Exception as exc:
        logger.exception("global matching run %s failed", run_id)
        matching_run_fail(run_id=run_id, error=f"{type(exc).__name__}: {exc}")


@shared_task
def matching_learn_all() -> None:
    """Nightly: refit the weights of every organisation that has learning switched on."""
    for organisation in Organisation.objects.filter(matching_settings__learning_enabled=True):
        matching_settings_learn(organisation=organisation)

"""Writes of the matching side: weights learnt from decisions, global runs and suggestions."""

import time

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import Role, User
from lotse.places.models import Organisation
from matching import LabelledExample, assign_globally, candidate_graph, fit_weights, greedy_assign

from . import adapter
from .decisions import decision_examples
from .models import MatchingRun, MatchingSettings, MatchSuggestion
from .pool_cache import current_pool
from .selectors import open_needs, weights_for

RUN_NOT_ALLOWED = _("Only administrators and social workers start a global matching run.")


@transaction.atomic
def matching_settings_learn(*, organisation: Organisation) -> MatchingSettings:
    """Fit weights on the organisation's decisions; store them with their quality."""
    settings, _created = MatchingSettings.objects.select_for_update().get_or_create(
        organisation=organisation
    )
    examples = [
        LabelledExample(components, approved)
        for components, approved in decision_examples(organisation_id=organisation.pk)
    ]
    fit = fit_weights(
        examples, current=settings.configured_weights(), min_examples=settings.min_decisions
    )
    settings.learned_examples = fit.n_examples
    settings.learned_cv_auc, settings.current_auc = fit.cv_auc, fit.current_auc
    settings.learned_note = fit.reason or ""
    settings.learned_weights = fit.weights.as_dict() if fit.weights else None
    settings.learned_at = timezone.now()
    settings.save()
    return settings


def matching_run_start(*, actor: User, organisation: Organisation | None = None) -> MatchingRun:
    """Queue a global run (after commit); social workers run it for their own organisation."""
    if actor.role == Role.SOCIAL_WORKER:
        organisation = actor.organisation
    elif not actor.is_city_admin:
        raise PermissionDenied(RUN_NOT_ALLOWED)
    run = MatchingRun.objects.create(started_by=actor, organisation=organisation)
    from .tasks import matching_run_execute

    transaction.on_commit(lambda: matching_run_execute.delay(run.pk))
    return run


def _progress(run: MatchingRun, percent: int) -> None:
    MatchingRun.objects.filter(pk=run.pk).update(progress=percent)


def matching_run_execute(*, run: MatchingRun) -> MatchingRun:
    """Score all open needs at once, keep the optimal assignment as suggestions."""
    started = time.perf_counter()
    MatchingRun.objects.filter(pk=run.pk).update(status=MatchingRun.Status.RUNNING, progress=5)
    needs = open_needs()
    if run.organisation_id:
        needs = needs.filter(organisation_id=run.organisation_id)
    specs = adapter.need_specs(needs)
    _progress(run, 20)
    weights = weights_for(run.organisation_id)
    graph = candidate_graph(current_pool(), specs, today=adapter.today(), weights=weights)
    _progress(run, 60)
    best, greedy = assign_globally(graph=graph), greedy_assign(graph=graph)
    _progress(run, 90)
    with transaction.atomic():
        MatchSuggestion.objects.bulk_create(
            MatchSuggestion(run=run, need_id=s.need_id, volunteer_id=s.volunteer_id, score=s.score)
            for s in best.suggestions
        )
        run.status, run.progress, run.finished_at = MatchingRun.Status.DONE, 100, timezone.now()
        run.needs_count, run.total_slots = len(specs), best.total_slots
        run.total_score, run.coverage = best.total_score, best.coverage
        run.greedy_total_score, run.greedy_coverage = greedy.total_score, greedy.coverage
        run.seconds = time.perf_counter() - started
        run.save()
    return run


def matching_run_fail(*, run_id: int, error: str) -> None:
    MatchingRun.objects.filter(pk=run_id).update(
        status=MatchingRun.Status.FAILED, error=error[:500], finished_at=timezone.now()
    )


def suggestion_dismiss(*, suggestion: MatchSuggestion, actor: User) -> None:
    from .selectors import can_see_candidates

    if not can_see_candidates(actor, suggestion.need):
        raise PermissionDenied(RUN_NOT_ALLOWED)
    MatchSuggestion.objects.filter(pk=suggestion.pk).update(status=MatchSuggestion.Status.DISMISSED)

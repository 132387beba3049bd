from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from lotse.matchmaking.models import MatchingRun, MatchingSettings, MatchSuggestion
from lotse.matchmaking.services import matching_run_start, matching_settings_learn

pytestmark = pytest.mark.django_db


def test_a_global_run_makes_suggestions_not_placements(
    erin, arabic_need, amira, greta, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = matching_run_start(actor=erin)
    run.refresh_from_db()  # eager Celery: the task ran after commit
    assert run.status == MatchingRun.Status.DONE
    assert list(MatchSuggestion.objects.values_list("need_id", "volunteer_id")) == [
        (arabic_need.pk, amira.pk)
    ]
    assert run.total_score >= run.greedy_total_score
    assert run.coverage == 1.0


@pytest.mark.django_db(transaction=True)
def test_match_all_reports_the_run(erin, arabic_need, amira):
    out = StringIO()
    call_command("match_all", "--as", erin.email, stdout=out)
    assert "total score" in out.getvalue() and "greedy" in out.getvalue()


def test_match_all_refuses_a_non_administrator(alice):
    with pytest.raises(CommandError):
        call_command("match_all", "--as", alice.email, stdout=StringIO())


def test_a_social_worker_runs_only_for_their_organisation(alice, arabic_need):
    run = matching_run_start(actor=alice)
    assert run.organisation_id == alice.organisation_id


def test_volunteers_cannot_start_a_run(victor):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        matching_run_start(actor=victor)


def test_negative_weights_are_refused_at_configuration(stadt):
    settings = MatchingSettings(organisation=stadt, weight_distance=-1)
    with pytest.raises(ValidationError):
        settings.full_clean()


def test_all_zero_weights_are_refused_at_configuration(stadt):
    zeros = {
        f"weight_{n}": 0
        for n in ("distance", "skills", "languages", "availability", "workload", "continuity")
    }
    with pytest.raises(ValidationError):
        MatchingSettings(organisation=stadt, **zeros).full_clean()


def test_the_learner_refuses_without_enough_decisions(stadt):
    settings = matching_settings_learn(organisation=stadt)
    assert settings.learned_weights is None
    assert settings.learned_note
    assert settings.effective_weights() == settings.configured_weights()


def test_open_suggestions_appear_in_the_social_workers_queue(
    client, erin, alice, arabic_need, amira, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        matching_run_start(actor=erin)
    client.force_login(alice)
    page = client.get("/placements/queue/").content.decode()
    assert amira.display_name in page
    assert "origin=global_run" in page


def test_a_proposed_suggestion_leaves_the_queue(
    client, erin, alice, arabic_need, amira, django_capture_on_commit_callbacks
):
    from lotse.placements.services import placement_propose

    with django_capture_on_commit_callbacks(execute=True):
        matching_run_start(actor=erin)
    placement_propose(need=arabic_need, volunteer=amira, actor=alice, origin="global_run")
    client.force_login(alice)
    assert "origin=global_run" not in client.get("/placements/queue/").content.decode()


def test_the_candidates_page_offers_to_propose(client, alice, arabic_need, amira):
    client.force_login(alice)
    page = client.get(f"/needs/{arabic_need.pk}/candidates/").content.decode()
    assert f"volunteer={amira.pk}" in page

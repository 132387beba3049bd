"""The load-test data builder at a tiny size (the full size takes minutes: see performance.md)."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count

from lotse.accounts.models import Role, User
from lotse.demo.load_data import (
    ALREADY_BUILT_MESSAGE,
    LOAD_PASSWORD,
    LoadDataExists,
    LoadSize,
    build_load_data,
    social_worker_email,
    volunteer_email,
)
from lotse.demo.load_data.accounts import export_accounts
from lotse.matchmaking.pool_cache import pool_rebuild
from lotse.matchmaking.selectors import candidates_for_need
from lotse.needs.models import Need
from lotse.placements.models import Placement
from lotse.privacy.models import Consent
from lotse.volunteers.models import Volunteer

TINY = LoadSize(
    volunteers=200, needs=20, placements=1_000, organisations=2,
    facilities_per_organisation=3, social_workers_per_organisation=3, coordinators=2,
)  # fmt: skip


@pytest.fixture
def tiny_city():
    return build_load_data(size=TINY)


def test_it_builds_the_requested_numbers(tiny_city):
    assert Volunteer.objects.count() == 200
    assert Need.objects.filter(status=Need.Status.OPEN).count() == 20
    assert Placement.objects.count() == 1_000
    assert (tiny_city.volunteers, tiny_city.open_needs, tiny_city.placements) == (200, 20, 1_000)


def test_it_puts_historical_placements_on_closed_needs_only(tiny_city):
    assert not Placement.objects.filter(need__status=Need.Status.OPEN).exists()
    assert not Placement.objects.filter(state__in=Placement.BLOCKING_STATES).exists()
    states = dict(Placement.objects.values_list("state").annotate(n=Count("pk")))
    assert states["completed"] > states["rejected"] > 0


def test_it_gives_every_volunteer_a_login_and_both_consents(tiny_city):
    volunteer = User.objects.get(email=volunteer_email(7))
    assert volunteer.check_password(LOAD_PASSWORD)
    assert volunteer.emailaddress_set.get().verified
    assert Consent.objects.filter(user=volunteer).count() == 2
    assert volunteer.volunteer.skills.exists()


def test_it_builds_profiles_the_profile_form_accepts(tiny_city):
    """At least one skill and one language each, and a weekly time (the form insists)."""
    assert not Volunteer.objects.filter(languages__isnull=True).exists()
    assert not Volunteer.objects.filter(skills__isnull=True).exists()
    assert not Volunteer.objects.filter(availability="").exists()


def test_it_gives_social_workers_two_factor_authentication(tiny_city):
    worker = User.objects.get(email=social_worker_email(1, 2))
    assert worker.role == Role.SOCIAL_WORKER and worker.has_mfa()
    assert worker.check_password(LOAD_PASSWORD)


def test_it_builds_needs_the_engine_can_rank(tiny_city):
    pool_rebuild()
    need = Need.objects.filter(status=Need.Status.OPEN).select_related("organisation").first()
    worker = User.objects.filter(organisation=need.organisation, role=Role.SOCIAL_WORKER).first()
    ranked = candidates_for_need(user=worker, need=need, limit=5)
    assert ranked.not_rankable is None
    assert ranked.results


def test_it_moves_the_id_counters_past_the_written_rows(tiny_city):
    made = User.objects.create(email="after-the-load@example.org")
    assert made.pk > User.objects.exclude(pk=made.pk).order_by("-pk").first().pk


def test_it_refuses_to_build_twice(tiny_city):
    with pytest.raises(LoadDataExists) as error:
        build_load_data(size=TINY)
    assert str(error.value) == str(ALREADY_BUILT_MESSAGE)
    assert Volunteer.objects.count() == 200


@pytest.mark.parametrize(
    "size", [{"volunteers": 0}, {"needs": 0}, {"placements": -1}, {"organisations": 0}]
)
def test_it_refuses_an_impossible_size(size):
    with pytest.raises(ValueError):
        LoadSize(**size)


def test_it_writes_the_logins_for_the_locust_scenario(tiny_city, tmp_path):
    export_accounts(path=tmp_path / "accounts.json", per_role=50)
    accounts = json.loads((tmp_path / "accounts.json").read_text())
    assert len(accounts["volunteer"]) == 50 and len(accounts["social_worker"]) == 6
    assert accounts["password"] == LOAD_PASSWORD and len(accounts["coordinator"]) == 2


def test_the_command_builds_with_progress_and_then_leaves_the_data_alone():
    out, err = io.StringIO(), io.StringIO()
    args = ["--volunteers", "30", "--needs", "3", "--placements", "60", "--organisations", "1"]
    call_command("build_load_data", *args, stdout=out, stderr=err)
    assert "built 30 volunteers, 3 open needs" in out.getvalue()
    assert "placements" in err.getvalue() and "100%" in err.getvalue()
    call_command("build_load_data", *args, "--if-missing", stdout=out, stderr=err)
    assert "already present" in out.getvalue()
    with pytest.raises(CommandError):
        call_command("build_load_data", *args, stdout=out, stderr=err)
    assert Volunteer.objects.count() == 30

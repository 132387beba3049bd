"""As a city's IT would build on us (issue 19): a client generated from /api/schema/ with
openapi-python-client (pinned in the dev lock) — no warning, every module imports, and the main
journeys run through the generated client only, against a live server:
staff lists needs, reads candidates and proposes; the volunteer reads opportunities and
accepts; staff approves; hours; the coordinator reads district demand; an anonymous concern;
the volunteer's data export."""

import datetime as dt
import importlib
import json
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import timezone

from lotse.accounts.tokens import issue_token
from lotse.matchmaking.need_cache import needs_forget
from lotse.matchmaking.pool_cache import pool_forget
from lotse.placements.models import Placement
from tests.api_conformance import published_schema

from ..placements.factories import in_days

pytestmark = pytest.mark.django_db(transaction=True)
VENV_BIN = Path(sys.executable).parent
PACKAGE = "lotse_api_client"


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """The client package, generated and imported once for the module."""
    folder = tmp_path_factory.mktemp("client")
    schema = folder / "schema.json"
    schema.write_text(json.dumps(published_schema()), encoding="utf-8")
    env = {**os.environ, "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}"}
    done = subprocess.run(  # noqa: S603 - the pinned generator of our own virtualenv
        [str(VENV_BIN / "openapi-python-client"), "generate", "--path", str(schema),
         "--meta", "none", "--output-path", str(folder / PACKAGE)],
        capture_output=True, text=True, env=env, timeout=300, check=False,
    )  # fmt: skip
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    assert "warning" not in output.lower(), output
    sys.path.insert(0, str(folder))
    try:
        package = importlib.import_module(PACKAGE)
        modules = [
            importlib.import_module(info.name)
            for info in pkgutil.walk_packages(package.__path__, f"{PACKAGE}.")
        ]
        yield package, len(modules)
    finally:
        sys.path.remove(str(folder))
        for name in [name for name in sys.modules if name.startswith(PACKAGE)]:
            del sys.modules[name]


def api(name: str):
    return importlib.import_module(f"{PACKAGE}.api.v1.{name}")


def model(name: str):
    return getattr(importlib.import_module(f"{PACKAGE}.models"), name)


def client_for(generated, live_server, user=None):
    package, _count = generated
    if user is None:
        return package.Client(base_url=live_server.url, raise_on_unexpected_status=True)
    _token, key = issue_token(user, name="generated client")
    return package.AuthenticatedClient(
        base_url=live_server.url, token=key, raise_on_unexpected_status=True
    )


def test_the_generated_client_has_every_module_and_imports(generated):
    _package, count = generated
    assert count > 150  # an api module per operation, a model per component


def test_the_main_journeys_run_through_the_generated_client(
    generated, live_server, world, alice, dora, victor, wim, facility_a1
):
    pool_forget(), needs_forget()
    staff = client_for(generated, live_server, alice)
    volunteer = client_for(generated, live_server, wim)

    # Staff: a need for Tuesday afternoons (wim's default times), then the list.
    start = in_days(1)
    need = api("v1_needs_create").sync(
        client=staff,
        idempotency_key="journey-need-1",
        body=model("NeedInputRequest")(
            facility=facility_a1.pk,
            title="Hausaufgabenhilfe",
            main_skill="accompaniment",
            requires_certificate=False,
            schedule=f"weekly tue 16:00-18:00 from {start} until {start + dt.timedelta(days=90)}",
        ),
    )
    assert need.title == "Hausaufgabenhilfe"
    needs = api("v1_needs_list").sync(client=staff, ordering=model("V1NeedsListOrdering")("-id"))
    assert needs.results[0].id == need.id and needs.count >= 2

    # Candidates, then a proposal.
    candidates = api("v1_needs_candidates_retrieve").sync(need.id, client=staff, explain=True)
    ranked = {row.volunteer.id: row for row in candidates.results}
    assert wim.volunteer.pk in ranked, candidates
    assert 0 <= ranked[wim.volunteer.pk].score <= 1
    proposal = api("v1_placements_create").sync(
        client=staff,
        idempotency_key="journey-proposal-1",
        body=model("CreateInputRequest")(need=need.id, volunteer=wim.volunteer.pk),
    )
    assert proposal.state == "proposed"

    # The volunteer sees the need among the opportunities and accepts the proposal.
    opportunities = api("v1_volunteers_me_opportunities_retrieve").sync(client=volunteer)
    assert opportunities.count == len(opportunities.results)
    verb = model("V1PlacementsTransitionVerb")
    accepted = api("v1_placements_transition").sync(proposal.id, verb.ACCEPT, client=volunteer)
    assert (accepted.state, accepted.accepted_at is not None) == ("proposed", True)

    # Staff approve, with the tag they read.
    tagged = api("v1_placements_retrieve").sync_detailed(proposal.id, client=staff)
    approved = api("v1_placements_transition").sync(
        proposal.id, verb.APPROVE, client=staff, if_match=tagged.headers["ETag"]
    )
    assert approved.state == "active"  # accepted by her and approved by staff
    assert Placement.objects.get(pk=proposal.id).state == "active"

    # Hours on victor's running placement.
    placement = Placement.objects.get(volunteer=victor.volunteer, state="active")
    hours = api("v1_placements_hours_create").sync(
        placement.pk,
        client=client_for(generated, live_server, victor),
        idempotency_key="journey-hours-1",
        body=model("HoursInputRequest")(date=timezone.localdate(), hours="2.5"),
    )
    assert float(hours.hours) == 2.5

    # The coordinator's district demand.
    demand = api("v1_districts_demand_retrieve").sync(
        client=client_for(generated, live_server, dora)
    )
    assert demand.count >= 1 and demand.results

    # An anonymous concern.
    raised = api("v1_concerns_create").sync(
        client=client_for(generated, live_server),
        idempotency_key="journey-concern-1",
        body=model("ConcernRaiseInputRequest")(
            facility=facility_a1.pk, category=model("CategoryEnum")("other"), text="Streit im Hof."
        ),
    )
    assert raised.reference

    # The volunteer's own data.
    export = api("v1_volunteers_me_export_retrieve").sync(client=volunteer)
    assert export.format_ == "lotse-personal-data/1"
    assert any(section.model == "volunteers.volunteer" for section in export.sections)

"""The decision queue asks the safeguarding gates for all its rows inside its own query
(`gate_annotations`, issue 21): each row's problems are what the approval asks one by one,
for a volunteer without the code of conduct, with it withdrawn, with an open concern that
suspends placements (new or in review), with one that does not suspend or is resolved, and
for one who is clear."""

import itertools

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from lotse.placements import gates
from lotse.placements.gates import CODE_OF_CONDUCT_MISSING, OPEN_CONCERN, safeguarding_problems
from lotse.placements.selectors import decision_queue_rows
from lotse.privacy.models import Consent
from lotse.privacy.services import consent_withdraw
from lotse.safeguarding.models import Concern, Status
from lotse.safeguarding.selectors import concerns_suspending_placements

from ..factories import UserFactory, VolunteerFactory
from .factories import NeedFactory, make_placement, ready_volunteer

pytestmark = pytest.mark.django_db
DIGESTS = itertools.count()


def _concern(facility, volunteer, *, suspends: bool, status: str) -> None:
    Concern.objects.create(
        facility=facility, category="harassment", text="…", volunteer=volunteer,
        suspends_placements=suspends, status=status, reference_digest=f"{next(DIGESTS):064d}",
        response_due_at=timezone.now(),
        resolved_at=timezone.now() if status == Status.RESOLVED else None,
    )  # fmt: skip


@pytest.fixture
def waiting(facility_a1, alice):
    """Proposals at alice's facility, one per kind of volunteer."""
    clear = ready_volunteer()
    no_conduct = VolunteerFactory(user=UserFactory())
    withdrawn = ready_volunteer()
    consent_withdraw(user=withdrawn.user, kind=Consent.Kind.CODE_OF_CONDUCT)
    concerns = {}
    for status, suspends in [(Status.NEW, True), (Status.IN_REVIEW, True),
                             (Status.RESOLVED, True), (Status.NEW, False)]:  # fmt: skip
        concerns[(status, suspends)] = volunteer = ready_volunteer()
        _concern(facility_a1, volunteer, suspends=suspends, status=status)
    volunteers = [clear, no_conduct, withdrawn, *concerns.values()]
    for volunteer in volunteers:
        make_placement(
            need=NeedFactory(facility=facility_a1, created_by=alice), volunteer=volunteer
        )
    return {
        "clear": clear, "no_conduct": no_conduct, "withdrawn": withdrawn,
        "concern new": concerns[(Status.NEW, True)],
        "concern in review": concerns[(Status.IN_REVIEW, True)],
        "concern resolved": concerns[(Status.RESOLVED, True)],
        "concern not suspending": concerns[(Status.NEW, False)],
    }  # fmt: skip


def test_each_row_has_the_problems_the_approval_would_find(alice, waiting):
    rows = decision_queue_rows(user=alice)
    assert {row.placement.volunteer_id for row in rows} == {v.pk for v in waiting.values()}
    for row in rows:
        placement = row.placement
        asked = safeguarding_problems(need=placement.need, volunteer=placement.volunteer)
        assert row.problems == asked, placement.volunteer_id
    found = {row.placement.volunteer_id: row.problems for row in rows}
    conduct, concern = str(CODE_OF_CONDUCT_MISSING), str(OPEN_CONCERN)
    assert found[waiting["clear"].pk] == []
    assert found[waiting["no_conduct"].pk] == [conduct]
    assert found[waiting["withdrawn"].pk] == [conduct]
    assert found[waiting["concern new"].pk] == [concern]
    assert found[waiting["concern in review"].pk] == [concern]
    assert found[waiting["concern resolved"].pk] == []
    assert found[waiting["concern not suspending"].pk] == []


def test_the_safeguarding_app_registers_its_concerns_at_startup():
    assert gates.open_concerns.registered is concerns_suspending_placements


def test_the_queue_refuses_to_answer_without_the_safeguarding_app(alice, waiting, monkeypatch):
    monkeypatch.setattr(gates.open_concerns, "registered", None)
    with pytest.raises(ImproperlyConfigured, match="lotse.safeguarding registers"):
        decision_queue_rows(user=alice)

"""The two ways in, the volunteer's answer, rejection reasons, withdrawing and ending."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lotse.needs.models import Need
from lotse.placements.errors import PlacementConflict
from lotse.placements.models import Origin, Placement, RejectReason, State
from lotse.placements.rules import NOT_STARTED, ONLY_THE_VOLUNTEER
from lotse.placements.services import (
    placement_accept,
    placement_end,
    placement_propose,
    placement_reject,
)
from lotse.placements.services.propose import ALREADY_PROPOSED, NOT_YOUR_NEED, ONLY_YOURSELF
from lotse.placements.services.transitions import (
    NEED_NOT_OPEN,
    NOTE_REQUIRED_FOR_OTHER,
    REASON_REQUIRED,
)

from .factories import ready_volunteer

pytestmark = pytest.mark.django_db


def test_it_lets_a_social_worker_propose_a_candidate(need, volunteer, alice):
    placement = placement_propose(need=need, volunteer=volunteer, actor=alice)
    assert placement.state == State.PROPOSED
    assert placement.origin == Origin.SOCIAL_WORKER
    assert placement.accepted_at is None and placement.approved_at is None


def test_it_keeps_the_origin_of_a_global_run_suggestion(need, volunteer, alice):
    placement = placement_propose(
        need=need, volunteer=volunteer, actor=alice, origin=Origin.GLOBAL_RUN, reasons=["2 km"]
    )
    assert placement.origin == Origin.GLOBAL_RUN
    assert placement.explanation["reasons"] == ["2 km"]


def test_it_counts_a_volunteers_offer_as_their_yes(need, volunteer, victor):
    placement = placement_propose(
        need=need, volunteer=volunteer, actor=victor, message="Ich spreche Arabisch."
    )
    assert placement.origin == Origin.VOLUNTEER
    assert placement.accepted_at is not None
    assert placement.message == "Ich spreche Arabisch."


def test_it_refuses_a_volunteer_offering_someone_else(need, volunteer):
    olga = ready_volunteer("olga@example.org")
    with pytest.raises(PermissionDenied, match=str(ONLY_YOURSELF)):
        placement_propose(need=need, volunteer=volunteer, actor=olga.user)
    assert not Placement.objects.exists()


def test_it_refuses_a_proposal_from_another_organisation(need, volunteer, charlie):
    with pytest.raises(PermissionDenied, match=str(NOT_YOUR_NEED)):
        placement_propose(need=need, volunteer=volunteer, actor=charlie)
    assert not Placement.objects.exists()


def test_it_refuses_facility_staff_proposing(need, volunteer, bob):
    with pytest.raises(PermissionDenied):
        placement_propose(need=need, volunteer=volunteer, actor=bob)


def test_it_refuses_proposing_the_same_volunteer_twice(need, volunteer, alice):
    placement_propose(need=need, volunteer=volunteer, actor=alice)
    with pytest.raises(PlacementConflict, match=str(ALREADY_PROPOSED)):
        placement_propose(need=need, volunteer=volunteer, actor=alice)
    assert Placement.objects.count() == 1


def test_it_refuses_proposals_for_a_need_that_is_not_open(need, volunteer, alice):
    Need.objects.filter(pk=need.pk).update(status=Need.Status.DRAFT)
    with pytest.raises(PlacementConflict, match=str(NEED_NOT_OPEN)):
        placement_propose(need=need, volunteer=volunteer, actor=alice)


def test_it_refuses_accepting_someone_elses_proposal(proposal):
    olga = ready_volunteer("olga@example.org")
    with pytest.raises(PermissionDenied, match=str(ONLY_THE_VOLUNTEER)):
        placement_accept(placement=proposal, actor=olga.user)
    assert Placement.objects.get(pk=proposal.pk).accepted_at is None


def test_it_refuses_a_reject_without_reason(proposal, alice):
    with pytest.raises(ValidationError) as caught:
        placement_reject(placement=proposal, actor=alice)
    assert caught.value.message_dict == {"reason": [str(REASON_REQUIRED)]}
    assert Placement.objects.get(pk=proposal.pk).state == State.PROPOSED


def test_it_asks_for_words_when_the_reason_is_other(proposal, alice):
    with pytest.raises(ValidationError) as caught:
        placement_reject(placement=proposal, actor=alice, reason="other")
    assert caught.value.message_dict == {"note": [str(NOTE_REQUIRED_FOR_OTHER)]}


@pytest.mark.parametrize("reason", RejectReason.values[:-1])
def test_it_rejects_with_a_reason_from_the_list(proposal, alice, reason):
    placement = placement_reject(placement=proposal, actor=alice, reason=reason)
    assert (placement.state, placement.reject_reason) == (State.REJECTED, reason)
    assert placement.decisions.get().approved is False


def test_it_takes_free_text_as_other(proposal, alice):
    placement = placement_reject(placement=proposal, actor=alice, reason="Schon vergeben")
    assert (placement.reject_reason, placement.reason_note) == ("other", "Schon vergeben")


def test_it_refuses_ending_a_placement_that_never_started(active, victor):
    with pytest.raises(PlacementConflict, match=str(NOT_STARTED)):
        placement_end(placement=active, actor=victor, reason="Umzug")
    assert Placement.objects.get(pk=active.pk).state == State.ACTIVE


def test_it_refuses_ending_a_proposed_placement(proposal, alice):
    with pytest.raises(PlacementConflict):
        placement_end(placement=proposal, actor=alice)

"""Places taken on a need: one count (`needs.selectors.taken_slots`) for its status, its pages
and matching — a place is taken by an approved placement that holds a slot, not by a proposal."""

import pytest

from lotse.needs.models import Need
from lotse.needs.selectors import taken_slots, with_open_slots
from lotse.needs.services import need_update
from lotse.placements.services import placement_approve

from ..placements.factories import NeedFactory, make_placement, ready_volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(facility_a2, alice):
    return NeedFactory(facility=facility_a2, created_by=alice)


def test_a_proposal_not_yet_approved_takes_no_place(need):
    make_placement(need=need, volunteer=ready_volunteer(), how="accepted")
    assert taken_slots([need.pk]) == {}
    assert with_open_slots([need])[0].open_slots == 1


def test_editing_a_need_with_a_pending_proposal_leaves_it_open_for_the_approval(need, alice):
    placement = make_placement(need=need, volunteer=ready_volunteer(), how="accepted")
    need_update(need=need, actor=alice, title="Begleitung zum Sozialamt")
    assert Need.objects.get(pk=need.pk).status == Need.Status.OPEN
    placement_approve(placement=placement, actor=alice)
    assert Need.objects.get(pk=need.pk).status == Need.Status.FILLED


def test_a_completed_placement_keeps_its_place_and_a_withdrawn_one_gives_it_back(need):
    make_placement(need=need, volunteer=ready_volunteer(), how="completed")
    make_placement(need=need, volunteer=ready_volunteer(), how="withdrawn")
    assert taken_slots([need.pk]) == {need.pk: 1}


def test_it_counts_every_open_need_when_given_no_ids(need, facility_a2, alice):
    NeedFactory(facility=facility_a2, created_by=alice)
    make_placement(need=need, volunteer=ready_volunteer(), how="active")
    assert taken_slots(None) == {need.pk: 1}

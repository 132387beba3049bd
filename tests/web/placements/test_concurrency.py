"""Races on PostgreSQL: concurrent approvals in threads never overfill a need, never place a
volunteer twice at the same time, never approve one placement twice."""

import pytest

from lotse.placements.errors import PlacementConflict
from lotse.placements.models import Placement, State
from lotse.placements.services import placement_approve
from lotse.placements.services.transitions import NEED_FULL
from tests.threads import concurrently

from .factories import NeedFactory, make_placement, one_off, ready_volunteer

pytestmark = pytest.mark.usefixtures("postgres", "transactional_db")
ROUNDS, SLOTS, CANDIDATES = 50, 2, 4


def _approve(placement, actor):
    return lambda: placement_approve(placement=placement, actor=actor)


def test_concurrent_approvals_fill_exactly_the_slots(facility_a2, alice):
    volunteers = [ready_volunteer() for _ in range(CANDIDATES)]
    for round_ in range(ROUNDS):
        need = NeedFactory(
            facility=facility_a2, volunteers_needed=SLOTS, schedule=one_off(5 + round_)
        )
        placements = [make_placement(need=need, volunteer=v, how="accepted") for v in volunteers]
        results = concurrently([_approve(p, alice) for p in placements])
        won = [r for r in results if isinstance(r, Placement)]
        lost = [r for r in results if isinstance(r, PlacementConflict)]
        assert (len(won), len(lost)) == (SLOTS, CANDIDATES - SLOTS), results
        assert {str(r) for r in lost} == {str(NEED_FULL)}
        active = Placement.objects.filter(need=need, state=State.ACTIVE)
        assert sorted(active.values_list("slot", flat=True)) == list(range(1, SLOTS + 1))


def test_concurrent_approvals_of_one_placement_succeed_once(facility_a2, alice, charlie):
    volunteer = ready_volunteer()
    for round_ in range(10):
        need = NeedFactory(facility=facility_a2, schedule=one_off(5 + round_))
        placement = make_placement(need=need, volunteer=volunteer, how="accepted")
        results = concurrently([_approve(placement, alice) for _ in range(3)])
        assert sum(isinstance(r, Placement) for r in results) == 1, results
        assert sum(isinstance(r, PlacementConflict) for r in results) == 2
        assert Placement.objects.get(pk=placement.pk).events.count() == 1


def test_concurrent_approvals_never_overlap_a_volunteers_appointments(facility_a2, alice):
    volunteer = ready_volunteer()
    for round_ in range(10):
        needs = [
            NeedFactory(facility=facility_a2, schedule=one_off(5 + round_, "10:00-12:00")),
            NeedFactory(facility=facility_a2, schedule=one_off(5 + round_, "11:00-12:00")),
        ]
        placements = [make_placement(need=n, volunteer=volunteer, how="accepted") for n in needs]
        results = concurrently([_approve(p, alice) for p in placements])
        assert sum(isinstance(r, Placement) for r in results) == 1, results
        assert sum(isinstance(r, PlacementConflict) for r in results) == 1

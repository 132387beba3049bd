"""A short word from each side, once the placement is over."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lotse.placements.errors import PlacementConflict
from lotse.placements.models import Side
from lotse.placements.services import placement_feedback_give
from lotse.placements.services.feedback import FEEDBACK_GIVEN, FEEDBACK_NOT_YET

from .factories import make_placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def completed(need, volunteer, alice):
    return make_placement(need=need, volunteer=volunteer, how="completed", approver=alice)


def test_each_side_gives_feedback_once(completed, victor, bob):
    assert (
        placement_feedback_give(placement=completed, actor=victor, text="Schön").side
        == Side.VOLUNTEER
    )
    assert placement_feedback_give(placement=completed, actor=bob, text="Danke").side == Side.STAFF
    with pytest.raises(PlacementConflict, match=str(FEEDBACK_GIVEN)):
        placement_feedback_give(placement=completed, actor=victor, text="Nochmal")


def test_it_refuses_feedback_before_the_end(active, victor):
    with pytest.raises(PlacementConflict, match=str(FEEDBACK_NOT_YET)):
        placement_feedback_give(placement=active, actor=victor, text="Zu früh")


def test_it_refuses_empty_feedback_and_outsiders(completed, victor, charlie):
    with pytest.raises(ValidationError):
        placement_feedback_give(placement=completed, actor=victor, text="  ")
    with pytest.raises(PermissionDenied):
        placement_feedback_give(placement=completed, actor=charlie, text="Hallo")

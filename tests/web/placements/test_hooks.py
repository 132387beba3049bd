"""The hooks between placements and the apps around it: filled at start-up, loud when empty."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from lotse.placements import decisions
from lotse.placements.selectors import contact_released_by_placement
from lotse.volunteers import selectors as volunteer_selectors

from .factories import make_placement

pytestmark = pytest.mark.django_db


def test_the_matchmaking_app_registers_its_pair_scorer(need, volunteer):
    components = decisions.score_components_at_decision(need=need, volunteer=volunteer)
    assert set(components) >= {"distance", "skills", "languages"}


def test_the_placements_app_registers_its_contact_rule():
    assert volunteer_selectors.contact_rule.registered is contact_released_by_placement


def test_contact_data_without_a_registered_rule_is_a_configuration_error(
    alice, volunteer, monkeypatch
):
    monkeypatch.setattr(volunteer_selectors.contact_rule, "registered", None)
    with pytest.raises(ImproperlyConfigured, match="contact release rule"):
        volunteer_selectors.contact_released_to(alice, volunteer)


def test_an_agreed_placement_releases_contact_data_to_the_facility_side(
    need, volunteer, alice, bob
):
    make_placement(need=need, volunteer=volunteer, how="active", approver=alice)
    assert contact_released_by_placement(alice, volunteer)
    assert contact_released_by_placement(bob, volunteer)


def test_a_proposal_releases_no_contact_data(proposal, volunteer, alice):
    assert not contact_released_by_placement(alice, volunteer)

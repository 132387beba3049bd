"""Approval: who may approve, the safeguarding gates, capacity, overlaps, the matcher's record."""

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lotse.core.errors import MFA_REQUIRED_MESSAGE
from lotse.needs.models import Need
from lotse.placements import gates
from lotse.placements.errors import PlacementConflict
from lotse.placements.models import Placement, State
from lotse.placements.rules import ALREADY_APPROVED, NOT_OPEN, ONLY_SOCIAL_WORKERS
from lotse.placements.services import placement_approve, placement_withdraw
from lotse.placements.services.transitions import NEED_FULL, OVERLAPS
from lotse.privacy.models import Consent
from lotse.volunteers.models import CertificateInspection

from ..factories import StaffFactory
from .factories import NeedFactory, make_placement, one_off, ready_volunteer

pytestmark = pytest.mark.django_db


def _unchanged(placement: Placement) -> bool:
    row = Placement.objects.get(pk=placement.pk)
    return row.approved_at is None and row.slot is None and not row.events.exists()


def test_it_approves_and_holds_a_slot(proposal, alice):
    placement = placement_approve(placement=proposal, actor=alice)
    assert placement.state == State.PROPOSED
    assert placement.approved_by == alice
    assert placement.slot == 1


def test_it_activates_when_the_volunteer_had_already_accepted(accepted, alice):
    placement = placement_approve(placement=accepted, actor=alice)
    assert placement.state == State.ACTIVE
    assert placement.activated_at is not None


def test_it_refuses_approving_twice(proposal, alice):
    placement_approve(placement=proposal, actor=alice)
    with pytest.raises(PlacementConflict, match=str(ALREADY_APPROVED)):
        placement_approve(placement=proposal, actor=alice)
    assert Placement.objects.get(pk=proposal.pk).events.count() == 1


def test_it_refuses_approving_a_rejected_placement(need, volunteer, alice):
    rejected = make_placement(need=need, volunteer=volunteer, how="rejected")
    with pytest.raises(PlacementConflict) as caught:
        placement_approve(placement=rejected, actor=alice)
    assert caught.value.message == NOT_OPEN % {"state": State.REJECTED.label}
    assert Placement.objects.get(pk=rejected.pk).state == State.REJECTED


def test_it_refuses_a_social_worker_of_another_organisation(proposal, charlie):
    with pytest.raises(PermissionDenied, match=str(ONLY_SOCIAL_WORKERS)):
        placement_approve(placement=proposal, actor=charlie)
    assert _unchanged(proposal)


def test_it_refuses_a_social_worker_without_two_factor_authentication(proposal, stadt):
    no_mfa = StaffFactory(role="social_worker", organisation=stadt, mfa=False)
    with pytest.raises(PermissionDenied, match=str(MFA_REQUIRED_MESSAGE)):
        placement_approve(placement=proposal, actor=no_mfa)
    assert _unchanged(proposal)


def test_it_lets_the_needs_organisation_decide_for_a_district_need(volunteer, alice, charlie):
    from lotse.places.models import Neighbourhood

    district_need = NeedFactory(
        facility=None,
        organisation=charlie.organisation,
        neighbourhood=Neighbourhood.objects.get(name="Coerde"),
    )
    placement = make_placement(need=district_need, volunteer=volunteer)
    with pytest.raises(PermissionDenied):
        placement_approve(placement=placement, actor=alice)
    assert placement_approve(placement=placement, actor=charlie).approved_by == charlie


def test_it_refuses_without_a_valid_certificate_when_the_need_requires_one(
    facility_a2, volunteer, alice
):
    need = NeedFactory(facility=facility_a2, requires_certificate=True)
    placement = make_placement(need=need, volunteer=volunteer)
    with pytest.raises(ValidationError) as caught:
        placement_approve(placement=placement, actor=alice)
    assert str(gates.CERTIFICATE_MISSING) in caught.value.messages
    assert _unchanged(placement)


def test_it_approves_with_a_certificate_valid_when_the_work_starts(facility_a2, volunteer, alice):
    today = timezone.localdate()
    CertificateInspection.objects.create(
        volunteer=volunteer, certificate_date=today - dt.timedelta(days=20), inspected_on=today
    )
    need = NeedFactory(facility=facility_a2, requires_certificate=True)
    placement = make_placement(need=need, volunteer=volunteer)
    assert placement_approve(placement=placement, actor=alice).approved_at is not None


def test_a_newer_inspection_with_a_conviction_overrides_an_older_valid_one(
    facility_a2, volunteer, alice
):
    today = timezone.localdate()
    CertificateInspection.objects.create(
        volunteer=volunteer,
        certificate_date=today - dt.timedelta(days=400),
        inspected_on=today - dt.timedelta(days=380),
    )
    CertificateInspection.objects.create(
        volunteer=volunteer,
        certificate_date=today - dt.timedelta(days=20),
        inspected_on=today - dt.timedelta(days=10),
        disqualifying_conviction=True,
    )
    need = NeedFactory(facility=facility_a2, requires_certificate=True)
    placement = make_placement(need=need, volunteer=volunteer)
    with pytest.raises(ValidationError):
        placement_approve(placement=placement, actor=alice)
    assert _unchanged(placement)


def test_it_refuses_a_certificate_that_expires_before_the_work_starts(
    facility_a2, volunteer, alice, settings
):
    today = timezone.localdate()
    settings.LOTSE_CERTIFICATE_RENEWAL_YEARS = 1
    CertificateInspection.objects.create(
        volunteer=volunteer,
        certificate_date=today - dt.timedelta(days=360),
        inspected_on=today - dt.timedelta(days=300),
    )
    need = NeedFactory(facility=facility_a2, requires_certificate=True, schedule=one_off(30))
    placement = make_placement(need=need, volunteer=volunteer)
    with pytest.raises(ValidationError):
        placement_approve(placement=placement, actor=alice)


def test_it_refuses_when_the_code_of_conduct_is_not_acknowledged(need, victor, alice):
    Consent.objects.filter(user=victor).update(withdrawn_at=timezone.now())
    placement = make_placement(need=need, volunteer=victor.volunteer)
    with pytest.raises(ValidationError) as caught:
        placement_approve(placement=placement, actor=alice)
    assert caught.value.messages == [str(gates.CODE_OF_CONDUCT_MISSING)]


def test_it_refuses_when_a_concern_is_open(proposal, alice, monkeypatch):
    monkeypatch.setattr(gates, "open_concerns_exist", lambda volunteer: True)
    with pytest.raises(ValidationError) as caught:
        placement_approve(placement=proposal, actor=alice)
    assert caught.value.messages == [str(gates.OPEN_CONCERN)]
    assert _unchanged(proposal)


def test_it_never_approves_more_than_the_need_has_places(facility_a2, alice):
    need = NeedFactory(facility=facility_a2, volunteers_needed=2)
    placements = [make_placement(need=need, volunteer=ready_volunteer()) for _ in range(3)]
    placement_approve(placement=placements[0], actor=alice)
    placement_approve(placement=placements[1], actor=alice)
    with pytest.raises(PlacementConflict, match=str(NEED_FULL)):
        placement_approve(placement=placements[2], actor=alice)
    assert _unchanged(placements[2])
    assert Need.objects.get(pk=need.pk).status == Need.Status.FILLED


def test_it_reopens_the_need_when_a_slot_is_given_back(need, accepted, alice, victor):
    placement = placement_approve(placement=accepted, actor=alice)
    assert Need.objects.get(pk=need.pk).status == Need.Status.FILLED
    placement_withdraw(placement=placement, actor=victor)
    assert Need.objects.get(pk=need.pk).status == Need.Status.OPEN
    assert Placement.objects.get(pk=placement.pk).slot is None


def test_it_refuses_a_volunteer_on_two_overlapping_appointments(facility_a2, volunteer, alice):
    first = NeedFactory(
        facility=facility_a2, title="Sprachcafé", schedule=one_off(10, "10:00-12:00")
    )
    second = NeedFactory(facility=facility_a2, schedule=one_off(10, "11:00-13:00"))
    placement_approve(placement=make_placement(need=first, volunteer=volunteer), actor=alice)
    clash = make_placement(need=second, volunteer=volunteer)
    with pytest.raises(PlacementConflict) as caught:
        placement_approve(placement=clash, actor=alice)
    assert caught.value.message == OVERLAPS % {"title": "Sprachcafé"}
    assert _unchanged(clash)


def test_it_allows_appointments_that_follow_each_other(facility_a2, volunteer, alice):
    first = NeedFactory(facility=facility_a2, schedule=one_off(10, "10:00-12:00"))
    second = NeedFactory(facility=facility_a2, schedule=one_off(10, "12:00-13:00"))
    placement_approve(placement=make_placement(need=first, volunteer=volunteer), actor=alice)
    later = placement_approve(
        placement=make_placement(need=second, volunteer=volunteer), actor=alice
    )
    assert later.slot == 1


def test_it_refuses_approval_for_a_closed_need(need, proposal, alice):
    Need.objects.filter(pk=need.pk).update(status=Need.Status.CLOSED)
    with pytest.raises(PlacementConflict):
        placement_approve(placement=proposal, actor=alice)


def test_it_stores_the_score_components_with_the_decision(proposal, alice):
    placement = placement_approve(placement=proposal, actor=alice)
    decision = placement.decisions.get()
    assert decision.approved is True
    assert decision.decided_by == alice
    assert {"distance", "skills", "languages"} <= set(decision.components)
    assert all(isinstance(v, float) for v in decision.components.values())


def test_it_approves_nothing_while_no_pair_scorer_is_registered(proposal, alice, monkeypatch):
    from django.core.exceptions import ImproperlyConfigured

    from lotse.placements import decisions

    monkeypatch.setattr(decisions.pair_scorer, "registered", None)
    with pytest.raises(ImproperlyConfigured):
        placement_approve(placement=proposal, actor=alice)
    assert _unchanged(proposal)

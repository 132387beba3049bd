"""Audit trail (append-only) and the notifications each transition queues in its transaction."""

import pytest
from django.db import transaction

from lotse.placements.models import AppendOnlyError, PlacementEvent
from lotse.placements.services import (
    placement_accept,
    placement_approve,
    placement_propose,
    placement_reject,
)
from notifications.models import Notification

pytestmark = pytest.mark.django_db


def _sent(event):
    return set(Notification.objects.filter(event=event).values_list("recipient__email", flat=True))


def test_every_transition_records_who_when_from_to_and_why(proposal, alice):
    placement_reject(placement=proposal, actor=alice, reason="distance")
    event = PlacementEvent.objects.get()
    assert (event.actor, event.actor_role, event.from_state, event.to_state, event.reason) == (
        alice,
        "social_worker",
        "proposed",
        "rejected",
        "distance",
    )
    assert event.at is not None


def test_events_cannot_be_changed_or_deleted(proposal, alice):
    placement_approve(placement=proposal, actor=alice)
    event = PlacementEvent.objects.get()
    event.note = "rewritten"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()


def test_a_proposal_tells_the_volunteer(need, volunteer, alice):
    placement_propose(need=need, volunteer=volunteer, actor=alice)
    assert _sent("placement_proposed") == {"victor@example.org"}


def test_an_offer_tells_the_needs_social_workers(need, volunteer, victor):
    placement = placement_propose(need=need, volunteer=volunteer, actor=victor)
    assert _sent("placement_proposed") == {"alice@example.org"}
    notification = Notification.objects.get()
    assert (
        notification.dedupe_key == f"placement:{placement.pk}:proposed:{notification.recipient_id}"
    )
    assert notification.context["need_title"] == need.title


def test_an_approval_tells_the_volunteer_and_the_facility_staff(accepted, alice, bob):
    placement_approve(placement=accepted, actor=alice)
    assert _sent("placement_approved") == {"victor@example.org", "bob@example.org"}
    context = Notification.objects.filter(event="placement_approved").first().context
    assert context["address"].startswith("Teststraße")
    assert "victor@example.org" not in str(context)


def test_facility_staff_hear_nothing_before_both_said_yes(proposal, alice, bob):
    placement_approve(placement=proposal, actor=alice)
    assert _sent("placement_approved") == {"victor@example.org"}


def test_an_acceptance_tells_the_social_workers(proposal, victor):
    placement_accept(placement=proposal, actor=victor)
    assert _sent("placement_accepted") == {"alice@example.org"}


def test_a_rejection_tells_the_volunteer_with_the_reason(proposal, alice):
    placement_reject(placement=proposal, actor=alice, reason="language")
    notification = Notification.objects.get(event="placement_rejected")
    assert notification.recipient.email == "victor@example.org"
    assert notification.context["reason"]


def test_notifications_roll_back_with_a_failed_transition(proposal, alice, monkeypatch):
    from lotse.placements.services import transitions

    def broken(*args, **kwargs):
        raise RuntimeError("sync failed")

    monkeypatch.setattr(transitions, "need_sync_status", broken)
    with pytest.raises(RuntimeError), transaction.atomic():
        placement_approve(placement=proposal, actor=alice)
    assert not Notification.objects.exists()
    assert not PlacementEvent.objects.exists()

"""Cancelling a need winds down its placements in the same transaction: withdrawn before they
start, ended early once running, each with the reason in the audit trail and a message to the
volunteer."""

import pytest
from django.urls import reverse

from lotse.needs.models import Need
from lotse.needs.services import need_transition
from lotse.placements.models import PlacementEvent, State
from lotse.placements.services.transitions import NEED_CANCELLED, NEED_CANCELLED_CODE
from notifications.models import Notification
from notifications.rendering import render_message

from ..placements.factories import NeedFactory, make_placement, ready_volunteer, running_weekly

pytestmark = pytest.mark.django_db


@pytest.fixture
def need(facility_a2, alice):
    return NeedFactory(facility=facility_a2, created_by=alice, volunteers_needed=3)


@pytest.fixture
def volunteer():
    return ready_volunteer("vera@example.org")


def _cancel(need, actor):
    need_transition(need=need, actor=actor, action="cancel")
    need.refresh_from_db()
    assert need.status == Need.Status.CANCELLED


@pytest.mark.parametrize("how", ["proposed", "accepted", "approved", "active"])
def test_it_withdraws_a_placement_that_has_not_started(need, volunteer, alice, how):
    placement = make_placement(need=need, volunteer=volunteer, how=how, approver=alice)
    _cancel(need, alice)
    placement.refresh_from_db()
    assert (placement.state, placement.slot) == (State.WITHDRAWN, None)
    assert placement.reason_note == str(NEED_CANCELLED)
    event = placement.events.get()
    from_state = State.ACTIVE if how == "active" else State.PROPOSED
    assert (event.action, event.from_state, event.to_state) == (
        "withdraw", from_state, State.WITHDRAWN
    )  # fmt: skip
    assert (event.reason, event.note) == (NEED_CANCELLED_CODE, str(NEED_CANCELLED))
    assert event.actor == alice


def test_it_ends_a_running_placement_early(facility_a2, alice, volunteer):
    need = NeedFactory(facility=facility_a2, created_by=alice, schedule=running_weekly())
    placement = make_placement(need=need, volunteer=volunteer, how="active", approver=alice)
    _cancel(need, alice)
    placement.refresh_from_db()
    assert placement.state == State.ENDED_EARLY and placement.closed_at is not None
    event = placement.events.get()
    assert (event.action, event.reason) == ("end", NEED_CANCELLED_CODE)


@pytest.mark.parametrize("how", ["declined", "rejected", "withdrawn", "completed", "ended_early"])
def test_it_leaves_closed_placements_alone(need, volunteer, alice, how):
    placement = make_placement(need=need, volunteer=volunteer, how=how, approver=alice)
    _cancel(need, alice)
    placement.refresh_from_db()
    assert placement.state == how
    assert not PlacementEvent.objects.exists()


def test_it_tells_the_volunteer_that_the_need_was_cancelled(need, volunteer, alice, bob):
    make_placement(need=need, volunteer=volunteer, how="active", approver=alice)
    _cancel(need, alice)
    [message] = Notification.objects.filter(recipient=volunteer.user)
    assert message.event == "placement_withdrawn"
    assert message.context["need_cancelled"] is True
    # The actor hears nothing from their own act; the facility staff learn of it.
    assert not Notification.objects.filter(recipient=alice).exists()
    assert Notification.objects.filter(recipient=bob, event="placement_withdrawn").exists()


def test_its_message_says_so_in_the_volunteers_language(need, volunteer, alice):
    make_placement(need=need, volunteer=volunteer, how="proposed")
    _cancel(need, alice)
    message = Notification.objects.get(recipient=volunteer.user)
    for language, words in (("de", "Der Bedarf wurde abgesagt"), ("en", "need was cancelled")):
        rendered = render_message(
            kind=message.event, context=message.context, language=language, recipient_name="V"
        )
        assert words in rendered.text


def test_it_winds_down_every_placement_of_the_need(need, alice):
    people = [ready_volunteer(f"v{i}@example.org") for i in range(3)]
    for person, how in zip(people, ["proposed", "approved", "active"], strict=True):
        make_placement(need=need, volunteer=person, how=how, approver=alice)
    _cancel(need, alice)
    assert set(need.placements.values_list("state", flat=True)) == {State.WITHDRAWN}
    assert not need.placements.filter(slot__isnull=False).exists()


def test_facility_staff_who_may_cancel_the_need_wind_down_its_placements(need, volunteer, bob):
    placement = make_placement(need=need, volunteer=volunteer, how="proposed")
    _cancel(need, bob)
    placement.refresh_from_db()
    assert placement.state == State.WITHDRAWN
    assert placement.events.get().actor_role == "facility_staff"


def test_it_cancels_nothing_when_a_placement_cannot_be_wound_down(
    need, volunteer, alice, monkeypatch
):
    placement = make_placement(need=need, volunteer=volunteer, how="active", approver=alice)

    def broken(**kwargs):
        raise RuntimeError("outbox down")

    monkeypatch.setattr("lotse.placements.services.events.notify", broken)
    with pytest.raises(RuntimeError):
        need_transition(need=need, actor=alice, action="cancel")
    need.refresh_from_db()
    placement.refresh_from_db()
    assert (need.status, placement.state) == (Need.Status.OPEN, State.ACTIVE)
    assert not PlacementEvent.objects.exists()


def test_the_cancel_button_winds_down_the_placements(client, need, volunteer, alice):
    placement = make_placement(need=need, volunteer=volunteer, how="accepted")
    client.force_login(alice)
    url = reverse("needs:action", kwargs={"pk": need.pk, "action": "cancel"})
    assert client.post(url).status_code == 302
    placement.refresh_from_db()
    assert placement.state == State.WITHDRAWN

"""The approval message tells the volunteer whom to contact and where to go — and no message
before the approval carries any of it."""

import pytest

from lotse.placements.services import placement_accept, placement_approve, placement_propose
from notifications.models import Notification
from notifications.rendering import render_message

from .factories import NeedFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def facility(facility_a2, alice, dora):
    facility_a2.phone = "0251 492-0"
    facility_a2.consultation_hours = "tue 09:00-12:00; thu 14:00-16:00"
    facility_a2.save()
    alice.first_name, alice.last_name = "Alice", "Adler"
    alice.save()
    dora.first_name, dora.last_name = "Dora", "Berg"
    dora.save()
    facility_a2.contact_persons.add(dora, alice)
    return facility_a2


def _context(user, event="placement_approved") -> dict:
    return Notification.objects.get(recipient=user, event=event).context


def test_it_tells_the_volunteer_the_facilitys_contact_phone_address_and_hours(
    facility, accepted, alice, victor
):
    placement_approve(placement=accepted, actor=alice)
    context = _context(victor)
    assert context["contact_person"] == "Alice Adler, Dora Berg"
    assert context["contact_phone"] == "0251 492-0"
    assert context["address"] == f"{facility.street}, {facility.postcode}"
    assert context["consultation_hours"] == "tue 09:00-12:00; thu 14:00-16:00"
    assert (context["social_worker"], context["social_worker_email"]) == (
        "Alice Adler", "alice@example.org"
    )  # fmt: skip


def test_the_message_reads_all_of_it_to_the_volunteer_in_german(facility, accepted, alice, victor):
    placement_approve(placement=accepted, actor=alice)
    text = render_message(
        kind="placement_approved", context=_context(victor), language="de", recipient_name="V"
    ).text
    for line in ("Ansprechperson", "0251 492-0", facility.street, "Sprechstunden:",
                 "tue 09:00-12:00", "Genehmigt von: Alice Adler"):  # fmt: skip
        assert line in text, line


def test_it_names_the_approving_social_worker_where_the_facility_names_nobody(
    facility_a2, accepted, alice, victor
):
    alice.first_name, alice.last_name = "Alice", "Adler"
    alice.save()
    placement_approve(placement=accepted, actor=alice)
    assert _context(victor)["contact_person"] == "Alice Adler"


def test_a_district_need_gives_the_social_workers_name_and_email(
    alice, volunteer, victor, facility_a1
):
    need = NeedFactory(facility=facility_a1, created_by=alice)
    need.facility = None
    need.save()
    placement = placement_propose(need=need, volunteer=volunteer, actor=alice)
    placement_accept(placement=placement, actor=victor)
    placement_approve(placement=placement, actor=alice)
    context = _context(victor)
    assert context["social_worker_email"] == "alice@example.org"
    assert (context["address"], context["contact_phone"]) == ("", "")


def test_no_message_before_the_approval_carries_contact_data(facility, need, volunteer, alice,
                                                             victor):  # fmt: skip
    placement = placement_propose(need=need, volunteer=volunteer, actor=alice)
    placement_accept(placement=placement, actor=victor)
    for message in Notification.objects.all():
        assert not {"contact_person", "contact_phone", "address"} & set(message.context)
        assert "0251 492-0" not in str(message.context)

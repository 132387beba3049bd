"""What each side sees: contact data only after approval; lists scoped by role."""

import pytest

from lotse.placements.selectors import placement_contacts, placements_visible_to
from lotse.placements.services import placement_accept, placement_approve

from .factories import NeedFactory, make_placement, ready_volunteer

pytestmark = pytest.mark.django_db


@pytest.fixture
def reachable(victor, volunteer):
    victor.first_name, victor.last_name = "Viktor", "Weber"
    victor.save()
    volunteer.phone = "0251 999"
    volunteer.save()
    return volunteer


def test_neither_side_sees_contact_data_before_approval(accepted, reachable, victor, bob, alice):
    for user in (victor, bob, alice):
        assert placement_contacts(user=user, placement=accepted) == {
            "facility": None,
            "volunteer": None,
        }


def test_after_approval_both_sides_see_each_other(accepted, reachable, victor, bob, alice):
    placement = placement_approve(placement=accepted, actor=alice)
    for_bob = placement_contacts(user=bob, placement=placement)["volunteer"]
    assert for_bob == {"name": "Viktor Weber", "email": "victor@example.org", "phone": "0251 999"}
    for_victor = placement_contacts(user=victor, placement=placement)["facility"]
    assert for_victor["facility"] == "A2 Hiltrup"
    assert for_victor["address"].startswith("Teststraße")
    assert for_victor["consultation_hours"] == "mon 09:00-12:00"


def test_approval_before_the_volunteers_yes_keeps_the_volunteers_data_back(
    proposal, reachable, victor, bob, alice
):
    placement = placement_approve(placement=proposal, actor=alice)
    assert placement_contacts(user=bob, placement=placement)["volunteer"] is None
    assert placement_contacts(user=victor, placement=placement)["facility"] is not None
    placement = placement_accept(placement=placement, actor=victor)
    assert placement_contacts(user=bob, placement=placement)["volunteer"]["phone"] == "0251 999"


def test_outsiders_never_see_contact_data(active, charlie, dora, erin):
    for user in (charlie, dora, erin):
        assert placement_contacts(user=user, placement=active) == {
            "facility": None,
            "volunteer": None,
        }


def test_the_page_shows_no_volunteer_email_before_approval(client, proposal, bob):
    client.force_login(bob)
    page = client.get(f"/placements/{proposal.pk}/").content.decode()
    assert "victor@example.org" not in page


def test_the_page_shows_the_facility_address_to_the_volunteer_after_approval(
    client, accepted, victor, alice, facility_a2
):
    client.force_login(victor)
    assert facility_a2.street not in client.get(f"/placements/{accepted.pk}/").content.decode()
    placement_approve(placement=accepted, actor=alice)
    assert facility_a2.street in client.get(f"/placements/{accepted.pk}/").content.decode()


@pytest.mark.parametrize(
    "name, sees", [("victor", True), ("alice", True), ("bob", True), ("charlie", False),
                   ("dora", False), ("erin", True)],
)  # fmt: skip
def test_it_scopes_placements_by_role(everyone, proposal, name, sees):
    assert placements_visible_to(everyone[name]).filter(pk=proposal.pk).exists() is sees


def test_a_volunteer_sees_only_their_own_placements(need, proposal):
    olga = ready_volunteer("olga@example.org")
    mine = make_placement(need=need, volunteer=olga)
    assert list(placements_visible_to(olga.user)) == [mine]


def test_facility_staff_see_only_their_facilities(facility_a1, proposal, bob, volunteer):
    elsewhere = make_placement(need=NeedFactory(facility=facility_a1), volunteer=volunteer)
    assert list(placements_visible_to(bob)) == [proposal]
    assert elsewhere not in placements_visible_to(bob)


def test_the_placement_page_shows_phones_as_people_dial_them(client, accepted, reachable, bob,
                                                             alice):  # fmt: skip
    reachable.phone = "+492514920"  # stored in E.164 since the wizard validates phones
    reachable.save()
    placement = placement_approve(placement=accepted, actor=alice)
    client.force_login(bob)
    page = client.get(f"/placements/{placement.pk}/").content.decode()
    assert 'href="tel:+492514920"' in page and ">0251 4920</a>" in page
    assert "+492514920<" not in page

"""The pages: queue, one placement, my placements, proposing, offering, certificate, export."""

import datetime as dt

import pytest
from django.utils import timezone

from lotse.placements.models import HoursEntry, Origin, Placement, State
from lotse.placements.services import hours_confirm, hours_log
from lotse.placements.services.hours import HOURS_OVER_A_DAY
from lotse.placements.services.transitions import REASON_REQUIRED

from .factories import NeedFactory, make_placement, ready_volunteer

pytestmark = pytest.mark.django_db


def _page(client, user, url):
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_queue_lists_waiting_decisions_oldest_first(client, need, alice, facility_a2):
    older = make_placement(need=need, volunteer=ready_volunteer())
    newer = make_placement(need=NeedFactory(facility=facility_a2), volunteer=ready_volunteer())
    Placement.objects.filter(pk=older.pk).update(created_at=timezone.now() - dt.timedelta(days=3))
    client.force_login(alice)
    found = [r.placement for r in client.get("/placements/queue/").context["rows"]]
    assert found == [older, newer]


def test_the_queue_filters_by_need(client, need, alice, facility_a2):
    make_placement(need=need, volunteer=ready_volunteer())
    other = make_placement(need=NeedFactory(facility=facility_a2), volunteer=ready_volunteer())
    client.force_login(alice)
    rows = client.get(f"/placements/queue/?need={other.need_id}").context["rows"]
    assert [r.placement for r in rows] == [other]


def test_the_queue_filters_by_facility(client, need, alice, facility_a1):
    mine = make_placement(need=NeedFactory(facility=facility_a1), volunteer=ready_volunteer())
    make_placement(need=need, volunteer=ready_volunteer())
    client.force_login(alice)
    rows = client.get(f"/placements/queue/?facility={facility_a1.pk}").context["rows"]
    assert [r.placement for r in rows] == [mine]


def test_the_queue_shows_the_safeguarding_status(client, facility_a2, volunteer, alice):
    need = NeedFactory(facility=facility_a2, requires_certificate=True)
    make_placement(need=need, volunteer=volunteer)
    page = _page(client, alice, "/placements/queue/")
    assert "erweitertes" in page or "eFZ" in page


def test_the_queue_shows_the_candidates_explanation(client, need, volunteer, victor, alice):
    from lotse.placements.services import placement_propose

    placement_propose(need=need, volunteer=volunteer, actor=victor, message="Ich kenne das Amt.")
    assert "Ich kenne das Amt." in _page(client, alice, "/placements/queue/")


def test_the_queue_is_for_social_workers(client, bob, victor):
    for user in (bob, victor):
        client.force_login(user)
        assert client.get("/placements/queue/").status_code == 403


def test_approving_in_one_click_from_the_queue(client, accepted, alice):
    client.force_login(alice)
    response = client.post(f"/placements/{accepted.pk}/approve/", {"next": "/placements/queue/"})
    assert response.status_code == 302 and response.url == "/placements/queue/"
    assert Placement.objects.get(pk=accepted.pk).state == State.ACTIVE


def test_a_refused_click_shows_the_reason_and_changes_nothing(client, proposal, alice):
    client.force_login(alice)
    response = client.post(f"/placements/{proposal.pk}/reject/", follow=True)
    assert str(REASON_REQUIRED) in response.content.decode()
    assert Placement.objects.get(pk=proposal.pk).state == State.PROPOSED


def test_bulk_approval_of_suggestions(client, facility_a2, alice):
    need = NeedFactory(facility=facility_a2, volunteers_needed=2)
    suggestions = [
        Placement.objects.get(pk=make_placement(need=need, volunteer=ready_volunteer()).pk)
        for _ in range(3)
    ]
    Placement.objects.update(origin=Origin.GLOBAL_RUN)
    client.force_login(alice)
    client.post(
        "/placements/queue/bulk/",
        {"placement": [p.pk for p in suggestions], "action": "approve"},
    )
    assert Placement.objects.filter(approved_at__isnull=False).count() == 2  # only 2 places


def test_bulk_reject_needs_a_reason(client, proposal, alice):
    client.force_login(alice)
    client.post("/placements/queue/bulk/", {"placement": [proposal.pk], "action": "reject"})
    assert Placement.objects.get(pk=proposal.pk).state == State.PROPOSED


def test_the_placement_page_shows_the_history(client, proposal, alice):
    client.force_login(alice)
    client.post(f"/placements/{proposal.pk}/approve/")
    page = _page(client, alice, f"/placements/{proposal.pk}/")
    assert "<caption>" in page and alice.display_name in page


def test_another_organisation_gets_404_for_the_page(client, proposal, charlie):
    client.force_login(charlie)
    assert client.get(f"/placements/{proposal.pk}/").status_code == 404


def test_my_placements_lists_only_mine(client, proposal, need):
    olga = ready_volunteer("olga@example.org")
    make_placement(need=NeedFactory(facility=need.facility), volunteer=olga)
    client.force_login(olga.user)
    assert list(client.get("/placements/").context["placements"]) != [proposal]
    assert len(client.get("/placements/").context["placements"]) == 1


def test_a_volunteer_offers_help_on_a_page(client, need, volunteer, victor):
    _page(client, victor, f"/placements/offer/{need.pk}/")
    response = client.post(f"/placements/offer/{need.pk}/", {"message": "Gern!"})
    placement = Placement.objects.get()
    assert response.url == f"/placements/{placement.pk}/"
    assert (placement.origin, placement.message) == (Origin.VOLUNTEER, "Gern!")


def test_a_social_worker_proposes_on_a_page(client, need, volunteer, alice):
    page = _page(client, alice, f"/placements/propose/?need={need.pk}&volunteer={volunteer.pk}")
    assert volunteer.display_name in page
    client.post("/placements/propose/", {"need": need.pk, "volunteer": volunteer.pk})
    assert Placement.objects.get().origin == Origin.SOCIAL_WORKER


def test_logging_30_hours_on_the_page_shows_the_error(client, active, victor):
    client.force_login(victor)
    response = client.post(
        f"/placements/{active.pk}/hours/",
        {"date": timezone.localdate().isoformat(), "hours": "30"},
        follow=True,
    )
    assert str(HOURS_OVER_A_DAY) in response.content.decode()
    assert not HoursEntry.objects.exists()


def test_staff_confirm_hours_on_the_page(client, active, victor, bob):
    entry = hours_log(placement=active, actor=victor, date=timezone.localdate(), hours=2)
    client.force_login(bob)
    client.post(f"/placements/{active.pk}/hours/{entry.pk}/confirm/", {"hours": ""})
    assert HoursEntry.objects.get(pk=entry.pk).confirmed_by == bob


def test_the_certificate_counts_confirmed_hours(client, active, victor, bob):
    entry = hours_log(placement=active, actor=victor, date=timezone.localdate(), hours="2.5")
    hours_confirm(entry=entry, actor=bob)
    hours_log(
        placement=active, actor=victor, date=timezone.localdate() - dt.timedelta(days=1), hours=4
    )
    client.force_login(victor)
    response = client.get("/placements/certificate/")
    assert response.context["total"] == entry.hours
    assert active.need.title in response.content.decode()


def test_the_audit_export_has_no_names(client, proposal, alice, victor):
    client.force_login(alice)
    client.post(f"/placements/{proposal.pk}/approve/")
    response = client.get("/placements/events.csv", HTTP_ACCEPT_LANGUAGE="en")
    text = response.content.decode("utf-8-sig")  # English Excel layout: commas, with a BOM
    assert response["Content-Type"].startswith("text/csv")
    assert text.splitlines()[0].startswith("placement,need,facility")
    assert ",approve,proposed,proposed,social_worker," in text
    assert victor.email not in text and alice.email not in text


def test_volunteers_cannot_export_the_audit_trail(client, victor):
    client.force_login(victor)
    assert client.get("/placements/events.csv").status_code == 403


@pytest.mark.parametrize("name, link", [("alice", "/placements/queue/"), ("victor", "/placements/"),
                                        ("bob", "/placements/")])  # fmt: skip
def test_the_navigation_links_to_the_placements(client, everyone, name, link):
    assert f'href="{link}"' in _page(client, everyone[name], "/placements/")


def _message_after(client, user, url: str, data: dict | None = None) -> str:
    client.force_login(user)
    response = client.post(url, data or {}, follow=True)
    return " ".join(str(m) for m in response.context["messages"])


def test_the_approve_message_says_who_is_told_and_what_comes_next(client, proposal, alice):
    name = proposal.volunteer.display_name
    text = _message_after(client, alice, f"/placements/{proposal.pk}/approve/")
    assert text == (
        f"Einsatz genehmigt. {name} wird benachrichtigt und sieht nun die Kontaktdaten der "
        f"Einrichtung; der Einsatz beginnt, sobald {name} zusagt."
    )


def test_approving_an_accepted_placement_says_it_is_active_now(client, accepted, alice):
    text = _message_after(client, alice, f"/placements/{accepted.pk}/approve/")
    assert "der Einsatz ist jetzt aktiv" in text
    assert f"Sie sehen nun die Kontaktdaten von {accepted.volunteer.display_name}" in text


def test_the_reject_message_says_the_volunteer_is_told_the_reason(client, proposal, alice):
    url = f"/placements/{proposal.pk}/reject/"
    text = _message_after(client, alice, url, {"reason": "distance"})
    assert text.startswith(f"Einsatz abgelehnt. {proposal.volunteer.display_name} wird mit dem")


def test_the_propose_message_says_the_volunteer_is_asked_and_approval_follows(
    client, need, volunteer, alice
):
    data = {"need": need.pk, "volunteer": volunteer.pk}
    text = _message_after(client, alice, "/placements/propose/", data)
    assert f"{volunteer.display_name} wird gefragt" in text and "Entscheidungsliste" in text


def test_the_queue_offers_every_waiting_need_whatever_the_filter(
    client, alice, facility_a1, facility_a2
):
    """Unfiltered, the need options come from the rows shown (no second read); filtered, from
    the whole queue. Both name every need with a waiting decision once, by title."""
    first = make_placement(
        need=NeedFactory(facility=facility_a1, title="zweite Hilfe"), volunteer=ready_volunteer()
    )
    second = make_placement(
        need=NeedFactory(facility=facility_a2, title="Arzt begleiten"), volunteer=ready_volunteer()
    )
    make_placement(need=first.need, volunteer=ready_volunteer())
    client.force_login(alice)
    for query in ("", f"?need={first.need_id}", f"?facility={facility_a2.pk}"):
        needs = client.get(f"/placements/queue/{query}").context["needs"]
        assert needs == [second.need, first.need], query

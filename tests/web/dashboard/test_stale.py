"""Stale work: each list names needs to act on, with a link, and never a person."""

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.utils import timezone

from lotse.core.models import AccessLogEntry
from lotse.dashboard.filters import dashboard_filters
from lotse.dashboard.stale import (
    CERTIFICATE_READ_PURPOSE,
    certificates_expiring,
    past_but_open,
    stale_work,
    unfilled_soon,
    waiting_proposals,
)
from lotse.placements.models import Placement
from lotse.volunteers.models import CertificateInspection

from .factories import make_need, place, volunteer_at


def in_view(user, **params):
    return dashboard_filters(user=user, params=params)


def test_it_lists_proposals_waiting_longer_than_the_deadline(dora, interpreting_need, helper):
    proposal = place(interpreting_need, helper, "proposed")
    Placement.objects.filter(pk=proposal.pk).update(
        created_at=timezone.now() - dt.timedelta(days=5)
    )
    stale = waiting_proposals(filters=in_view(dora))
    [item] = stale.items
    assert (item.need_id, item.count, item.detail) == (interpreting_need.pk, 1, "staff")


def test_it_leaves_out_proposals_still_within_the_deadline(dora, interpreting_need, helper):
    place(interpreting_need, helper, "proposed")
    assert waiting_proposals(filters=in_view(dora)).total == 0


def test_it_lists_open_needs_that_start_soon_with_open_slots(dora, facility_a1):
    soon = make_need(facility_a1, days_ahead=3, volunteers_needed=2)
    make_need(facility_a1, days_ahead=30)
    stale = unfilled_soon(filters=in_view(dora))
    assert [(i.need_id, i.count) for i in stale.items] == [(soon.pk, 2)]


def test_it_leaves_out_needs_starting_soon_whose_slots_are_held(dora, facility_a1, helper, alice):
    soon = make_need(facility_a1, days_ahead=3)
    place(soon, helper, "approved", approver=alice)
    assert unfilled_soon(filters=in_view(dora)).total == 0


def test_it_lists_needs_still_open_after_their_last_date(dora, past_need, interpreting_need):
    stale = past_but_open(filters=in_view(dora))
    assert [i.need_id for i in stale.items] == [past_need.pk]
    assert stale.items[0].since == timezone.localdate() - dt.timedelta(days=10)


def _certificate(volunteer, dated: dt.date):
    return CertificateInspection.objects.create(
        volunteer=volunteer, certificate_date=dated, inspected_on=dated + dt.timedelta(days=10)
    )


def test_it_lists_needs_whose_volunteers_certificate_runs_out(dora, facility_a1, alice):
    need = make_need(facility_a1, weekly=True, requires_certificate=True)
    volunteer = volunteer_at("48159", email="efz@example.org")
    today = timezone.localdate()
    # Dated five years ago less 20 days: valid for 20 more days.
    _certificate(volunteer, today - relativedelta(years=5) + dt.timedelta(days=20))
    place(need, volunteer, "active", approver=alice)
    [item] = certificates_expiring(filters=in_view(dora), reader=dora).items
    assert (item.need_id, item.count) == (need.pk, 1)
    assert item.since == today + dt.timedelta(days=20)


def test_it_leaves_out_certificates_valid_for_long(dora, facility_a1, alice):
    need = make_need(facility_a1, weekly=True, requires_certificate=True)
    volunteer = volunteer_at("48159", email="efz2@example.org")
    _certificate(volunteer, timezone.localdate() - dt.timedelta(days=30))
    place(need, volunteer, "active", approver=alice)
    assert certificates_expiring(filters=in_view(dora), reader=dora).total == 0


def test_it_links_every_stale_need_on_the_page(client, dora, past_need):
    client.force_login(dora)
    page = client.get("/dashboard/stale/").content.decode()
    assert f'href="/needs/{past_need.pk}/"' in page


def test_it_keeps_stale_work_to_the_coordinators_districts(dora, facility_a2):
    make_need(facility_a2, days_ahead=-5)  # Hiltrup, not Nord
    assert past_but_open(filters=in_view(dora)).total == 0


def test_it_keeps_the_need_lists_for_a_minute_but_reads_certificates_every_time(
    dora, facility_a1, alice
):
    stale_work(filters=in_view(dora), reader=dora)
    make_need(facility_a1, days_ahead=-2)
    lists = stale_work(filters=in_view(dora), reader=dora)
    assert lists["past"].total == 0  # still the list of a moment ago
    need = make_need(facility_a1, weekly=True, requires_certificate=True)
    place(need, volunteer_at("48159", email="late@example.org"), "active", approver=alice)
    assert stale_work(filters=in_view(dora), reader=dora)["certificates"].total == 1


def test_it_logs_every_certificate_read_for_the_page_in_the_access_log(
    client, dora, facility_a1, alice
):
    need = make_need(facility_a1, weekly=True, requires_certificate=True)
    volunteer = volunteer_at("48159", email="logged@example.org")
    older = _certificate(volunteer, timezone.localdate() - dt.timedelta(days=800))
    newer = _certificate(volunteer, timezone.localdate() - dt.timedelta(days=30))
    place(need, volunteer, "active", approver=alice)
    client.force_login(dora)
    assert client.get("/dashboard/stale/").status_code == 200
    entries = AccessLogEntry.objects.filter(record_type="volunteers.certificateinspection")
    assert sorted(e.record_id for e in entries) == sorted([str(older.pk), str(newer.pk)])
    assert {(e.actor, e.purpose) for e in entries} == {(dora, CERTIFICATE_READ_PURPOSE)}


def test_it_logs_the_certificate_reads_of_each_view_again(dora, facility_a1, alice):
    need = make_need(facility_a1, weekly=True, requires_certificate=True)
    volunteer = volunteer_at("48159", email="twice@example.org")
    _certificate(volunteer, timezone.localdate() - dt.timedelta(days=30))
    place(need, volunteer, "active", approver=alice)
    stale_work(filters=in_view(dora), reader=dora)
    stale_work(filters=in_view(dora), reader=dora)
    assert AccessLogEntry.objects.filter(actor=dora).count() == 2


def test_it_logs_nothing_when_no_certificate_was_read(client, dora, past_need):
    client.force_login(dora)
    client.get("/dashboard/stale/")
    assert not AccessLogEntry.objects.exists()

"""Facility staff: an approved placement at their facility, the volunteer's contact, hours."""

from decimal import Decimal

from django.utils import timezone

from lotse.accounts.models import User
from lotse.demo.seed import DEMO_TOTP
from lotse.needs.models import Need
from lotse.placements.models import HoursEntry
from lotse.placements.services import hours_log, placement_approve, placement_propose
from lotse.volunteers.models import Volunteer

FACILITY_STAFF = "hausdienst@demo.lotse.local"
SOCIAL_WORKER = "sozialarbeit@demo.lotse.local"


def active_placement_with_hours():
    staff = User.objects.get(email=FACILITY_STAFF)
    need = Need.objects.filter(
        facility__in=staff.facilities.all(), status=Need.Status.OPEN, requires_certificate=False
    ).first()
    volunteer = Volunteer.objects.filter(user__email__endswith="@demo.lotse.local").last()
    placement = placement_propose(need=need, volunteer=volunteer, actor=volunteer.user)
    placement = placement_approve(placement=placement, actor=User.objects.get(email=SOCIAL_WORKER))
    hours_log(placement=placement, actor=volunteer.user, date=timezone.localdate(), hours="3")
    return placement


def test_it_shows_the_volunteer_and_confirms_corrected_hours(visit):
    placement = active_placement_with_hours()
    you = visit("facility staff")
    page, t = you.page, you.t
    you.login(FACILITY_STAFF, totp_secret=DEMO_TOTP[FACILITY_STAFF])
    you.goto("/placements/")
    you.check("fs-placements")
    page.get_by_role("link", name=placement.need.title).first.click()
    contact = page.locator("section[aria-labelledby=contact-volunteer]")
    assert placement.volunteer.user.email in contact.inner_text()
    entry = HoursEntry.objects.get(placement=placement)
    page.locator(f"#confirm-{entry.pk}").fill("2.5")
    you.check("fs-placement")
    page.locator(f"#confirm-{entry.pk}").locator("xpath=..").get_by_role(
        "button", name=t("Confirm")
    ).click()
    page.wait_for_load_state()
    entry.refresh_from_db()
    assert entry.confirmed_hours == Decimal("2.5")

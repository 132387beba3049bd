"""A social worker at a desk: TOTP login, a new need, ranked candidates, propose, approve."""

import re
from datetime import date, timedelta

from lotse.accounts.models import User
from lotse.demo.seed import DEMO_TOTP, VOLUNTEER_LOGIN
from lotse.needs.models import Need
from lotse.placements.models import Placement

from .conftest import PHONE

SOCIAL_WORKER = "sozialarbeit@demo.lotse.local"


def post_need(you) -> Need:
    page, t = you.page, you.t
    you.goto("/needs/")
    you.check("sw-needs")
    you.goto("/needs/new/")
    worker = User.objects.get(email=SOCIAL_WORKER)
    facility = worker.facilities.order_by("name").first()
    page.get_by_label(t("Where?")).select_option(f"f:{facility.pk}")
    page.get_by_label(t("Title")).fill("Begleitung zum Sprachkurs am Dienstag")
    page.get_by_label(t("Main task")).select_option("accompaniment")
    page.get_by_label(t("every week")).check()
    page.get_by_label(t("Weekday")).select_option("tue")
    page.get_by_label(t("First week")).fill((date.today() + timedelta(days=7)).isoformat())
    page.get_by_label(t("From (time)")).fill("10:00")
    page.get_by_label(t("Until (time)")).fill("12:00")
    page.locator("select[name=lang_0_code]").select_option("de")
    page.locator("select[name=lang_0_level]").select_option(index=1)
    page.get_by_label(t("Extended certificate of conduct required?")).select_option("no")
    you.check("sw-need-form")
    page.get_by_role("button", name=t("Publish")).click()
    page.wait_for_url(re.compile(r"/needs/\d+/$"))
    you.check("sw-need-detail")
    return Need.objects.get(title="Begleitung zum Sprachkurs am Dienstag")


def test_it_posts_a_need_proposes_the_best_candidate_and_sees_contacts_after_approval(visit):
    you = visit("social worker")
    page, t = you.page, you.t
    you.login(SOCIAL_WORKER, totp_secret=DEMO_TOTP[SOCIAL_WORKER])
    you.check("sw-start")
    need = post_need(you)
    assert need.status == Need.Status.OPEN

    page.get_by_role("link", name=t("Show ranked candidates")).click()
    page.wait_for_url(f"**/needs/{need.pk}/candidates/**")
    you.check("sw-candidates")
    first = page.locator("table.candidates-table tbody tr").first
    assert first.locator("td").last.locator("meter").is_visible(), "a score bar per candidate"
    assert first.locator("td").nth(1).inner_text().strip(), "every candidate is explained"
    first.get_by_role("link").first.click()
    you.check("sw-propose")
    page.get_by_role("button", name=t("Propose"), exact=True).click()
    page.wait_for_url(re.compile(r"/placements/\d+/$"))
    placement = Placement.objects.get(need=need)
    assert page.get_by_role("heading", name=t("Contact of the volunteer")).count() == 0

    volunteer = visit("volunteer", PHONE)
    # A new browser without the language cookie: the language she chose, stored on her account,
    # comes back at login.
    volunteer.page.context.clear_cookies()
    User.objects.filter(pk=placement.volunteer.user_id).update(preferred_language=volunteer.language)
    volunteer_login(volunteer, placement)
    volunteer.goto(f"/placements/{placement.pk}/")
    volunteer.page.get_by_role("button", name=volunteer.t("Accept")).click()
    volunteer.page.wait_for_load_state()

    page.reload()
    you.check("sw-placement-waiting")
    page.get_by_role("button", name=t("Approve")).click()
    page.wait_for_load_state()
    placement.refresh_from_db()
    assert placement.state == Placement.State.ACTIVE
    contact = page.locator("section[aria-labelledby=contact-volunteer]")
    assert contact.is_visible()
    assert placement.volunteer.user.email in contact.inner_text()
    you.check("sw-placement-active")

    volunteer.page.reload()
    theirs = volunteer.page.locator("section[aria-labelledby=contact-facility]")
    assert need.facility.name in theirs.inner_text()
    hours_form = volunteer.page.locator("#hours form")
    hours_form.locator("input[name=date]").fill(date.today().isoformat())
    hours_form.locator("input[name=hours]").fill("2")
    hours_form.get_by_role("button", name=volunteer.t("Log hours")).click()
    volunteer.page.wait_for_load_state()

    page.reload()
    entry = placement.hours.get()
    page.locator(f"#confirm-{entry.pk}").locator("xpath=..").get_by_role(
        "button", name=t("Confirm")
    ).click()
    page.wait_for_load_state()
    entry.refresh_from_db()
    assert entry.is_confirmed and entry.confirmed_hours == 2


def volunteer_login(visit, placement: Placement) -> None:
    """The proposed volunteer logs in (every demo volunteer has the demo password)."""
    email = placement.volunteer.user.email
    assert email.endswith("@demo.lotse.local") or email == VOLUNTEER_LOGIN
    visit.login(email)

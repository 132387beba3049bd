"""What people do to forms: send them twice, go back, lose the session, turn JavaScript off."""

import pytest
from django.contrib.sessions.models import Session
from playwright.sync_api import Error as PlaywrightError

from lotse.accounts.models import User
from lotse.demo.seed import DEMO_TOTP
from lotse.placements.models import Placement
from lotse.safeguarding.models import Concern
from lotse.volunteers.models import Volunteer
from tests.web.factories import PASSWORD, UserFactory

from .conftest import PHONE, Visit
from .test_volunteer_journey import fill_wizard

SOCIAL_WORKERS = ["sozialarbeit@demo.lotse.local", "caritas@demo.lotse.local"]


def log_in(you, email: str) -> None:
    page = you.page
    page.locator("main input[name=login]").fill(email)
    page.locator("main input[name=password]").fill(PASSWORD)
    page.locator("main form [type=submit]").first.click()
    page.wait_for_load_state()


def first_steps(you) -> None:
    page, t = you.page, you.t
    page.get_by_label(t("First name")).fill("Jonas")
    page.get_by_label(t("Last name")).fill("Brink")
    page.get_by_role("button", name=t("Next"), exact=True).click()
    page.get_by_label(t("Postcode")).fill("48145")
    page.get_by_role("button", name=t("Next"), exact=True).click()
    page.wait_for_url("**/volunteer/signup/skills/")


def wizard_begun(visit, email: str):
    """A new volunteer on a phone who has answered the first two steps."""
    you = visit("volunteer", PHONE)
    user = UserFactory(email=email)
    you.goto("/accounts/login/?next=/volunteer/signup/")
    log_in(you, user.email)
    first_steps(you)
    return you, user


def test_the_back_button_in_the_wizard_keeps_every_answer(visit):
    you, _user = wizard_begun(visit, "zurueck@example.org")
    page, t = you.page, you.t
    page.go_back()
    page.go_back()
    page.reload()  # what the server has, not the browser's cache
    assert page.get_by_label(t("First name")).input_value() == "Jonas"
    page.get_by_label(t("First name")).fill("Jona")
    page.get_by_role("button", name=t("Next"), exact=True).click()
    assert page.get_by_label(t("Postcode")).input_value() == "48145"


def test_a_session_that_ends_mid_wizard_loses_nothing(visit):
    you, user = wizard_begun(visit, "sitzung@example.org")
    page, t = you.page, you.t
    Session.objects.all().delete()  # the session expired on the server

    page.reload()
    assert "/accounts/login/" in page.url
    log_in(you, user.email)
    you.goto("/volunteer/signup/about/")
    assert page.get_by_label(t("Last name")).input_value() == "Brink"
    you.goto("/volunteer/signup/place/")
    assert page.get_by_label(t("Postcode")).input_value() == "48145"


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_a_form_sent_twice_is_saved_once(chromium, demo, language, javascript):
    you = Visit(chromium, demo.url, language, PHONE, "resident", javascript=javascript)
    try:
        page, t = you.page, you.t
        you.goto("/concerns/new/")
        page.locator("select[name=facility]").select_option(index=1)
        page.locator("input[name=subject]").first.check()
        page.locator("input[name=category]").first.check()
        page.get_by_label(t("What happened?")).fill("Zweimal abgeschickt (Browser-Test).")
        page.locator("main form [type=submit]").first.dblclick()
        try:
            page.wait_for_url("**/concerns/thanks/")
        except PlaywrightError:
            # Without JavaScript the second click aborts the first navigation (ERR_ABORTED);
            # the second request is the one that lands.
            page.wait_for_url("**/concerns/thanks/")
        page.wait_for_load_state("networkidle")
        assert Concern.objects.filter(text__startswith="Zweimal abgeschickt").count() == 1
    finally:
        you.close()


def test_the_core_journeys_work_without_javascript(chromium, demo, language):
    volunteer = Visit(chromium, demo.url, language, PHONE, "volunteer", javascript=False)
    worker = Visit(chromium, demo.url, language, PHONE, "social worker", javascript=False)
    try:
        user = UserFactory(email="ohne-js@example.org")
        volunteer.goto("/accounts/login/?next=/volunteer/signup/")
        log_in(volunteer, user.email)
        fill_wizard(volunteer)
        assert Volunteer.objects.filter(user=user).exists()
        volunteer.goto("/volunteer/opportunities/")
        volunteer.page.get_by_role("link", name=volunteer.t("I'd like to help")).first.click()
        volunteer.page.get_by_role("button", name=volunteer.t("Offer my help")).click()
        volunteer.page.wait_for_load_state()

        offer = Placement.objects.select_related("need").get(volunteer__user=user)
        deciding = User.objects.get(
            email__in=SOCIAL_WORKERS, organisation_id=offer.need.organisation_id
        ).email
        worker.login(deciding, totp_secret=DEMO_TOTP[deciding])
        worker.goto("/placements/queue/")
        worker.page.locator(f"#row-{offer.pk} button[data-key=approve]").click()
        worker.page.wait_for_load_state()
        offer.refresh_from_db()
        assert offer.approved_at is not None
    finally:
        volunteer.close()
        worker.close()


def test_an_error_is_announced_with_its_field(visit):
    you = visit("volunteer", PHONE)
    page, t = you.page, you.t
    user = UserFactory(email="fehler@example.org")
    you.goto("/accounts/login/?next=/volunteer/signup/place/")
    log_in(you, user.email)
    page.get_by_label(t("Postcode")).fill("4814")
    page.get_by_role("button", name=t("Next"), exact=True).click()
    field = page.get_by_label(t("Postcode"))
    assert field.get_attribute("aria-invalid") == "true"
    error = page.locator(f"#{field.get_attribute('aria-describedby').split()[0]}")
    assert error.inner_text().strip()
    you.check("wizard-error")

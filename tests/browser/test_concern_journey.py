"""Anyone raises an anonymous concern; the facility's contact person sees it, nobody else."""

from lotse.demo.seed import DEMO_TOTP
from lotse.places.models import Facility
from lotse.safeguarding.models import Concern

from .conftest import PHONE

CONTACT_PERSON = "sozialarbeit@demo.lotse.local"
OTHER_SOCIAL_WORKER = "caritas@demo.lotse.local"
FACILITY_STAFF = "hausdienst@demo.lotse.local"
TEXT = "Im Flur des zweiten Stocks wurde ein Kind angeschrien (Browser-Test)."


def raise_concern(you, facility: Facility) -> str:
    """The reference code as the thanks page shows it."""
    page, t = you.page, you.t
    you.goto("/")
    page.get_by_role("link", name=t("Raise a concern")).click()
    you.check("concern-form")
    page.get_by_label(t("Which facility is it about?")).select_option(str(facility.pk))
    page.locator("input[name=subject]").first.check()
    page.locator("input[name=category]").first.check()
    page.get_by_label(t("What happened?")).fill(TEXT)
    page.locator("main form [type=submit]").first.click()
    page.wait_for_url("**/concerns/thanks/")
    you.check("concern-thanks")
    return page.locator("p.reference-code").inner_text()


def look_up_status(you, reference: str) -> None:
    """Typed as people type it: small letters, spaces for the dashes."""
    page, t = you.page, you.t
    page.get_by_role("link", name=t("Show the status of my concern")).click()
    page.get_by_label(t("Your reference code")).fill(reference.lower().replace("-", " "))
    page.locator("main form [type=submit]").first.click()
    status = page.get_by_role("status")
    assert t("Received — not yet answered") in status.inner_text()
    you.check()


def test_it_shows_an_anonymous_concern_to_the_contact_person_only(visit):
    facility = Facility.objects.filter(contact_persons__email=CONTACT_PERSON).order_by("pk").first()
    resident = visit("resident", PHONE)
    reference = raise_concern(resident, facility)
    look_up_status(resident, reference)
    concern = Concern.objects.get(text=TEXT)
    assert concern.reporter is None

    contact = visit("contact person")
    contact.login(CONTACT_PERSON, totp_secret=DEMO_TOTP[CONTACT_PERSON])
    contact.goto("/concerns/")
    contact.check("concerns-list")
    contact.page.locator(f"a[href='/concerns/{concern.pk}/']").first.click()
    assert TEXT in contact.page.locator("main").inner_text()
    contact.check("concern-detail")

    for email in (OTHER_SOCIAL_WORKER, FACILITY_STAFF):
        other = visit(email)
        other.login(email, totp_secret=DEMO_TOTP[email])
        response = other.page.goto(f"/concerns/{concern.pk}/")
        assert response.status in (403, 404), f"{email} must not see the concern"
        assert TEXT not in other.page.content()

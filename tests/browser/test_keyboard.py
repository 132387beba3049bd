"""Keyboard only: the volunteer wizard and the social worker's decision queue, no mouse."""

from lotse.accounts.models import User
from lotse.demo.seed import DEMO_TOTP
from lotse.needs.models import Need
from lotse.placements.models import Placement
from lotse.placements.services import placement_propose
from lotse.volunteers.models import Volunteer
from tests.web.factories import PASSWORD, UserFactory

from .conftest import PHONE

SOCIAL_WORKER = "sozialarbeit@demo.lotse.local"


def tab_to(page, selector: str, limit: int = 120) -> None:
    """Press Tab until `selector` has the focus, and check the focus can be seen."""
    for _press in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => document.activeElement.matches(s)", selector):
            outline = page.evaluate(
                "() => { const s = getComputedStyle(document.activeElement);"
                " return [s.outlineStyle, s.outlineWidth]; }"
            )
            assert outline[0] != "none" and outline[1] != "0px", f"focus on {selector} is invisible"
            return
    raise AssertionError(f"Tab never reaches {selector}")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    if page.evaluate("() => document.activeElement.type") != "time":
        page.keyboard.press("Control+A")
    page.keyboard.type(text)


def choose(page, selector: str, steps: int) -> None:
    """A select, the keyboard way: focus it and press arrow down."""
    tab_to(page, selector)
    for _step in range(steps):
        page.keyboard.press("ArrowDown")


def submit(page, label: str) -> None:
    tab_to(page, "main form button[type=submit]")
    assert page.evaluate("() => document.activeElement.textContent.trim()") == label
    with page.expect_navigation():
        page.keyboard.press("Enter")


def log_in_by_keyboard(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    type_into(page, "input[name=login]", email)
    type_into(page, "input[name=password]", password)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_it_completes_the_volunteer_wizard_with_the_keyboard_alone(visit):
    you = visit("volunteer", PHONE)
    page, t = you.page, you.t
    user = UserFactory(email="tastatur@example.org")
    log_in_by_keyboard(page, user.email, PASSWORD)
    page.goto("/volunteer/signup/")

    type_into(page, "#id_first_name", "Tara")
    type_into(page, "#id_last_name", "Keller")
    submit(page, t("Next"))
    type_into(page, "#id_postcode", "48149")
    type_into(page, "#id_max_distance_km", "10")
    submit(page, t("Next"))
    tab_to(page, "input[name=skills]")
    page.keyboard.press("Space")
    submit(page, t("Next"))
    choose(page, "select[name=lang_de]", 3)
    submit(page, t("Next"))
    choose(page, "select[name=slot_0_day]", 2)
    # Headless Chromium shows time fields with a 12-hour clock whatever the page's language.
    type_into(page, "input[name=slot_0_start]", "0900A")
    type_into(page, "input[name=slot_0_end]", "0100P")
    submit(page, t("Next"))
    tab_to(page, "input[name=privacy]")
    page.keyboard.press("Space")
    tab_to(page, "input[name=code_of_conduct]")
    page.keyboard.press("Space")
    submit(page, t("Finish sign-up"))

    volunteer = Volunteer.objects.get(user=user)
    assert volunteer.postcode.code == "48149"
    assert volunteer.skills.count() == 1
    assert volunteer.availability.startswith("tue 09:00-13:00"), volunteer.availability


def waiting_offers(count: int) -> list[Placement]:
    """Volunteers' own offers on the social worker's needs: they wait for approval."""
    worker = User.objects.get(email=SOCIAL_WORKER)
    needs = Need.objects.filter(
        status=Need.Status.OPEN,
        facility__organisation=worker.organisation,
        requires_certificate=False,
    ).order_by("pk")
    volunteers = Volunteer.objects.filter(user__email__endswith="@demo.lotse.local").order_by("pk")
    offers = []
    for need, volunteer in zip(needs, volunteers[5:], strict=False):
        offers.append(placement_propose(need=need, volunteer=volunteer, actor=volunteer.user))
        if len(offers) == count:
            return offers
    raise AssertionError("the demo has too few open needs")


def test_it_approves_and_rejects_in_the_queue_with_the_keyboard_alone(visit):
    first, second = waiting_offers(2)
    you = visit("social worker")
    page = you.page
    you.login(SOCIAL_WORKER, totp_secret=DEMO_TOTP[SOCIAL_WORKER])
    # Her start page says that decisions wait and leads to them.
    page.goto("/staff/")
    waiting = page.locator("main a[href='/placements/queue/']").first
    assert any(ch.isdigit() for ch in waiting.inner_text()), "how many decisions wait"
    tab_to(page, "main a[href='/placements/queue/']")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/placements/queue/")
    you.check("sw-queue")
    rows = page.locator(".queue-row")
    assert rows.count() >= 2

    page.keyboard.press("j")
    focused = page.evaluate("() => document.activeElement.dataset.placement")
    with page.expect_navigation():
        page.keyboard.press("a")
    approved = Placement.objects.get(pk=int(focused))
    assert approved.approved_at is not None

    page.goto("/placements/queue/")
    page.keyboard.press("j")
    focused = int(page.evaluate("() => document.activeElement.dataset.placement"))
    page.keyboard.press("r")
    page.keyboard.press("ArrowDown")
    assert page.evaluate("() => document.activeElement.value") != ""
    tab_to(page, f"#row-{focused} .reject button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    rejected = Placement.objects.get(pk=focused)
    assert rejected.state == Placement.State.REJECTED
    assert {approved.pk, rejected.pk} == {first.pk, second.pk}

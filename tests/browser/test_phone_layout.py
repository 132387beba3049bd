"""Phone first: at 360 px no page scrolls sideways, no table header breaks inside a word, and the
navigation is one menu button that opens without JavaScript.

With LOTSE_PHONE_SHOTS=<folder> the start page and the dashboard are saved at 360 and 1366 px in
German and English, for a person to look at.
"""

import os
from pathlib import Path

from lotse.demo.seed import DEMO_TOTP, VOLUNTEER_LOGIN
from lotse.placements.models import Placement

from .conftest import PHONE, Visit

SOCIAL_WORKER = "sozialarbeit@demo.lotse.local"
FACILITY_STAFF = "hausdienst@demo.lotse.local"
COORDINATOR = "koordination@demo.lotse.local"
WIDE = {"width": 1366, "height": 900}
# The main pages of each role; None is someone not logged in.
PAGES = {
    None: ["/", "/transparency/", "/concerns/new/"],
    VOLUNTEER_LOGIN: [
        "/start/",
        "/placements/",
        "/volunteer/profile/",
        "/volunteer/opportunities/",
        "/notifications/",
        "/concerns/new/",
        "/concerns/mine/",
    ],
    SOCIAL_WORKER: ["/start/", "/placements/queue/", "/needs/", "/volunteers/", "/placements/"],
    FACILITY_STAFF: ["/start/", "/placements/"],
    COORDINATOR: ["/start/", "/dashboard/", "/dashboard/trends/", "/dashboard/stale/"],
}
# Each word of a header's text, with the hyphen it ends in (a break after a hyphen is between
# words). A word broken across lines has client rectangles on more than one line.
WORDS_BROKEN_IN_HEADERS = """() => {
  const broken = [];
  for (const th of document.querySelectorAll("th")) {
    const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.getBoundingClientRect().width <= 1) continue;  // visually hidden
      for (const word of node.data.matchAll(/[^\\s-]+-?/g)) {
        const range = document.createRange();
        range.setStart(node, word.index);
        range.setEnd(node, word.index + word[0].length);
        const lines = new Set(Array.from(range.getClientRects())
          .filter(r => r.width > 0).map(r => Math.round(r.bottom)));
        if (lines.size > 1) broken.push(`${th.textContent.trim()} (${word[0]})`);
      }
    }
  }
  return broken;
}"""
VISIBLE_AND_TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  return Array.from(document.querySelectorAll("body *"))
    .filter(e => e.checkVisibility() && e.getBoundingClientRect().right > width + 1)
    .slice(0, 6)
    .map(e => `${e.tagName.toLowerCase()}.${e.className} ${e.getBoundingClientRect().right}`);
}"""
PAGE_WIDTH = "() => [document.documentElement.scrollWidth, window.innerWidth]"


def log_in(visit: Visit, email: str | None) -> None:
    if email is not None:
        visit.login(email, totp_secret=DEMO_TOTP.get(email))


def layout_faults(visit: Visit, path: str, *, axe: bool) -> list[str]:
    visit.goto(path)
    page = visit.page
    faults = []
    width, screen = page.evaluate(PAGE_WIDTH)
    if width > screen:
        wider = page.evaluate(VISIBLE_AND_TOO_WIDE)
        faults.append(f"{path} is {width} px wide on a {screen} px screen: {wider}")
    broken = page.evaluate(WORDS_BROKEN_IN_HEADERS)
    if broken:
        faults.append(f"{path} breaks words in table headers: {broken[:6]}")
    if axe and not faults:  # the collapsed menu and the scroll regions stay accessible
        visit.check()
    return faults


def test_it_fits_the_main_pages_of_every_role_on_a_phone(chromium, demo):
    placement = Placement.objects.filter(volunteer__user__email=VOLUNTEER_LOGIN).first()
    faults = []
    for email, paths in PAGES.items():
        visit = Visit(chromium, demo.url, "de", PHONE, email or "resident")
        log_in(visit, email)
        if email == VOLUNTEER_LOGIN and placement is not None:
            paths = [*paths, f"/placements/{placement.pk}/"]  # with the hours table
        for number, path in enumerate(paths):  # axe once a role: the journeys check the rest
            faults += layout_faults(visit, path, axe=number == 1)
        visit.close()
    assert not faults, "\n".join(faults)


def test_it_collapses_the_menu_into_a_button_that_works_without_javascript(chromium, demo):
    phone = Visit(chromium, demo.url, "de", PHONE, "volunteer", javascript=False)
    page, t = phone.page, phone.t
    phone.login(VOLUNTEER_LOGIN)
    phone.goto("/start/")
    profile = page.locator("header nav").get_by_role("link", name=t("My profile"))
    assert not profile.is_visible(), "on a phone the menu starts closed"
    menu_button = page.locator("header summary").first
    assert menu_button.bounding_box()["height"] >= 44, "the menu button is a touch target"
    menu_button.click()
    assert profile.is_visible(), "the menu opens without JavaScript"
    assert profile.bounding_box()["height"] >= 44, "menu links are touch targets"
    for name in ("Two-factor authentication", "Log out"):
        assert page.locator("header nav .account").get_by_text(t(name)).count() == 1, name
        assert page.locator("header nav .work").get_by_text(t(name)).count() == 0, name
    assert page.locator("header").get_by_label(t("Language")).is_visible(), "language switch"
    phone.close()

    wide = Visit(chromium, demo.url, "en", WIDE, "volunteer")
    wide.login(VOLUNTEER_LOGIN)
    wide.goto("/start/")
    assert not wide.page.locator("header summary").first.is_visible(), "no menu button"
    for name in ("My start page", "My placements", "My profile"):
        link = wide.page.locator("header nav").get_by_role("link", name=wide.t(name))
        assert link.is_visible(), f"{name} shows on a wide screen without a click"
    wide.close()
    shots = os.environ.get("LOTSE_PHONE_SHOTS")
    if shots:
        save_shots(chromium, demo.url, Path(shots))


def save_shots(chromium, base_url: str, folder: Path) -> None:
    """The coordinator's start page and dashboard, narrow and wide, in both languages; the
    volunteer's profile with its stacked table of consents on a phone."""
    folder.mkdir(parents=True, exist_ok=True)
    volunteer = Visit(chromium, base_url, "de", PHONE, "volunteer")
    volunteer.login(VOLUNTEER_LOGIN)
    volunteer.goto("/volunteer/profile/")
    volunteer.page.locator("#consent-heading").scroll_into_view_if_needed()
    volunteer.page.screenshot(path=str(folder / "profile-de-360.png"))
    volunteer.close()
    visit = Visit(chromium, base_url, "de", PHONE, "coordinator")
    visit.login(COORDINATOR, totp_secret=DEMO_TOTP[COORDINATOR])
    page = visit.page
    for language in ("de", "en"):
        visit.context.add_cookies([{"name": "django_language", "value": language, "url": base_url}])
        for viewport in (PHONE, WIDE):
            page.set_viewport_size(viewport)
            width = viewport["width"]
            visit.goto("/start/")
            page.screenshot(path=str(folder / f"start-{language}-{width}.png"))
            if viewport == PHONE:
                page.locator("header summary").first.click()
                page.screenshot(path=str(folder / f"menu-{language}-{width}.png"))
            visit.goto("/dashboard/")
            page.locator("main table").nth(1).scroll_into_view_if_needed()
            page.screenshot(path=str(folder / f"dashboard-{language}-{width}.png"))
    visit.close()

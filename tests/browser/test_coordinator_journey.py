"""A district coordinator: the dashboard, a language filter, a CSV export, the map."""

import csv
import io
import os
from pathlib import Path

from lotse.demo.seed import DEMO_TOTP
from tests.browser.conftest import PHONE

COORDINATOR = "koordination@demo.lotse.local"


def test_it_filters_the_dashboard_by_language_exports_csv_and_shows_the_map(visit):
    you = visit("coordinator")
    page, t = you.page, you.t
    you.login(COORDINATOR, totp_secret=DEMO_TOTP[COORDINATOR])
    you.check("coordinator-start")
    page.get_by_role("link", name=t("District dashboard")).first.click()
    page.wait_for_url("**/dashboard/**")
    page.locator("#dashboard-map .leaflet-interactive").first.wait_for()
    assert page.locator("#dashboard-map path.leaflet-interactive").count() > 0, "circles drawn"
    you.check("dashboard")

    page.locator("main").get_by_label(t("Language"), exact=True).select_option("ar")
    page.get_by_role("button", name=t("Show")).click()
    page.wait_for_url("**language=ar**")
    you.check("dashboard-filtered")
    tables = page.locator("main table")
    assert tables.count() > 0, "the map's figures are also in tables"

    link = page.locator("p.downloads a").filter(has_text="CSV").first
    with page.expect_download() as download_info:
        link.click()
    download = download_info.value
    assert download.suggested_filename.endswith(".csv")
    with open(download.path(), encoding="utf-8-sig") as exported:
        text = exported.read()  # German Excel layout: ";"; English: ","
        rows = list(csv.reader(io.StringIO(text), csv.Sniffer().sniff(text, delimiters=";,")))
    assert len(rows) >= 2 and len(rows[0]) >= 2, rows[:3]

    page.get_by_role("link", name=t("Trends")).click()
    you.check("dashboard-trends")
    page.get_by_role("link", name=t("Stale work")).click()
    you.check("dashboard-stale")
    page.get_by_role("link", name=t("Public transparency report")).first.click()
    you.check("transparency")


def test_the_map_names_every_neighbourhood_as_text_never_as_markup(visit):
    from lotse.places.models import Neighbourhood

    payload = '<img src=x onerror="window.__xss=1">'
    hood = Neighbourhood.objects.filter(district__name="Nord").order_by("pk").first()
    Neighbourhood.objects.filter(pk=hood.pk).update(name=payload)
    # The dashboard keeps per-process snapshots and cached summaries from earlier tests.
    from django.core.cache import cache

    from lotse.dashboard.supply import supply_forget

    supply_forget()
    cache.clear()
    you = visit("coordinator")
    page = you.page
    you.login(COORDINATOR, totp_secret=DEMO_TOTP[COORDINATOR])
    you.goto("/dashboard/")
    page.locator("#dashboard-map .map-label").first.wait_for()
    labels = page.locator("#dashboard-map .map-label").all_text_contents()
    assert len(labels) >= 10, labels  # every neighbourhood with a point, named without hovering
    assert payload in labels  # shown as the text it is
    assert page.evaluate("window.__xss") is None  # and never run as markup
    _assert_boundaries_and_readable_labels(page)

    phone = visit("coordinator-phone", viewport=PHONE)
    # Her session on the phone too: a second login would wait up to 30 s for a fresh TOTP code.
    phone.context.add_cookies(you.context.cookies())
    phone.goto("/dashboard/")
    phone.page.locator("#dashboard-map .map-label").first.wait_for()
    _assert_boundaries_and_readable_labels(phone.page)
    phone.check()  # axe, no sideways scrolling at 360 px
    _save_map_shot(phone.page, phone.language, "dashboard-map-phone")


def _save_map_shot(page, language: str, name: str) -> None:
    """The map section alone for the user guide (a page shot stops above it on a phone)."""
    folder = os.environ.get("LOTSE_SCREENS_DIR")
    if not folder:
        return
    target = Path(folder) / language / f"{name}.jpg"
    target.parent.mkdir(parents=True, exist_ok=True)
    section = page.locator("section[aria-labelledby=map-heading]")
    section.screenshot(path=str(target), type="jpeg", quality=70)


VISIBLE_LABELS = """() => Array.from(document.querySelectorAll("#dashboard-map .map-label"))
  .filter(e => getComputedStyle(e).visibility !== "hidden")
  .map(e => { const r = e.firstChild.getBoundingClientRect();
              return {text: e.textContent, district: e.classList.contains("map-label-district"),
                      left: r.left, right: r.right, top: r.top, bottom: r.bottom}; })"""


def _assert_boundaries_and_readable_labels(page):
    """Each district in view outlined and named; no two names on the map overlap."""
    districts = page.evaluate(
        "() => JSON.parse(document.getElementById('dashboard-map-data').textContent).districts"
    )
    outlines = page.locator("#dashboard-map path:not(.leaflet-interactive)")
    assert outlines.count() == len(districts) > 0, "district boundaries drawn"
    shown = page.evaluate(VISIBLE_LABELS)
    assert sum(1 for label in shown if label["district"]) == len(districts), shown
    for i, a in enumerate(shown):
        for b in shown[i + 1 :]:
            apart = (a["right"] <= b["left"] or b["right"] <= a["left"]
                     or a["bottom"] <= b["top"] or b["bottom"] <= a["top"])  # fmt: skip
            assert apart, f"labels overlap: {a['text']!r} and {b['text']!r}"

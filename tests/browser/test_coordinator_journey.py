"""A district coordinator: the dashboard, a language filter, a CSV export, the map."""

import csv
import io

from lotse.web.demo import DEMO_TOTP

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
    labels = page.locator("#dashboard-map .map-label").all_inner_texts()
    assert len(labels) >= 10, labels  # every neighbourhood with a point, named without hovering
    assert payload in labels  # shown as the text it is
    assert page.evaluate("window.__xss") is None  # and never run as markup

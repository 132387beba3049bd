"""The map: Leaflet from our own static files, circles and facilities from the page's JSON,
tiles only when configured."""

import json
import re

import pytest

from lotse.dashboard.maps import coverage_band


def map_data(page: str) -> dict:
    found = re.search(r'<script id="dashboard-map-data" type="application/json">(.*?)</script>',
                      page, re.S)  # fmt: skip
    return json.loads(found.group(1))


@pytest.fixture
def page(client, dora, nord):
    client.force_login(dora)
    return client.get("/dashboard/").content.decode()


def test_it_serves_leaflet_from_our_own_static_files(page):
    assert 'src="/static/dashboard/vendor/leaflet/leaflet.js"' in page
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_it_puts_each_neighbourhood_and_facility_on_the_map(page):
    data = map_data(page)
    kinderhaus = next(a for a in data["areas"] if a["name"] == "Kinderhaus")
    assert (kinderhaus["open_slots"], kinderhaus["band"]) == (2, "thin")
    assert {f["name"] for f in data["facilities"]} == {"A1 Kinderhaus", "C1 Coerde"}


def test_it_draws_no_tiles_unless_configured(page):
    assert map_data(page)["tiles"]["url"] == ""


def test_it_uses_the_configured_tile_layer(client, settings, dora):
    settings.LOTSE_MAP_TILE_URL = "https://tiles.example.de/{z}/{x}/{y}.png"
    settings.LOTSE_MAP_TILE_ATTRIBUTION = "© Stadt"
    client.force_login(dora)
    tiles = map_data(client.get("/dashboard/").content.decode())["tiles"]
    assert tiles == {"url": "https://tiles.example.de/{z}/{x}/{y}.png", "attribution": "© Stadt"}


def test_it_names_every_band_in_the_legend(page):
    for band in ("none", "unmet", "thin", "covered"):
        assert f"band-{band}" in page


@pytest.mark.parametrize(
    ("coverage", "band"), [(None, "none"), (0.5, "unmet"), (1.0, "thin"), (3.0, "covered")]
)
def test_it_bands_coverage(coverage, band):
    assert coverage_band(coverage) == band

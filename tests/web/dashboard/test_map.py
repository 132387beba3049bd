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


def test_it_draws_the_boundaries_and_names_of_the_districts_in_view(page):
    nord = next(d for d in map_data(page)["districts"] if d["name"] == "Nord")
    assert nord["boundary"][0][0][0] == nord["boundary"][0][0][-1]  # a closed ring
    assert "Grenze des Stadtbezirks" in page  # the legend (the page speaks German)


def test_it_draws_no_boundaries_when_the_city_data_has_none(client, dora, nord):
    from lotse.places.models import District

    District.objects.update(boundary=None)
    client.force_login(dora)
    page = client.get("/dashboard/").content.decode()
    assert all(d["boundary"] is None for d in map_data(page)["districts"])
    assert "Grenze des Stadtbezirks" not in page


def test_the_legend_says_what_coverage_counts(page):
    assert "Sie prüft nicht jede Regel der offenen Bedarfe" in page


def test_the_content_security_policy_lets_in_no_tile_host_by_default(client, dora):
    client.force_login(dora)
    policy = client.get("/dashboard/")["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["img-src"] == "'self' data:"


def _img_src_with(environment: dict) -> str:
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[3]
    directives = "settings.CONTENT_SECURITY_POLICY['DIRECTIVES']"
    code = ("import django; django.setup(); from django.conf import settings; "
            f"print(' '.join({directives}['img-src']))")  # fmt: skip
    env = {**os.environ, "PYTHONPATH": f"{root}{os.pathsep}{root / 'platform'}", **environment}
    env.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings.test")
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          check=True, cwd=root)  # fmt: skip
    return done.stdout.strip()


def test_the_content_security_policy_lets_in_the_configured_tile_host():
    url = "https://{s}.tiles.example.de/{z}/{x}/{y}.png"
    assert _img_src_with({"LOTSE_MAP_TILE_URL": url}).endswith("https://*.tiles.example.de")
    assert "example" not in _img_src_with({"LOTSE_MAP_TILE_URL": ""})

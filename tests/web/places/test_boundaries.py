"""District boundaries: the optional districts.geojson of a city's folder, loaded by load_city."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from lotse.places import boundaries
from lotse.places.city_loader import load_city
from lotse.places.models import District

pytestmark = pytest.mark.django_db

SQUARE = [[[7.0, 52.0], [7.1, 52.0], [7.1, 52.1], [7.0, 52.1], [7.0, 52.0]]]


def _write_city(folder, geojson=None):
    (folder / "districts.csv").write_text("name,lat,lon\nNordstadt,52.05,7.05\n", encoding="utf-8")
    (folder / "neighbourhoods.csv").write_text(
        "district,name,lat,lon\nNordstadt,Hafen,52.05,7.05\n", encoding="utf-8"
    )
    (folder / "postcodes.csv").write_text(
        "postcode,lat,lon,neighbourhood,district\n12345,52.05,7.05,Hafen,Nordstadt\n",
        encoding="utf-8",
    )
    if geojson is not None:
        text = geojson if isinstance(geojson, str) else json.dumps(geojson)
        (folder / "districts.geojson").write_text(text, encoding="utf-8")


def _collection(*features):
    return {"type": "FeatureCollection", "features": list(features)}


def _feature(district="Nordstadt", kind="Polygon", coordinates=SQUARE):
    return {
        "type": "Feature",
        "properties": {"district": district},
        "geometry": {"type": kind, "coordinates": coordinates},
    }


def test_it_loads_muensters_approximate_boundaries_for_all_six_districts():
    assert District.objects.filter(boundary__isnull=False).count() == 6
    mitte = District.objects.get(name="Mitte").boundary
    lon, lat = mitte[0][0][0]
    assert 7.4 < lon < 7.8 and 51.8 < lat < 52.1  # [longitude, latitude], as GeoJSON has them


def test_it_stores_a_polygon_as_multipolygon_coordinates(tmp_path):
    _write_city(tmp_path, _collection(_feature()))
    assert load_city(tmp_path).boundaries == 1
    assert District.objects.get(name="Nordstadt").boundary == [SQUARE]


def test_a_city_without_the_file_has_no_boundaries(tmp_path):
    _write_city(tmp_path, _collection(_feature()))
    load_city(tmp_path)
    (tmp_path / "districts.geojson").unlink()
    assert load_city(tmp_path).boundaries == 0
    assert District.objects.get(name="Nordstadt").boundary is None


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "districts.geojson: not valid JSON"),
        (_feature(), "must be a GeoJSON object"),
        (_collection(_feature(kind="Point", coordinates=[7.0, 52.0])),
         "feature 1: geometry must be a Polygon or MultiPolygon, not 'Point'"),
        (_collection(_feature(district="Südstadt")),
         "feature 1, property district: unknown 'Südstadt'"),
        (_collection(_feature(), _feature()), "feature 2, property district: 'Nordstadt' appears"),
        (_collection(_feature(coordinates=[[[7.0, 52.0], [7.1, 52.0], [7.0, 52.0]]])),
         "feature 1: each ring needs at least 4 positions"),
        (_collection(_feature(coordinates=[[[7.0, 95.0], [7.1, 52.0], [7.1, 52.1], [7.0, 95.0]]])),
         "feature 1: position [7.0, 95.0] is not [longitude, latitude]"),
    ],
)  # fmt: skip
def test_a_broken_file_loads_nothing_and_says_why(tmp_path, content, message):
    _write_city(tmp_path, content)
    with pytest.raises(ValidationError, match=message.replace("[", r"\[").replace("]", r"\]")):
        load_city(tmp_path)
    assert not District.objects.filter(name="Nordstadt").exists()


def test_a_huge_file_is_refused_before_it_is_read(tmp_path, monkeypatch):
    monkeypatch.setattr(boundaries, "MAX_BYTES", 100)
    _write_city(tmp_path, _collection(_feature(), _feature()))
    with pytest.raises(ValidationError, match="larger than"):
        load_city(tmp_path)


def test_the_command_reports_a_broken_file_without_a_traceback(tmp_path):
    _write_city(tmp_path, "{not json")
    with pytest.raises(Exception, match="districts.geojson: not valid JSON") as caught:
        call_command("load_city", str(tmp_path), verbosity=0)
    assert type(caught.value).__name__ == "CommandError"

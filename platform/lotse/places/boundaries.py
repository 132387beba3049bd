"""District boundaries from a city's optional `districts.geojson`, checked before anything is saved.

The file is a GeoJSON FeatureCollection: one Feature per district, its `district` property the
district's name as in districts.csv, its geometry a Polygon or MultiPolygon in WGS 84
(longitude, latitude). Each district's geometry is kept as MultiPolygon coordinates, rounded to
about a metre, for the dashboard's map.
"""

import json
import math
from pathlib import Path

from django.core.exceptions import ValidationError

FILE_NAME = "districts.geojson"
MAX_BYTES = 5 * 1024 * 1024  # an open-data file of city districts is a few hundred kB
MAX_POSITIONS = 200_000
DIGITS = 5  # 1e-5 degrees is about a metre: enough for a map, and a smaller page
GEOMETRY_TYPES = ("Polygon", "MultiPolygon")

NOT_JSON = "{file}: not valid JSON ({error})"
TOO_LARGE = "{file}: larger than {limit} MB; simplify the geometry first"
NOT_A_COLLECTION = '{file}: must be a GeoJSON object of "type": "FeatureCollection"'
WRONG_GEOMETRY = "{where}: geometry must be a Polygon or MultiPolygon, not {kind!r}"
UNKNOWN_DISTRICT = "{where}, property district: unknown {name!r}"
TWICE = "{where}, property district: {name!r} appears twice"
BAD_RING = "{where}: each ring needs at least 4 positions, the last equal to the first"
BAD_POSITION = "{where}: position {position!r} is not [longitude, latitude] in range"
TOO_MANY_POSITIONS = "{file}: more than {limit} positions; simplify the geometry first"

MultiPolygon = list[list[list[list[float]]]]


def read_boundaries(folder: Path, known: set[str]) -> dict[str, MultiPolygon] | None:
    """District name -> MultiPolygon coordinates; None when the city has no boundary file."""
    path = Path(folder) / FILE_NAME
    if not path.exists():
        return None
    if path.stat().st_size > MAX_BYTES:
        raise ValidationError(TOO_LARGE.format(file=FILE_NAME, limit=MAX_BYTES // 2**20))
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (ValueError, UnicodeDecodeError) as exc:
        raise ValidationError(NOT_JSON.format(file=FILE_NAME, error=exc)) from None
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise ValidationError(NOT_A_COLLECTION.format(file=FILE_NAME))
    features = data.get("features")
    if not isinstance(features, list):
        raise ValidationError(NOT_A_COLLECTION.format(file=FILE_NAME))
    found: dict[str, MultiPolygon] = {}
    for n, feature in enumerate(features, start=1):
        name, polygons = _feature(feature, f"{FILE_NAME} feature {n}", known)
        if name in found:
            raise ValidationError(TWICE.format(where=f"{FILE_NAME} feature {n}", name=name))
        found[name] = polygons
    positions = sum(len(ring) for polygons in found.values() for poly in polygons for ring in poly)
    if positions > MAX_POSITIONS:
        raise ValidationError(TOO_MANY_POSITIONS.format(file=FILE_NAME, limit=MAX_POSITIONS))
    return found


def _feature(feature, where: str, known: set[str]) -> tuple[str, MultiPolygon]:
    feature = feature if isinstance(feature, dict) else {}
    properties = feature.get("properties") or {}
    name = properties.get("district") if isinstance(properties, dict) else None
    if not isinstance(name, str) or name not in known:
        raise ValidationError(UNKNOWN_DISTRICT.format(where=where, name=name))
    geometry = feature.get("geometry") or {}
    kind = geometry.get("type") if isinstance(geometry, dict) else None
    if kind not in GEOMETRY_TYPES:
        raise ValidationError(WRONG_GEOMETRY.format(where=where, kind=kind))
    coordinates = geometry.get("coordinates")
    polygons = [coordinates] if kind == "Polygon" else coordinates
    if not isinstance(polygons, list) or not polygons:
        raise ValidationError(BAD_RING.format(where=where))
    return name, [_polygon(polygon, where) for polygon in polygons]


def _polygon(rings, where: str) -> list[list[list[float]]]:
    if not isinstance(rings, list) or not rings:
        raise ValidationError(BAD_RING.format(where=where))
    return [_ring(ring, where) for ring in rings]


def _ring(ring, where: str) -> list[list[float]]:
    if not isinstance(ring, list) or len(ring) < 4:
        raise ValidationError(BAD_RING.format(where=where))
    points = [_position(position, where) for position in ring]
    if points[0] != points[-1]:
        raise ValidationError(BAD_RING.format(where=where))
    return points


def _position(position, where: str) -> list[float]:
    try:
        lon, lat = float(position[0]), float(position[1])
    except (TypeError, ValueError, IndexError, KeyError):
        raise ValidationError(BAD_POSITION.format(where=where, position=position)) from None
    if not (math.isfinite(lon) and math.isfinite(lat) and abs(lon) <= 180 and abs(lat) <= 90):
        raise ValidationError(BAD_POSITION.format(where=where, position=position))
    return [round(lon, DIGITS), round(lat, DIGITS)]

"""Load a city's districts, neighbourhoods and postcodes from CSV files (city data, not code).

A folder holds `districts.csv` (name, lat, lon), `neighbourhoods.csv` (district, name, lat, lon)
and `postcodes.csv` (postcode, lat, lon, neighbourhood, district); an optional
`postcodes_nearby.csv` (postcode, lat, lon, town) lists neighbouring towns whose residents may
volunteer; an optional `districts.geojson` gives the districts' boundaries for the map
(boundaries.py). Loading is all-or-nothing and idempotent: running it again updates rows in place.
"""

import csv
import math
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction

from .boundaries import read_boundaries
from .models import District, Neighbourhood, Postcode


@dataclass
class CityLoadResult:
    districts: int
    neighbourhoods: int
    postcodes: int
    nearby_postcodes: int = 0
    boundaries: int = 0


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        raise ValidationError(f"{path.name}: file missing")
    with path.open(encoding="utf-8-sig", newline="") as fh:
        lines = [line for line in fh if not line.startswith("#")]  # comments about the data
        return [
            {k.strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)
        ]


def _coord(row: dict[str, str], key: str, where: str, limit: float) -> float | None:
    raw = row.get(key, "")
    if raw == "":
        return None
    try:
        value = float(raw)
    except ValueError:
        raise ValidationError(f"{where}, column {key}: not a number: {raw!r}") from None
    if not math.isfinite(value) or abs(value) > limit:
        raise ValidationError(f"{where}, column {key}: out of range: {raw!r}")
    return value


@transaction.atomic
def load_city(folder: Path) -> CityLoadResult:
    folder = Path(folder)
    districts: dict[str, District] = {}
    for n, row in enumerate(_read(folder / "districts.csv"), start=2):
        where = f"districts.csv row {n}"
        if not row.get("name"):
            raise ValidationError(f"{where}, column name: required")
        districts[row["name"]], _ = District.objects.update_or_create(
            name=row["name"],
            defaults={"lat": _coord(row, "lat", where, 90), "lon": _coord(row, "lon", where, 180)},
        )
    neighbourhoods: dict[tuple[str, str], Neighbourhood] = {}
    for n, row in enumerate(_read(folder / "neighbourhoods.csv"), start=2):
        where = f"neighbourhoods.csv row {n}"
        district = districts.get(row.get("district", ""))
        if district is None:
            raise ValidationError(f"{where}, column district: unknown {row.get('district')!r}")
        neighbourhoods[(district.name, row["name"])], _ = Neighbourhood.objects.update_or_create(
            district=district,
            name=row["name"],
            defaults={"lat": _coord(row, "lat", where, 90), "lon": _coord(row, "lon", where, 180)},
        )
    count = 0
    for n, row in enumerate(_read(folder / "postcodes.csv"), start=2):
        where = f"postcodes.csv row {n}"
        lat, lon = _coord(row, "lat", where, 90), _coord(row, "lon", where, 180)
        if lat is None or lon is None:
            raise ValidationError(f"{where}: lat and lon are required")
        hood = None
        if row.get("neighbourhood"):
            hood = neighbourhoods.get((row.get("district", ""), row["neighbourhood"]))
            if hood is None:
                raise ValidationError(
                    f"{where}, column neighbourhood: unknown {row['neighbourhood']!r}"
                )
        Postcode.objects.update_or_create(
            code=row["postcode"],
            defaults={
                "lat": lat, "lon": lon, "neighbourhood": hood, "outside_city": False, "town": "",
            },
        )  # fmt: skip
        count += 1
    nearby = _load_nearby(folder / "postcodes_nearby.csv")
    boundaries = _load_boundaries(folder, districts)
    return CityLoadResult(len(districts), len(neighbourhoods), count, nearby, boundaries)


def _load_boundaries(folder: Path, districts: dict[str, District]) -> int:
    """Each district's boundary from the file; without the file, none (the folder is the truth)."""
    found = read_boundaries(folder, set(districts)) or {}
    for name, district in districts.items():
        district.boundary = found.get(name)
        district.save(update_fields=["boundary"])
    return len(found)


def _load_nearby(path: Path) -> int:
    """Postcodes of neighbouring towns: a centroid for matching, no neighbourhood."""
    if not path.exists():  # optional: a city may serve only its own residents
        return 0
    rows = _read(path)
    for n, row in enumerate(rows, start=2):
        where = f"{path.name} row {n}"
        lat, lon = _coord(row, "lat", where, 90), _coord(row, "lon", where, 180)
        if lat is None or lon is None:
            raise ValidationError(f"{where}: lat and lon are required")
        if not row.get("postcode"):
            raise ValidationError(f"{where}, column postcode: required")
        if Postcode.objects.filter(code=row["postcode"], outside_city=False).exists():
            raise ValidationError(f"{where}, column postcode: {row['postcode']} is in the city")
        Postcode.objects.update_or_create(
            code=row["postcode"],
            defaults={
                "lat": lat, "lon": lon, "neighbourhood": None, "outside_city": True,
                "town": row.get("town", ""),
            },
        )  # fmt: skip
    return len(rows)

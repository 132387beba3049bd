"""Filling a VolunteerPool from whole numpy columns, for bulk loads and the benchmark."""

import numpy as np

from matching.bits import WORDS
from matching.geo import chord_squared_for_km, unit_vectors
from matching.pool import FOREVER, NO_DAY

_OPTIONAL = {  # keyword: (pool column, value when the keyword is left out)
    "skills_mask": ("skill_bits", 0),
    "hours_this_month": ("hours", 0.0),
    "placements_total": ("placements", 0),
    "certificate_valid_until": ("certificate_until", NO_DAY),
    "paused_until": ("paused_until", NO_DAY),
    "available_from": ("available_from", NO_DAY),
}


def fill_from_arrays(pool, ids, lat, lon, max_distance_km, columns: dict) -> None:
    unknown = (
        set(columns)
        - set(_OPTIONAL)
        - {"language_levels", "availability", "max_hours_per_month", "available_until"}
    )
    if unknown:
        raise TypeError(f"unknown column(s): {', '.join(sorted(unknown))}")
    ids = np.asarray(ids, dtype=np.int64)
    n = len(ids)
    if len(np.unique(ids)) != n:
        raise ValueError("volunteer ids must be unique")
    pool._grow(n)
    pool.n_rows = n
    pool.ids[:n] = ids
    pool.active[:n] = True
    _fill_location(pool, n, lat, lon, max_distance_km)
    for keyword, (name, default) in _OPTIONAL.items():
        getattr(pool, name)[:n] = columns.get(keyword, default)
    _fill_limits(pool, n, columns)
    _fill_matrices(pool, n, columns)
    pool._row_of = dict(zip(ids.tolist(), range(n), strict=True))


def _fill_location(pool, n: int, lat, lon, max_distance_km) -> None:
    lat = np.asarray(lat, dtype=np.float64)
    lon = np.asarray(lon, dtype=np.float64)
    radius = np.asarray(max_distance_km, dtype=np.float64)
    if not (np.isfinite(radius).all() and (radius >= 0).all()):
        raise ValueError("max_distance_km must be a number >= 0 for every volunteer")
    located = np.isfinite(lat) & np.isfinite(lon) & (np.abs(lat) <= 90) & (np.abs(lon) <= 180)
    pool.located[:n] = located
    points = unit_vectors(np.nan_to_num(lat), np.nan_to_num(lon))
    pool.xyz[:n] = np.where(located[:, None], points, 0.0)
    pool.radius_km[:n] = radius
    pool.radius_chord2[:n] = chord_squared_for_km(radius)


def _fill_limits(pool, n: int, columns: dict) -> None:
    max_hours = np.asarray(columns.get("max_hours_per_month", np.full(n, np.nan)), dtype=float)
    pool.max_hours[:n] = np.where(np.isnan(max_hours), np.inf, max_hours)
    until = np.asarray(columns.get("available_until", np.zeros(n)), dtype=np.int64)
    pool.available_until[:n] = np.where(until == NO_DAY, FOREVER, until)


def _fill_matrices(pool, n: int, columns: dict) -> None:
    if "language_levels" in columns:
        levels = np.asarray(columns["language_levels"], dtype=np.uint8)
        if levels.shape != (n, len(pool.language_codes)) or levels.max(initial=0) > 4:
            raise ValueError("language_levels must be n x len(languages) with levels 0-4")
        pool.language_levels[:, :n] = levels.T
    if "availability" in columns:
        bits = np.asarray(columns["availability"], dtype=np.uint64)
        if bits.shape != (n, WORDS):
            raise ValueError(f"availability must be n x {WORDS} uint64 words")
        pool.availability[:, :n] = bits.T

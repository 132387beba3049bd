"""Supply counts over the pool: who is available on a day, and who of them reaches fixed places.

The places (a city's neighbourhood centres) are told to the pool once (`VolunteerPool.
set_places`); the pool keeps one bit per place and volunteer, set when the place lies within the
volunteer's own travel radius. Counting for a dashboard request is then a few operations over
whole columns, never a loop over volunteers, and nothing besides the pool has to be kept fresh.
"""

from collections.abc import Iterable

import numpy as np

from matching.geo import CHORD_TOLERANCE, chord_squared_to, unit_vectors

Place = tuple[int, float, float]  # id, lat, lon
BYTE_BITS = ((np.arange(256)[:, None] >> np.arange(8)) & 1).astype(np.int64)  # byte -> its bits


def words_for(places: int) -> int:
    return max(1, -(-places // 64))


def place_vectors(places: Iterable[Place]) -> np.ndarray:
    points = [(lat, lon) for _id, lat, lon in places]
    if not points:
        return np.zeros((0, 3))
    lat, lon = np.array(points, dtype=float).T
    return unit_vectors(lat, lon)


def reach_bits(xyz, radius_chord2, located, place_xyz: np.ndarray) -> np.ndarray:
    """(words, rows) uint64: bit p of a row is set when place p lies within its radius."""
    bits = np.zeros((words_for(len(place_xyz)), len(xyz)), dtype=np.uint64)
    limit = radius_chord2 + CHORD_TOLERANCE
    for col, point in enumerate(place_xyz):
        inside = (chord_squared_to(xyz, point) <= limit) & located
        bits[col // 64] |= inside.astype(np.uint64) << np.uint64(col % 64)
    return bits


def available(pool, day: int, *, skill=None, language=None, level: int = 1) -> np.ndarray:
    """Rows of volunteers available on that day (an ordinal): not paused, within their own
    availability dates, with the skill (slug) and the language (code, at `level` or better)
    when asked."""
    n = pool.n_rows
    mask = pool.active[:n] & (pool.paused_until[:n] < day)
    mask &= pool.available_from[:n] <= day
    mask &= pool.available_until[:n] >= day
    if skill is not None:
        mask &= has_skill(pool, skill)
    if language is not None:
        mask &= speaks(pool, language, level)
    return mask


def has_skill(pool, slug: str) -> np.ndarray:
    bit = pool.skill_bit(slug)
    if not bit:
        return np.zeros(pool.n_rows, dtype=bool)
    return (pool.skill_bits[: pool.n_rows] & bit).astype(bool)


def speaks(pool, code: str, level: int = 1) -> np.ndarray:
    column = pool.language_column(code)
    if column is None:
        return np.zeros(pool.n_rows, dtype=bool)
    return pool.language_levels[column, : pool.n_rows] >= level


def reach_by_place(pool, mask: np.ndarray) -> dict[int, int]:
    """Volunteers in `mask` whose radius reaches each place."""
    # One histogram per byte of the bits, not one pass per place: 256 counts say how often
    # each combination of eight places occurs, and BYTE_BITS turns them into counts per place.
    places = len(pool.places)
    chosen = np.ascontiguousarray(pool.place_bits_now()[:, mask].T, dtype="<u8")  # rows, words
    as_bytes = chosen.view(np.uint8).reshape(len(chosen), 8 * chosen.shape[1])
    counts = [
        np.bincount(as_bytes[:, byte], minlength=256) @ BYTE_BITS for byte in range(-(-places // 8))
    ]
    per_place = np.concatenate(counts)[:places] if counts else np.zeros(0, dtype=np.int64)
    return dict(zip((p[0] for p in pool.places), per_place.tolist(), strict=True))


def reach_any(pool, mask: np.ndarray, place_ids: Iterable[int]) -> int:
    """Volunteers in `mask` who reach at least one of these places (each counted once)."""
    wanted = _place_mask(pool, place_ids)
    if not wanted.any():
        return 0
    rows = np.flatnonzero(mask)  # most masks (a skill, a language) keep few volunteers
    bits = pool.place_bits_now()[:, rows]
    hit = np.zeros(len(rows), dtype=bool)
    for word in np.flatnonzero(wanted):
        hit |= (bits[word] & wanted[word]) != 0
    return int(np.count_nonzero(hit))


def _place_mask(pool, place_ids: Iterable[int]) -> np.ndarray:
    column = {place[0]: col for col, place in enumerate(pool.places)}
    words = np.zeros(words_for(len(pool.places)), dtype=np.uint64)
    for place_id in place_ids:
        col = column.get(place_id)
        if col is not None:
            words[col // 64] |= np.uint64(1) << np.uint64(col % 64)
    return words


def ids_reaching(
    pool, points: Iterable[tuple[float, float]], *, at_most: int | None = None
) -> np.ndarray | None:
    """Ids of the pool's volunteers whose own travel radius reaches at least one of `points`
    (lat, lon): a few passes over whole columns, no row read from anywhere else. With
    `at_most`: None as soon as more than that many are found — at 100,000 volunteers one
    facility often reaches thousands, and the other facilities need no pass."""
    n = pool.n_rows
    xyz, limit = pool.xyz[:n], pool.radius_chord2[:n] + CHORD_TOLERANCE
    counted = pool.active[:n] & pool.located[:n]
    inside = np.zeros(n, dtype=bool)
    for point in place_vectors((0, lat, lon) for lat, lon in points):
        inside |= chord_squared_to(xyz, point) <= limit
        # The plain count first (cheap): only above the bound is the exact one worth it.
        if (
            at_most is not None
            and np.count_nonzero(inside) > at_most
            and np.count_nonzero(inside & counted) > at_most
        ):
            return None
    return pool.ids[:n][inside & counted]

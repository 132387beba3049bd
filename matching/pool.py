"""All volunteers as columns of numpy arrays, with a BallTree for spatial look-ups.

Rows are append-only: `upsert` marks the old row dead (a tombstone) and appends a new one;
`remove` marks it dead. Rows appended since the last tree build are scanned directly. The tree
is rebuilt (and dead rows compacted away) lazily, once enough rows are pending or dead.
"""

from collections.abc import Iterable, Sequence
from datetime import date

import numpy as np
from sklearn.neighbors import BallTree

from matching.bits import WORDS
from matching.codes import KNOWN_LANGUAGES, SKILLS
from matching.geo import (
    CHORD_TOLERANCE,
    EARTH_RADIUS_KM,
    chord_squared_for_km,
    chord_squared_to,
    unit_vectors,
)
from matching.model import VolunteerProfile
from matching.reach import Place, place_vectors, reach_bits, words_for
from matching.timeslots import Schedule

NO_DAY = 0  # "no date" in day-number columns (date.toordinal() is >= 1)
FOREVER = np.iinfo(np.int32).max
MAX_SKILLS = 64
TREE_MIN_ROWS = 5_000  # below this a scan is as fast as any tree
SCAN_FRACTION = 0.10  # scan when more than this share of the pool lies within the query radius
SAMPLE_SIZE = 1024
Rows = np.ndarray | slice  # row numbers, or a slice over all rows

_COLUMNS = {  # name: (dtype, value of an empty row)
    "ids": (np.int64, 0), "active": (np.bool_, False), "located": (np.bool_, False),
    "radius_km": (np.float32, 0.0), "radius_chord2": (np.float64, -1.0),
    "skill_bits": (np.uint64, 0), "hours": (np.float32, 0.0), "max_hours": (np.float32, np.inf),
    "placements": (np.int32, 0), "certificate_until": (np.int32, NO_DAY),
    "paused_until": (np.int32, NO_DAY), "available_from": (np.int32, NO_DAY),
    "available_until": (np.int32, FOREVER),
}  # fmt: skip


def contains_sorted(sorted_ids: np.ndarray, values: np.ndarray) -> np.ndarray:
    """`np.isin(values, sorted_ids)` for an array already sorted (placed_on_need,
    good_at_facility): a binary search per value instead of sorting both arrays."""
    if not len(sorted_ids):
        return np.zeros(len(values), dtype=bool)
    at = np.searchsorted(sorted_ids, values)
    return sorted_ids[np.minimum(at, len(sorted_ids) - 1)] == values


class VolunteerPool:
    """Columnar store of volunteer profiles that the ranking functions read."""

    def __init__(
        self,
        profiles: Iterable[VolunteerProfile] = (),
        *,
        languages: Sequence[str] = KNOWN_LANGUAGES,
        skills: Sequence[str] = SKILLS,
        index_min_rows: int = TREE_MIN_ROWS,
    ) -> None:
        self.index_min_rows = index_min_rows  # fewer located rows than this: no tree, scan
        # Moves with every change to what the pool holds or the places it was told: whoever
        # keeps a figure counted from the pool keeps it only as long as this stands.
        self.generation = 0
        self.language_codes: list[str] = list(dict.fromkeys(languages))
        self.skill_codes: list[str] = list(dict.fromkeys(skills))
        self._check_skill_count()
        self._allocate(0)
        self._reset_side_data()
        self.upsert_many(profiles)
        self.rebuild()

    # ----- storage -------------------------------------------------------------------------
    def _allocate(self, capacity: int) -> None:
        self.n_rows = 0
        self.capacity = capacity
        for name, (dtype, empty) in _COLUMNS.items():
            setattr(self, name, np.full(capacity, empty, dtype=dtype))
        self.xyz = np.zeros((capacity, 3))
        self.language_levels = np.zeros((len(self.language_codes), capacity), dtype=np.uint8)
        self.availability = np.zeros((WORDS, capacity), dtype=np.uint64)
        self.max_radius_km = 0.0
        self._tree: BallTree | None = None
        self._tree_rows = np.zeros(0, dtype=np.int64)
        self._tree_end = 0
        self._sample = np.zeros((0, 3))
        self.set_places(())

    def _reset_side_data(self) -> None:
        self._row_of: dict[int, int] = {}
        self.busy: dict[int, tuple[Schedule, ...]] = {}
        self._placed_on: dict[int, frozenset[int]] = {}
        self._good_at: dict[int, frozenset[int]] = {}
        self._placed_by_need: dict[int, set[int]] = {}
        self._good_by_facility: dict[int, set[int]] = {}
        # The two sets above as sorted arrays, made when first asked for and dropped when the
        # set changes: a need's context needs them at every ranking (thousands of ids for a
        # facility with a long history), and `contains_sorted` looks them up without a sort.
        self._as_array: dict[tuple[str, int | None], np.ndarray] = {}

    def _grow(self, needed: int) -> None:
        if needed <= self.capacity:
            return
        capacity = max(needed, 2 * self.capacity, 64)
        for name in _COLUMNS:
            setattr(self, name, _resized(getattr(self, name), capacity, _COLUMNS[name][1]))
        self.xyz = _resized(self.xyz, capacity, 0.0)
        self.language_levels = _resized(self.language_levels, capacity, 0, axis=1)
        self.availability = _resized(self.availability, capacity, 0, axis=1)
        self.place_bits = _resized(self.place_bits, capacity, 0, axis=1)
        self.capacity = capacity

    def _check_skill_count(self) -> None:
        if len(self.skill_codes) > MAX_SKILLS:
            raise ValueError(f"a pool holds at most {MAX_SKILLS} distinct skills")

    def language_column(self, code: str) -> int | None:
        try:
            return self.language_codes.index(code)
        except ValueError:
            return None

    def skill_bit(self, slug: str) -> np.uint64:
        """The skill's bit, or 0 when no volunteer in the pool can have it."""
        if slug not in self.skill_codes:
            return np.uint64(0)
        return np.uint64(1) << np.uint64(self.skill_codes.index(slug))

    def _learn_codes(self, profile: VolunteerProfile) -> None:
        new_skills = sorted(profile.skills - set(self.skill_codes))
        if len(self.skill_codes) + len(new_skills) > MAX_SKILLS:
            raise ValueError(f"a pool holds at most {MAX_SKILLS} distinct skills")
        self.skill_codes.extend(new_skills)
        new_languages = [code for code in profile.languages if code not in self.language_codes]
        if new_languages:
            extra = np.zeros((len(new_languages), self.capacity), dtype=np.uint8)
            self.language_levels = np.vstack([self.language_levels, extra])
            self.language_codes.extend(new_languages)

    @classmethod
    def from_arrays(
        cls,
        *,
        ids: np.ndarray,
        lat: np.ndarray,
        lon: np.ndarray,
        max_distance_km: np.ndarray,
        languages: Sequence[str] = KNOWN_LANGUAGES,
        skills: Sequence[str] = SKILLS,
        index_min_rows: int = TREE_MIN_ROWS,
        **columns: np.ndarray,
    ) -> "VolunteerPool":
        """Build a pool from whole columns at once (bulk loads, benchmarks).

        Optional columns, one value per volunteer: skills_mask (uint64, bit i = skills[i]),
        language_levels (n x len(languages), 0-4), availability (n x 11 uint64 week bits),
        hours_this_month, max_hours_per_month (NaN = no limit), placements_total, and
        certificate_valid_until, paused_until, available_from, available_until as date ordinals
        (0 = none).
        """
        from matching.pool_bulk import fill_from_arrays

        pool = cls(languages=languages, skills=skills, index_min_rows=index_min_rows)
        fill_from_arrays(pool, ids, lat, lon, max_distance_km, columns)
        pool.rebuild()
        return pool

    # ----- changes -------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._row_of)

    def __contains__(self, volunteer_id: int) -> bool:
        return volunteer_id in self._row_of

    @property
    def ids_in_pool(self) -> list[int]:
        return list(self._row_of)

    def upsert(self, profile: VolunteerProfile) -> None:
        """Add a volunteer, or replace what the pool knows about them."""
        self.upsert_many([profile])

    def upsert_many(self, profiles: Iterable[VolunteerProfile]) -> None:
        for profile in profiles:
            self.generation += 1
            self._learn_codes(profile)
            self.remove(profile.id)
            self._grow(self.n_rows + 1)
            self._write_row(self.n_rows, profile)
            self._row_of[profile.id] = self.n_rows
            self._add_side_data(profile)
            self.n_rows += 1

    def remove(self, volunteer_id: int) -> bool:
        """Forget a volunteer; False if the pool did not know them."""
        row = self._row_of.pop(volunteer_id, None)
        if row is None:
            return False
        self.generation += 1
        self.active[row] = False
        self._drop_side_data(volunteer_id)
        return True

    def _write_row(self, row: int, p: VolunteerProfile) -> None:
        located = p.has_location
        self.ids[row] = p.id
        self.active[row] = True
        self.located[row] = located
        self.xyz[row] = unit_vectors(p.lat, p.lon) if located else 0.0
        self.radius_km[row] = p.max_distance_km
        self.radius_chord2[row] = chord_squared_for_km(p.max_distance_km)
        self.max_radius_km = max(self.max_radius_km, float(p.max_distance_km))
        self.skill_bits[row] = _skill_mask(p.skills, self.skill_codes)
        self.language_levels[:, row] = 0
        for code, level in p.languages.items():
            self.language_levels[self.language_codes.index(code), row] = level
        self.availability[:, row] = p.availability.to_bits()
        self._write_workload(row, p)
        self.certificate_until[row] = _day(p.certificate_valid_until, NO_DAY)
        self.paused_until[row] = _day(p.paused_until, NO_DAY)
        self.available_from[row] = _day(p.available_from, NO_DAY)
        self.available_until[row] = _day(p.available_until, FOREVER)

    def _write_workload(self, row: int, p: VolunteerProfile) -> None:
        self.hours[row] = p.hours_this_month
        self.max_hours[row] = np.inf if p.max_hours_per_month is None else p.max_hours_per_month
        self.placements[row] = p.placements_total

    def _add_side_data(self, p: VolunteerProfile) -> None:
        if p.busy:
            self.busy[p.id] = tuple(p.busy)
        if p.placed_need_ids:
            self._placed_on[p.id] = frozenset(p.placed_need_ids)
        if p.good_facility_ids:
            self._good_at[p.id] = frozenset(p.good_facility_ids)
        for need_id in p.placed_need_ids:
            self._placed_by_need.setdefault(need_id, set()).add(p.id)
            self._as_array.pop(("placed", need_id), None)
        for facility_id in p.good_facility_ids:
            self._good_by_facility.setdefault(facility_id, set()).add(p.id)
            self._as_array.pop(("good", facility_id), None)

    def _drop_side_data(self, volunteer_id: int) -> None:
        self.busy.pop(volunteer_id, None)
        for need_id in self._placed_on.pop(volunteer_id, ()):
            self._placed_by_need[need_id].discard(volunteer_id)
            self._as_array.pop(("placed", need_id), None)
        for facility_id in self._good_at.pop(volunteer_id, ()):
            self._good_by_facility[facility_id].discard(volunteer_id)
            self._as_array.pop(("good", facility_id), None)

    def placed_on_need(self, need_id: int) -> np.ndarray:
        """Ids of the volunteers placed on the need, sorted (read-only)."""
        return self._sorted("placed", need_id, self._placed_by_need)

    def good_at_facility(self, facility_id: int | None) -> np.ndarray:
        """Ids of the volunteers with a completed placement at the facility, sorted
        (read-only)."""
        return self._sorted("good", facility_id, self._good_by_facility)

    def _sorted(self, kind: str, key: int | None, sets: dict[int, set[int]]) -> np.ndarray:
        found = self._as_array.get((kind, key))
        if found is None:
            found = np.sort(np.fromiter(sets.get(key, ()), dtype=np.int64))
            found.flags.writeable = False
            self._as_array[(kind, key)] = found
        return found

    def nbytes(self) -> int:
        """Bytes held by the pool's arrays and its BallTree (the Python side tables aside)."""
        arrays = [getattr(self, name) for name in _COLUMNS]
        arrays += [self.xyz, self.language_levels, self.availability, self.place_bits]
        arrays.append(self._tree_rows)
        if self._tree is not None:
            arrays += [a for a in self._tree.get_arrays() if isinstance(a, np.ndarray)]
        return sum(a.nbytes for a in arrays)

    # ----- fixed places (matching.reach) ---------------------------------------------------
    def set_places(self, places: Iterable[Place]) -> None:
        """Keep, for every row, which of these places (id, lat, lon) lie within its radius."""
        self.generation += 1
        self.places: tuple[Place, ...] = tuple(places)
        self._place_xyz = place_vectors(self.places)
        self.place_bits = np.zeros((words_for(len(self.places)), self.capacity), dtype=np.uint64)
        self._places_end = 0  # rows below this have their bits computed

    def place_bits_now(self) -> np.ndarray:
        """(words, rows) reach bits of every row; rows appended since the last call (rows are
        never rewritten) are computed now, in one pass."""
        if self._places_end < self.n_rows:
            new = slice(self._places_end, self.n_rows)
            self.place_bits[:, new] = reach_bits(
                self.xyz[new], self.radius_chord2[new], self.located[new], self._place_xyz
            )
            self._places_end = self.n_rows
        return self.place_bits[:, : self.n_rows]

    # ----- spatial index -------------------------------------------------------------------
    def rebuild(self) -> None:
        """Compact dead rows away and rebuild the BallTree over all located rows."""
        self.generation += 1
        keep = np.flatnonzero(self.active[: self.n_rows])
        if len(keep) < self.n_rows:
            self._compact(keep)
        located_rows = np.flatnonzero(self.located[: self.n_rows])
        self._tree_rows = located_rows
        self._tree_end = self.n_rows
        big_enough = len(located_rows) >= max(self.index_min_rows, 1)
        self._tree = _ball_tree(self.xyz[located_rows]) if big_enough else None
        radii = self.radius_km[: self.n_rows]
        self.max_radius_km = float(radii.max()) if len(radii) else 0.0
        rng = np.random.default_rng(0)
        size = min(SAMPLE_SIZE, len(located_rows))
        self._sample = self.xyz[rng.choice(located_rows, size=size, replace=False)]

    def _compact(self, keep: np.ndarray) -> None:
        for name in _COLUMNS:
            getattr(self, name)[: len(keep)] = getattr(self, name)[keep]
            getattr(self, name)[len(keep) : self.n_rows] = _COLUMNS[name][1]
        self.xyz[: len(keep)] = self.xyz[keep]
        self.language_levels[:, : len(keep)] = self.language_levels[:, keep]
        self.availability[:, : len(keep)] = self.availability[:, keep]
        self.place_bits[:, : len(keep)] = self.place_bits[:, keep]
        self._places_end = int(np.searchsorted(keep, self._places_end))
        self.n_rows = len(keep)
        self._row_of = {int(vid): row for row, vid in enumerate(self.ids[: self.n_rows])}

    def _needs_rebuild(self) -> bool:
        pending = self.n_rows - self._tree_end
        dead = self.n_rows - len(self._row_of)
        return pending > max(1_000, self._tree_end // 10) or dead > max(1_000, self.n_rows // 4)

    def rows_near(self, point: np.ndarray, radius_km: float) -> tuple[Rows, np.ndarray]:
        """Live located rows within `radius_km` of a unit vector, and their squared chords.

        Returns a slice over all rows (with chords set to +inf outside the radius) when most of
        the pool is that close anyway, so callers can work on whole columns without copying.
        """
        if self._needs_rebuild():
            self.rebuild()
        limit = chord_squared_for_km(radius_km) + CHORD_TOLERANCE
        if self._should_scan(point, limit):
            whole = slice(0, self.n_rows)
            chord2 = chord_squared_to(self.xyz[whole], point)
            outside = chord2 > limit
            outside |= ~self.active[whole]
            outside |= ~self.located[whole]
            chord2[outside] = np.inf
            return whole, chord2
        return self._rows_from_tree(point, radius_km, limit)

    def _should_scan(self, point: np.ndarray, limit: float) -> bool:
        # A tree query that returns most of the pool is slower than one pass over the columns;
        # a fixed random sample of the pool tells which case this query is.
        if self._tree is None:
            return True
        share = np.mean(chord_squared_to(self._sample, point) <= limit)
        return bool(share > SCAN_FRACTION)

    def _rows_from_tree(self, point, radius_km, limit) -> tuple[np.ndarray, np.ndarray]:
        lat, lon = np.arcsin(np.clip(point[2], -1, 1)), np.arctan2(point[1], point[0])
        # A hair of slack, so rounding in the tree never drops a row the exact test keeps.
        reach = radius_km / EARTH_RADIUS_KM * (1 + 1e-9) + 1e-12
        found = self._tree.query_radius([[lat, lon]], r=reach)[0]
        pending = np.arange(self._tree_end, self.n_rows)
        rows = np.concatenate([self._tree_rows[found], pending])
        rows = rows[self.active[rows] & self.located[rows]]
        chord2 = chord_squared_to(self.xyz[rows], point)
        inside = chord2 <= limit
        return rows[inside], chord2[inside]


def _ball_tree(xyz: np.ndarray) -> BallTree:
    lat = np.arcsin(np.clip(xyz[:, 2], -1.0, 1.0))
    lon = np.arctan2(xyz[:, 1], xyz[:, 0])
    return BallTree(np.column_stack([lat, lon]), metric="haversine")


def _resized(array: np.ndarray, capacity: int, fill, axis: int = 0) -> np.ndarray:
    shape = list(array.shape)
    shape[axis] = capacity
    grown = np.full(shape, fill, dtype=array.dtype)
    index = [slice(None)] * array.ndim
    index[axis] = slice(0, array.shape[axis])
    grown[tuple(index)] = array
    return grown


def _skill_mask(skills: Iterable[str], vocabulary: list[str]) -> int:
    return sum(1 << vocabulary.index(slug) for slug in skills)


def _day(value: date | None, missing: int) -> int:
    return missing if value is None else value.toordinal()

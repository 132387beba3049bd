"""Supply: how many volunteers live within reach of each neighbourhood, by their own radius.

All volunteers are held per process as numpy columns (unit vectors, radius, skills, language
levels, availability days), with a precomputed reach matrix: row v, column h is true when
neighbourhood h's centre lies within volunteer v's own travel radius. Counting for a request
is then a few vectorised operations over the columns, never a loop over volunteers.

The snapshot is rebuilt when the neighbourhoods change, and when the matching side's volunteer
version stamp moved (any profile, skill, language or placement change) — at most once every
LOTSE_DASHBOARD_SUPPLY_REFRESH_SECONDS, so a busy day costs one rebuild a minute, not one per
page view. Supply figures are therefore at most that old.
"""

import threading
import time
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg

from lotse.matchmaking.pool_cache import VERSION_KEY
from lotse.places.models import Facility, Neighbourhood, Postcode
from lotse.volunteers.models import Volunteer, VolunteerLanguage
from lotse.volunteers.selectors import volunteers_matchable
from matching.geo import CHORD_TOLERANCE, chord_squared_for_km, chord_squared_to, unit_vectors

NO_DAY = 0
FOREVER = np.iinfo(np.int32).max
HoodPoint = tuple[int, float, float]  # neighbourhood id, lat, lon


@dataclass
class Supply:
    """Volunteers as columns, and which neighbourhood centres each of them reaches."""

    paused_until: np.ndarray  # date ordinals, NO_DAY when not paused
    available_from: np.ndarray  # NO_DAY when unset
    available_until: np.ndarray  # FOREVER when unset
    skills: dict[int, np.ndarray]  # skill id -> bool column
    languages: dict[int, np.ndarray]  # language id -> level column (0 = does not speak it)
    hood_ids: list[int]
    reach: np.ndarray  # (volunteers, neighbourhoods) float32: 1.0 where the centre is reached
    reach_bits: np.ndarray  # the same rows packed: (volunteers, words) uint64
    points: tuple[HoodPoint, ...] = ()
    version: str | None = None
    built_at: float = field(default_factory=time.monotonic)

    def __len__(self) -> int:
        return len(self.paused_until)

    def available(self, day_ordinal: int, skill_id=None, language_id=None, level=1) -> np.ndarray:
        """Volunteers available on that day, with the skill and the language if asked."""
        mask = self.paused_until < day_ordinal
        mask &= self.available_from <= day_ordinal
        mask &= self.available_until >= day_ordinal
        if skill_id is not None:
            mask &= self.skills.get(skill_id, np.zeros_like(mask))
        if language_id is not None:
            mask &= self.speaks(language_id, level)
        return mask

    def speaks(self, language_id: int, level: int = 1) -> np.ndarray:
        levels = self.languages.get(language_id)
        if levels is None:
            return np.zeros(len(self), dtype=bool)
        return levels >= level

    def by_neighbourhood(self, mask: np.ndarray) -> dict[int, int]:
        """Volunteers in `mask` who reach each neighbourhood's centre."""
        counts = mask.astype(np.float32) @ self.reach  # one matrix-vector product
        return dict(zip(self.hood_ids, np.rint(counts).astype(int).tolist(), strict=True))

    def within_any(self, mask: np.ndarray, hood_ids) -> int:
        """Volunteers in `mask` who reach at least one of these neighbourhoods (each once)."""
        wanted = self.hood_mask(hood_ids)
        if not wanted.any():
            return 0
        return int(np.count_nonzero(mask & (self.reach_bits & wanted).any(axis=1)))

    def hood_mask(self, hood_ids) -> np.ndarray:
        column = {hid: i for i, hid in enumerate(self.hood_ids)}
        return _pack([column[h] for h in hood_ids if h in column], len(self.hood_ids))


def _pack(columns: list[int], width: int) -> np.ndarray:
    words = np.zeros(max(1, -(-width // 64)), dtype=np.uint64)
    for col in columns:
        words[col // 64] |= np.uint64(1) << np.uint64(col % 64)
    return words


# ---------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------
def neighbourhood_points() -> tuple[HoodPoint, ...]:
    """Each neighbourhood's centre: its own point, else the mean of its postcodes, else of its
    facilities. Neighbourhoods without any point cannot be reached and are left out."""
    points = {}
    fallbacks = (
        Facility.objects.filter(is_active=True).values("neighbourhood_id"),
        Postcode.objects.values("neighbourhood_id"),
    )
    for rows in fallbacks:
        found = rows.filter(neighbourhood_id__isnull=False).annotate(a=Avg("lat"), o=Avg("lon"))
        points |= {r["neighbourhood_id"]: (r["a"], r["o"]) for r in found}
    for hid, lat, lon in Neighbourhood.objects.values_list("pk", "lat", "lon"):
        if lat is not None and lon is not None:
            points[hid] = (lat, lon)
    return tuple(sorted((hid, float(lat), float(lon)) for hid, (lat, lon) in points.items()))


def supply_build(points: tuple[HoodPoint, ...], version: str | None = None) -> Supply:
    """Read every volunteer whose data may be used for matching, in three queries."""
    rows = volunteers_matchable().filter(user__is_active=True).order_by("pk")
    fields = ("pk", "lat", "lon", "max_distance_km", "paused_until", "available_from",
              "available_until")  # fmt: skip
    ids, lat, lon, radius, paused, since, until = _columns(rows.values_list(*fields), len(fields))
    xyz = unit_vectors(lat.astype(float), lon.astype(float)) if len(ids) else np.zeros((0, 3))
    reach = _reach(xyz, chord_squared_for_km(radius.astype(float)), points)
    return Supply(
        paused_until=_days(paused, NO_DAY),
        available_from=_days(since, NO_DAY),
        available_until=_days(until, FOREVER),
        skills=_skill_columns(ids),
        languages=_language_columns(ids),
        hood_ids=[p[0] for p in points],
        reach=reach.astype(np.float32),
        reach_bits=_pack_rows(reach),
        points=points,
        version=version,
    )


def _columns(rows, width: int) -> list[np.ndarray]:
    table = list(rows)
    if not table:
        return [np.zeros(0, dtype=object) for _ in range(width)]
    return [np.array(column, dtype=object) for column in zip(*table, strict=True)]


def _days(values: np.ndarray, missing: int) -> np.ndarray:
    return np.array(
        [missing if v is None else v.toordinal() for v in values], dtype=np.int32
    ).reshape(-1)


def _reach(xyz: np.ndarray, radius_chord2: np.ndarray, points) -> np.ndarray:
    reach = np.zeros((len(xyz), len(points)), dtype=bool)
    for col, (_hid, lat, lon) in enumerate(points):
        chord2 = chord_squared_to(xyz, unit_vectors(lat, lon))
        reach[:, col] = chord2 <= radius_chord2 + CHORD_TOLERANCE
    return reach


def _pack_rows(reach: np.ndarray) -> np.ndarray:
    words = max(1, -(-reach.shape[1] // 64))
    packed = np.zeros((reach.shape[0], words), dtype=np.uint64)
    for col in range(reach.shape[1]):
        packed[:, col // 64] |= reach[:, col].astype(np.uint64) << np.uint64(col % 64)
    return packed


def _rows_of(ids: np.ndarray, volunteer_ids: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Row numbers of `volunteer_ids` in the sorted `ids`, and which of them are known."""
    sorted_ids = ids.astype(np.int64)
    if not len(sorted_ids):
        return np.zeros(0, dtype=np.int64), np.zeros(len(volunteer_ids), dtype=bool)
    rows = np.minimum(np.searchsorted(sorted_ids, volunteer_ids), len(sorted_ids) - 1)
    known = sorted_ids[rows] == volunteer_ids
    return rows[known], known


def _skill_columns(ids: np.ndarray) -> dict[int, np.ndarray]:
    pairs = np.array(
        list(Volunteer.skills.through.objects.values_list("volunteer_id", "skill_id")),
        dtype=np.int64,
    ).reshape(-1, 2)
    rows, known = _rows_of(ids, pairs[:, 0])
    columns = {}
    for skill_id in np.unique(pairs[:, 1]).tolist():
        column = np.zeros(len(ids), dtype=bool)
        column[rows[pairs[known, 1] == skill_id]] = True
        columns[skill_id] = column
    return columns


def _language_columns(ids: np.ndarray) -> dict[int, np.ndarray]:
    triples = np.array(
        list(VolunteerLanguage.objects.values_list("volunteer_id", "language_id", "level")),
        dtype=np.int64,
    ).reshape(-1, 3)
    rows, known = _rows_of(ids, triples[:, 0])
    columns = {}
    for language_id in np.unique(triples[:, 1]).tolist():
        column = np.zeros(len(ids), dtype=np.uint8)
        chosen = triples[known, 1] == language_id
        column[rows[chosen]] = triples[known][chosen, 2]
        columns[language_id] = column
    return columns


# ---------------------------------------------------------------------------
# The process's snapshot
# ---------------------------------------------------------------------------
_state: dict = {"supply": None, "points": None, "points_at": 0.0}
_lock = threading.Lock()


def supply_current() -> Supply:
    """This process's snapshot, rebuilt if it is missing or stale (see the module's note)."""
    with _lock:
        points = _points()
        supply = _state["supply"]
        version = cache.get(VERSION_KEY)
        if supply is None or supply.points != points or _stale(supply, version):
            supply = _state["supply"] = supply_build(points, version)
        return supply


def _points() -> tuple[HoodPoint, ...]:
    """The neighbourhood centres, read again once the refresh interval has passed."""
    now = time.monotonic()
    if _state["points"] is None or now - _state["points_at"] >= _refresh_seconds():
        _state["points"], _state["points_at"] = neighbourhood_points(), now
    return _state["points"]


def _refresh_seconds() -> float:
    return settings.LOTSE_DASHBOARD_SUPPLY_REFRESH_SECONDS


def _stale(supply: Supply, version: str | None) -> bool:
    age = time.monotonic() - supply.built_at
    return version != supply.version and age >= _refresh_seconds()


def supply_forget() -> None:
    """Drop the snapshot (tests, a flushed database)."""
    with _lock:
        _state.update(supply=None, points=None, points_at=0.0)

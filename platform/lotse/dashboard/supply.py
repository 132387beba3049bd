"""Supply: how many volunteers live within reach of each neighbourhood, by their own radius.

All volunteers are held per process as numpy columns (unit vectors, radius, skills, language
levels, availability days), with a precomputed reach matrix: row v, column h is true when
neighbourhood h's centre lies within volunteer v's own travel radius. Counting for a request
is then a few vectorised operations over the columns, never a loop over volunteers.

The snapshot is built once per process (≈ 3 s at 100,000 volunteers) and rebuilt only when the
neighbourhoods change. When the matching side's volunteer version stamp moved (any profile,
skill, language, consent, account or placement change), the snapshot is synced the way the
matching pool is: the volunteers stamped (`updated_at`, indexed) or removed (`PoolRemoval`)
since the last sync are read again and their rows rewritten — milliseconds, not a rebuild — at
most once every LOTSE_DASHBOARD_SUPPLY_REFRESH_SECONDS, so supply figures are at most that old.
"""

import dataclasses
import datetime as dt
import threading
import time
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db.models import Avg
from django.utils import timezone

from lotse.matchmaking.pool_cache import VERSION_KEY, volunteers_changed_since
from lotse.places.models import Facility, Neighbourhood, Postcode
from lotse.volunteers.models import Volunteer, VolunteerLanguage
from lotse.volunteers.selectors import volunteers_matchable
from matching.geo import CHORD_TOLERANCE, chord_squared_for_km, chord_squared_to, unit_vectors

NO_DAY = 0
FOREVER = np.iinfo(np.int32).max
HoodPoint = tuple[int, float, float]  # neighbourhood id, lat, lon


@dataclass
class Supply:
    """Volunteers as columns, and which neighbourhood centres each of them reaches. A row whose
    volunteer left (deleted, consent withdrawn, account closed) stays, with `alive` false."""

    ids: np.ndarray  # volunteer ids, int64
    alive: np.ndarray  # bool
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
    synced_at: dt.datetime | None = None  # database time of the last read
    row_of: dict[int, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not self.row_of and len(self.ids):
            self.row_of = {vid: row for row, vid in enumerate(self.ids.tolist())}

    def __len__(self) -> int:
        """Volunteers in the snapshot (rows of those who left not counted)."""
        return int(np.count_nonzero(self.alive))

    @property
    def rows(self) -> int:
        return len(self.ids)

    def available(self, day_ordinal: int, skill_id=None, language_id=None, level=1) -> np.ndarray:
        """Volunteers available on that day, with the skill and the language if asked."""
        mask = self.alive & (self.paused_until < day_ordinal)
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
            return np.zeros(self.rows, dtype=bool)
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


def _matchable():
    return volunteers_matchable().filter(user__is_active=True)


@dataclass
class _Read:
    """Volunteer rows read from the database, as columns."""

    ids: np.ndarray
    paused_until: np.ndarray
    available_from: np.ndarray
    available_until: np.ndarray
    reach: np.ndarray  # bool (volunteers, neighbourhoods)


def _read(rows, points) -> _Read:
    fields = ("pk", "lat", "lon", "max_distance_km", "paused_until", "available_from",
              "available_until")  # fmt: skip
    ids, lat, lon, radius, paused, since, until = _columns(
        rows.order_by("pk").values_list(*fields), len(fields)
    )
    xyz = unit_vectors(lat.astype(float), lon.astype(float)) if len(ids) else np.zeros((0, 3))
    return _Read(
        ids=ids.astype(np.int64),
        paused_until=_days(paused, NO_DAY),
        available_from=_days(since, NO_DAY),
        available_until=_days(until, FOREVER),
        reach=_reach(xyz, chord_squared_for_km(radius.astype(float)), points),
    )


def supply_build(points: tuple[HoodPoint, ...], version: str | None = None) -> Supply:
    """Read every volunteer whose data may be used for matching, in three queries."""
    synced_at = timezone.now()
    read = _read(_matchable(), points)
    ids = read.ids
    return Supply(
        ids=ids,
        alive=np.ones(len(ids), dtype=bool),
        paused_until=read.paused_until,
        available_from=read.available_from,
        available_until=read.available_until,
        skills=_skill_columns(ids, _skill_pairs()),
        languages=_language_columns(ids, _language_triples()),
        hood_ids=[p[0] for p in points],
        reach=read.reach.astype(np.float32),
        reach_bits=_pack_rows(read.reach),
        points=points,
        version=version,
        synced_at=synced_at,
    )


def supply_synced(supply: Supply, version: str | None) -> Supply:
    """A new snapshot with the volunteers changed or removed since `supply` was read: their
    rows rewritten, newcomers appended, leavers marked not alive. `supply` stays as it was
    (a request still reading it sees consistent columns)."""
    now = timezone.now()
    removed, changed = volunteers_changed_since(supply.synced_at)
    fresh = _read(_matchable().filter(pk__in=changed), supply.points)
    newcomers = [vid for vid in fresh.ids.tolist() if vid not in supply.row_of]
    new = _grown(supply, newcomers)
    new.version, new.synced_at, new.built_at = version, now, time.monotonic()
    kept = set(fresh.ids.tolist())
    leavers = [new.row_of[vid] for vid in (removed | set(changed)) - kept if vid in new.row_of]
    new.alive[leavers] = False
    rows = np.array([new.row_of[vid] for vid in fresh.ids.tolist()], dtype=np.int64)
    new.alive[rows] = True
    new.paused_until[rows] = fresh.paused_until
    new.available_from[rows] = fresh.available_from
    new.available_until[rows] = fresh.available_until
    new.reach[rows] = fresh.reach
    new.reach_bits[rows] = _pack_rows(fresh.reach)
    touched = np.union1d(rows, np.array(leavers, dtype=np.int64))
    skills, languages = _skill_pairs(changed), _language_triples(changed)
    _rewrite(new.skills, touched, rows, fresh.ids, skills, np.bool_, new.rows)
    _rewrite(new.languages, touched, rows, fresh.ids, languages, np.uint8, new.rows)
    return new


def _grown(supply: Supply, newcomers: list[int]) -> Supply:
    """A copy of `supply` with a row appended for each newcomer (not alive until written)."""
    extra = len(newcomers)

    def grow(column: np.ndarray, fill) -> np.ndarray:
        shape = (extra, *column.shape[1:])
        return np.concatenate([column, np.full(shape, fill, dtype=column.dtype)])

    row_of = dict(supply.row_of)
    row_of.update({vid: supply.rows + i for i, vid in enumerate(newcomers)})
    return dataclasses.replace(
        supply,
        ids=np.concatenate([supply.ids, np.array(newcomers, dtype=np.int64)]),
        alive=grow(supply.alive, False),
        paused_until=grow(supply.paused_until, NO_DAY),
        available_from=grow(supply.available_from, NO_DAY),
        available_until=grow(supply.available_until, FOREVER),
        skills={k: grow(v, False) for k, v in supply.skills.items()},
        languages={k: grow(v, 0) for k, v in supply.languages.items()},
        reach=grow(supply.reach, 0.0),
        reach_bits=grow(supply.reach_bits, 0),
        row_of=row_of,
    )


def _rewrite(columns: dict, touched, rows, ids, pairs: np.ndarray, dtype, length: int) -> None:
    """Clear the touched rows in every column, then set the pairs (volunteer, key[, value])
    of the volunteers read again (`ids` in the order of `rows`)."""
    for column in columns.values():
        column[touched] = 0
    if not len(pairs):
        return
    row_by_id = dict(zip(ids.tolist(), rows.tolist(), strict=True))
    for vid, key, *value in pairs.tolist():
        row = row_by_id.get(vid)
        if row is None:
            continue
        if key not in columns:
            columns[key] = np.zeros(length, dtype=dtype)
        columns[key][row] = value[0] if value else True


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


def _skill_pairs(volunteer_ids=None) -> np.ndarray:
    rows = Volunteer.skills.through.objects.all()
    if volunteer_ids is not None:
        rows = rows.filter(volunteer_id__in=volunteer_ids)
    return np.array(list(rows.values_list("volunteer_id", "skill_id")), dtype=np.int64).reshape(
        -1, 2
    )


def _language_triples(volunteer_ids=None) -> np.ndarray:
    rows = VolunteerLanguage.objects.all()
    if volunteer_ids is not None:
        rows = rows.filter(volunteer_id__in=volunteer_ids)
    triples = rows.values_list("volunteer_id", "language_id", "level")
    return np.array(list(triples), dtype=np.int64).reshape(-1, 3)


def _skill_columns(ids: np.ndarray, pairs: np.ndarray) -> dict[int, np.ndarray]:
    rows, known = _rows_of(ids, pairs[:, 0])
    columns = {}
    for skill_id in np.unique(pairs[:, 1]).tolist():
        column = np.zeros(len(ids), dtype=bool)
        column[rows[pairs[known, 1] == skill_id]] = True
        columns[skill_id] = column
    return columns


def _language_columns(ids: np.ndarray, triples: np.ndarray) -> dict[int, np.ndarray]:
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
    """This process's snapshot: built when missing (or its neighbourhoods changed, or it is
    worn), synced when volunteers changed (see the module's note)."""
    with _lock:
        points = _points()
        supply = _state["supply"]
        version = cache.get(VERSION_KEY)
        if supply is None or supply.points != points or _worn(supply):
            supply = _state["supply"] = supply_build(points, version)
        elif _stale(supply, version):
            supply = _state["supply"] = supply_synced(supply, version)
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


def _worn(supply: Supply) -> bool:
    """Rebuild once a quarter of the rows belong to volunteers who left."""
    return supply.rows > 1000 and len(supply) < 0.75 * supply.rows


def supply_forget() -> None:
    """Drop the snapshot (tests, a flushed database)."""
    with _lock:
        _state.update(supply=None, points=None, points_at=0.0)

"""All open needs as columns of numpy arrays, so one volunteer is scored against all at once.

Built once from the needs' specs (the Django side caches it per process); only the open slots
change often, and `with_open_slots` replaces that one column without rebuilding the rest.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

import numpy as np

from matching.bits import QUARTER, WORDS
from matching.context import IMPLICIT_LANGUAGE
from matching.geo import chord_squared_for_km, unit_vectors
from matching.model import NeedSpec

DAY_MINUTES = 24 * 60
NEVER_ENDS = np.iinfo(np.int64).max
NO_FACILITY = -1


@dataclass(frozen=True)
class LanguageAsks:
    """Asked languages per need, padded to the longest list: codes index `codes`, level 0 = none."""

    codes: tuple[str, ...]
    column: np.ndarray  # (n, k) int64 index into codes
    level: np.ndarray  # (n, k) int64, 0 where a need asks fewer than k languages
    count: np.ndarray  # (n,) int64


@dataclass(frozen=True)
class NeedTable:
    specs: tuple[NeedSpec, ...]
    ids: np.ndarray
    rankable: np.ndarray  # has a schedule, a valid location and a valid radius
    xyz: np.ndarray
    has_radius: np.ndarray
    radius_km: np.ndarray
    radius_chord2: np.ndarray
    first_day: np.ndarray  # date ordinal of the first occurrence
    last_end_minute: np.ndarray  # minutes since day 0 of the end of the last one, or NEVER_ENDS
    words: np.ndarray  # (n, WORDS) uint64 week bits of the need's slot
    quarters: np.ndarray
    one_off: np.ndarray
    skill_codes: tuple[str, ...]
    main_skill: np.ndarray  # index into skill_codes, -1 when no main skill is asked
    further_skills: np.ndarray  # (n, len(skill_codes)) bool
    further_count: np.ndarray
    requires_certificate: np.ndarray
    facility_id: np.ndarray  # NO_FACILITY for district work
    open_slots: np.ndarray
    required: LanguageAsks
    preferred: LanguageAsks  # with the implicit German of needs that name no language

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def from_specs(cls, specs: Iterable[NeedSpec]) -> "NeedTable":
        specs = tuple(specs)
        rankable = np.array([_rankable(s) for s in specs], dtype=bool)
        radius = np.array(
            [s.max_distance_km if s.max_distance_km is not None else np.nan for s in specs],
            dtype=np.float64,
        )
        has_radius = np.array([s.max_distance_km is not None for s in specs], dtype=bool)
        skill_codes = tuple(sorted({slug for s in specs for slug in s.skills | {s.main_skill}}
                                   - {None}))  # fmt: skip
        return cls(
            specs=specs,
            ids=np.array([s.id for s in specs], dtype=np.int64),
            rankable=rankable,
            xyz=_points(specs, rankable),
            has_radius=has_radius,
            radius_km=radius,
            radius_chord2=np.where(has_radius, chord_squared_for_km(np.nan_to_num(radius)), 0.0),
            **_schedule_columns(specs, rankable),
            skill_codes=skill_codes,
            **_skill_columns(specs, skill_codes),
            requires_certificate=np.array([s.requires_certificate for s in specs], dtype=bool),
            facility_id=np.array(
                [NO_FACILITY if s.facility_id is None else s.facility_id for s in specs],
                dtype=np.int64,
            ),
            open_slots=np.array([s.open_slots for s in specs], dtype=np.int64),
            required=_language_asks([s.languages_required for s in specs]),
            preferred=_language_asks([_preferred(s) for s in specs]),
        )

    def with_open_slots(self, open_slots: Sequence[int] | np.ndarray) -> "NeedTable":
        """The same table with new open slots (one per need, in table order)."""
        slots = np.asarray(open_slots, dtype=np.int64)
        if slots.shape != self.ids.shape:
            raise ValueError("open_slots needs one value per need of the table")
        specs = tuple(
            spec if spec.open_slots == n else replace(spec, open_slots=int(n))
            for spec, n in zip(self.specs, slots.tolist(), strict=True)
        )
        return replace(self, specs=specs, open_slots=slots)


def _rankable(spec: NeedSpec) -> bool:
    radius = spec.max_distance_km
    return spec.schedule is not None and spec.has_location and (radius is None or bool(radius >= 0))


def _points(specs: tuple[NeedSpec, ...], rankable: np.ndarray) -> np.ndarray:
    xyz = np.zeros((len(specs), 3))
    rows = np.flatnonzero(rankable)
    if len(rows):
        lat = np.array([specs[i].lat for i in rows], dtype=np.float64)
        lon = np.array([specs[i].lon for i in rows], dtype=np.float64)
        xyz[rows] = unit_vectors(lat, lon)
    return xyz


def _schedule_columns(specs: tuple[NeedSpec, ...], rankable: np.ndarray) -> dict:
    n = len(specs)
    columns = {
        "first_day": np.zeros(n, dtype=np.int64),
        "last_end_minute": np.full(n, NEVER_ENDS, dtype=np.int64),
        "words": np.zeros((n, WORDS), dtype=np.uint64),
        "quarters": np.ones(n, dtype=np.int64),
        "one_off": np.zeros(n, dtype=bool),
    }
    for i in np.flatnonzero(rankable):
        schedule = specs[i].schedule
        columns["first_day"][i] = schedule.first_date.toordinal()
        last = schedule.last_date
        if last is not None:
            columns["last_end_minute"][i] = last.toordinal() * DAY_MINUTES + schedule.end_minute
        columns["words"][i] = schedule.to_bits()
        columns["quarters"][i] = (schedule.end_minute - schedule.start_minute) // QUARTER
        columns["one_off"][i] = schedule.is_one_off
    return columns


def _skill_columns(specs: tuple[NeedSpec, ...], codes: tuple[str, ...]) -> dict:
    index = {code: i for i, code in enumerate(codes)}
    further = np.zeros((len(specs), len(codes)), dtype=bool)
    for row, spec in enumerate(specs):
        for slug in spec.further_skills:
            further[row, index[slug]] = True
    main = [index[s.main_skill] if s.main_skill is not None else -1 for s in specs]
    return {
        "main_skill": np.array(main, dtype=np.int64),
        "further_skills": further,
        "further_count": np.array([len(s.further_skills) for s in specs], dtype=np.int64),
    }


def _preferred(spec: NeedSpec) -> dict[str, int]:
    # The same rule as context._preferred: a need naming no language prefers some German.
    if spec.languages_required or spec.languages_preferred:
        return spec.languages_preferred
    return dict([IMPLICIT_LANGUAGE])


def _language_asks(asks: list[dict[str, int]]) -> LanguageAsks:
    codes = tuple(sorted({code for levels in asks for code in levels}))
    index = {code: i for i, code in enumerate(codes)}
    width = max((len(levels) for levels in asks), default=0)
    column = np.zeros((len(asks), width), dtype=np.int64)
    level = np.zeros((len(asks), width), dtype=np.int64)
    for row, levels in enumerate(asks):
        for k, (code, value) in enumerate(levels.items()):
            column[row, k], level[row, k] = index[code], value
    count = np.array([len(levels) for levels in asks], dtype=np.int64)
    return LanguageAsks(codes, column, level, count)

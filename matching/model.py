"""The engine's inputs: a volunteer's profile, a need, and the weights of the score."""

import math
from dataclasses import dataclass, field, fields
from datetime import date

from matching.codes import MAX_LEVEL
from matching.timeslots import Schedule, WeeklyAvailability

COMPONENTS: tuple[str, ...] = (
    "distance", "skills", "languages", "availability", "workload", "continuity",
)  # fmt: skip


@dataclass(frozen=True)
class VolunteerProfile:
    id: int
    lat: float | None
    lon: float | None
    max_distance_km: float
    skills: frozenset[str] = frozenset()
    languages: dict[str, int] = field(default_factory=dict)
    availability: WeeklyAvailability = WeeklyAvailability()
    max_hours_per_month: float | None = None
    hours_this_month: float = 0.0
    placements_total: int = 0
    certificate_valid_until: date | None = None
    paused_until: date | None = None
    available_from: date | None = None
    available_until: date | None = None
    busy: tuple[Schedule, ...] = ()
    placed_need_ids: frozenset[int] = frozenset()
    good_facility_ids: frozenset[int] = frozenset()

    def __post_init__(self) -> None:
        radius = self.max_distance_km
        if radius is None or not math.isfinite(radius) or radius < 0:
            raise ValueError(f"volunteer {self.id}: max_distance_km must be a number >= 0")
        _check_levels(self.languages, f"volunteer {self.id}")

    @property
    def has_location(self) -> bool:
        return is_valid_location(self.lat, self.lon)


@dataclass(frozen=True)
class NeedSpec:
    id: int
    lat: float | None
    lon: float | None
    main_skill: str | None
    schedule: Schedule | None
    max_distance_km: float | None = None
    skills: frozenset[str] = frozenset()
    languages_required: dict[str, int] = field(default_factory=dict)
    languages_preferred: dict[str, int] = field(default_factory=dict)
    requires_certificate: bool = False
    facility_id: int | None = None
    open_slots: int = 1
    organisation_id: int | None = None

    def __post_init__(self) -> None:
        _check_levels(self.languages_required, f"need {self.id} (required)")
        _check_levels(self.languages_preferred, f"need {self.id} (preferred)")

    @property
    def has_location(self) -> bool:
        return is_valid_location(self.lat, self.lon)

    @property
    def further_skills(self) -> frozenset[str]:
        return self.skills - {self.main_skill}


def is_valid_location(lat: float | None, lon: float | None) -> bool:
    try:
        lat_ok = math.isfinite(lat) and -90 <= lat <= 90
        return lat_ok and math.isfinite(lon) and -180 <= lon <= 180
    except TypeError:
        return False


def _check_levels(levels: dict[str, int], owner: str) -> None:
    for code, level in levels.items():
        if not (isinstance(level, int) and 1 <= level <= MAX_LEVEL):
            raise ValueError(f"{owner}: level of {code!r} must be 1 to {MAX_LEVEL}, not {level!r}")


@dataclass(frozen=True)
class Weights:
    """Weights of the score components; validated and normalised to sum 1 on creation."""

    distance: float = 0.30
    skills: float = 0.25
    languages: float = 0.20
    availability: float = 0.15
    workload: float = 0.05
    continuity: float = 0.05

    def __post_init__(self) -> None:
        values = [getattr(self, f.name) for f in fields(self)]
        if any(not isinstance(v, int | float) or not math.isfinite(v) for v in values):
            raise ValueError("every weight must be a finite number")
        if any(v < 0 for v in values):
            raise ValueError("weights must not be negative")
        total = sum(values)
        if total <= 0:
            raise ValueError("weights must not all be zero")
        for f, value in zip(fields(self), values, strict=True):
            object.__setattr__(self, f.name, float(value) / total)

    @classmethod
    def from_mapping(cls, values: dict[str, float]) -> "Weights":
        unknown = set(values) - set(COMPONENTS)
        if unknown:
            raise ValueError(f"unknown weight(s): {', '.join(sorted(unknown))}")
        return cls(**{name: values.get(name, 0.0) for name in COMPONENTS})

    def as_dict(self) -> dict[str, float]:
        return {name: getattr(self, name) for name in COMPONENTS}

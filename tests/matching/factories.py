"""Plain volunteers and needs for engine tests: sensible defaults, override what matters."""

from datetime import date

import numpy as np

from matching import (
    NeedSpec,
    VolunteerPool,
    VolunteerProfile,
    WeeklyAvailability,
    parse_availability,
    parse_languages,
    parse_schedule,
    rank_candidates,
)
from matching.geo import EARTH_RADIUS_KM

TODAY = date(2026, 11, 2)  # a Monday
FACILITY = (51.9625, 7.6259)  # postcode 48143, Münster Altstadt
TUESDAYS = "weekly tue 16:00-18:00 from 2026-12-01 until 2027-03-31"


def point(km_north: float = 0.0, km_east: float = 0.0) -> tuple[float, float]:
    lat = FACILITY[0] + np.degrees(km_north / EARTH_RADIUS_KM)
    lon = FACILITY[1] + np.degrees(km_east / EARTH_RADIUS_KM) / np.cos(np.radians(FACILITY[0]))
    return float(lat), float(lon)


def volunteer(
    volunteer_id: int = 1,
    *,
    km: float = 1.0,
    radius: float = 10.0,
    skills: tuple[str, ...] = ("accompaniment",),
    languages: str | dict[str, int] = "de:native",
    availability: str | WeeklyAvailability = "tue 16:00-19:00",
    **overrides,
) -> VolunteerProfile:
    lat, lon = point(km_north=km)
    fields = {
        "id": volunteer_id, "lat": lat, "lon": lon, "max_distance_km": radius,
        "skills": frozenset(skills), "languages": _levels(languages),
        "availability": _availability(availability),
    }  # fmt: skip
    fields.update(overrides)
    return VolunteerProfile(**fields)


def need(
    need_id: int = 100,
    *,
    schedule: str | None = TUESDAYS,
    main_skill: str | None = "accompaniment",
    required: str | dict[str, int] = "",
    preferred: str | dict[str, int] = "",
    **overrides,
) -> NeedSpec:
    fields = {
        "id": need_id, "lat": FACILITY[0], "lon": FACILITY[1], "main_skill": main_skill,
        "schedule": parse_schedule(schedule) if schedule else None,
        "skills": frozenset({main_skill} if main_skill else ()),
        "languages_required": _levels(required),
        "languages_preferred": _levels(preferred),
    }  # fmt: skip
    fields.update(overrides)
    return NeedSpec(**fields)


def _levels(languages: str | dict[str, int]) -> dict[str, int]:
    return dict(languages) if isinstance(languages, dict) else parse_languages(languages)


def _availability(availability: str | WeeklyAvailability) -> WeeklyAvailability:
    if isinstance(availability, WeeklyAvailability):
        return availability
    return parse_availability(availability)


def rank(volunteers, the_need: NeedSpec, **options):
    options.setdefault("today", TODAY)
    return rank_candidates(VolunteerPool(volunteers), the_need, **options)


def ranked_ids(result) -> list[int]:
    return [candidate.volunteer_id for candidate in result.results]


def excluded_codes(result, volunteer_id: int) -> list[str]:
    for exclusion in result.excluded:
        if exclusion.volunteer_id == volunteer_id:
            return [reason.code for reason in exclusion.reasons]
    raise AssertionError(f"volunteer {volunteer_id} is not among the excluded")

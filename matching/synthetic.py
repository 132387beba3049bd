"""Seeded synthetic volunteers and needs around Münster, for the benchmark and for tests."""

from datetime import date, timedelta

import numpy as np

from matching.bits import QUARTERS_PER_DAY, WORDS, day_runs, words_to_int
from matching.codes import KNOWN_LANGUAGES, SKILLS, SKILLS_WITH_MINORS
from matching.geo import EARTH_RADIUS_KM
from matching.model import NeedSpec, VolunteerProfile
from matching.timeslots import Schedule, Slot, WeeklyAvailability

CENTRE = (51.9630, 7.6287)
SPREAD_KM = 5.0
# Postcode centroids (GeoNames via match4healthcare, CC BY 4.0); facilities sit near them.
POSTCODE_POINTS = [
    (51.9625, 7.6259), (51.9665, 7.6519), (51.9790, 7.6342), (51.9658, 7.5964),
    (51.9454, 7.6104), (51.9355, 7.6247), (51.9537, 7.6699), (52.0024, 7.6822),
    (52.0149, 7.5981), (51.9843, 7.5434), (51.8960, 7.5758), (51.9012, 7.6533),
    (51.9248, 7.7217),
]  # fmt: skip
RADII_KM = ([2, 3, 5, 8, 10, 15, 20, 25], [0.05, 0.10, 0.25, 0.20, 0.20, 0.10, 0.05, 0.05])
SKILL_SHARE = [0.35, 0.10, 0.30, 0.25, 0.20, 0.20, 0.08, 0.08, 0.15, 0.15, 0.25, 0.06, 0.20, 0.15,
               0.10]  # fmt: skip
LANGUAGE_SHARE = [0.85, 0.55, 0.07, 0.04, 0.02, 0.01, 0.02, 0.01, 0.005, 0.005, 0.04, 0.06, 0.05,
                  0.12, 0.01, 0.01, 0.01]  # fmt: skip
NEED_SKILL_SHARE = [0.18, 0.12, 0.10, 0.12, 0.08, 0.06, 0.04, 0.04, 0.05, 0.05, 0.05, 0.02, 0.03,
                    0.03, 0.03]  # fmt: skip
INTERPRETED = ["ar", "fa", "prs", "uk", "ru", "tr", "ti", "kmr"]
SLOT_STARTS = np.array([9, 10, 14, 15, 16, 17, 18]) * 60


def synthetic_volunteer_columns(
    n: int, *, seed: int = 0, today: date, spread_km: float = SPREAD_KM
) -> dict[str, np.ndarray]:
    """Keyword arguments for VolunteerPool.from_arrays describing `n` volunteers."""
    rng = np.random.default_rng(seed)
    lat, lon = _scatter(rng, n, CENTRE, spread_km)
    hours = np.where(rng.random(n) < 0.4, np.round(rng.uniform(1, 25, n) * 2) / 2, 0.0)
    placements = np.where(hours > 0, rng.geometric(0.3, n), 0)
    return {
        "ids": np.arange(1, n + 1, dtype=np.int64), "lat": lat, "lon": lon,
        "max_distance_km": rng.choice(RADII_KM[0], size=n, p=RADII_KM[1]).astype(float),
        "skills_mask": _skill_masks(rng, n), "language_levels": _language_levels(rng, n),
        "availability": _availability(rng, n), "hours_this_month": hours,
        "max_hours_per_month": np.where(rng.random(n) < 0.5, np.nan,
                                        rng.choice([8, 10, 16, 20, 30, 40], n)),
        "placements_total": placements,
        "certificate_valid_until": _some_days(rng, n, 0.35, today, -365, 5 * 365),
        "paused_until": _some_days(rng, n, 0.04, today, 1, 60),
        "available_until": _some_days(rng, n, 0.03, today, -30, 365),
    }  # fmt: skip


def synthetic_profiles(n: int, *, seed: int = 0, today: date) -> list[VolunteerProfile]:
    columns = synthetic_volunteer_columns(n, seed=seed, today=today)
    return [_profile(columns, i) for i in range(n)]


def synthetic_needs(count: int, *, seed: int = 1, today: date, first_id: int = 1) -> list[NeedSpec]:
    rng = np.random.default_rng(seed)
    return [_need(rng, first_id + i, today) for i in range(count)]


def _scatter(rng, n: int, centre: tuple[float, float], spread_km: float):
    lat = centre[0] + np.degrees(rng.normal(0, spread_km, n) / EARTH_RADIUS_KM)
    lon_scale = np.cos(np.radians(centre[0]))
    lon = centre[1] + np.degrees(rng.normal(0, spread_km, n) / EARTH_RADIUS_KM) / lon_scale
    return lat, lon


def _skill_masks(rng, n: int) -> np.ndarray:
    has = rng.random((n, len(SKILLS))) < np.array(SKILL_SHARE)
    has[~has.any(axis=1), 0] = True  # everyone offers at least accompaniment
    return (has.astype(np.uint64) << np.arange(len(SKILLS), dtype=np.uint64)).sum(
        axis=1, dtype=np.uint64
    )


def _language_levels(rng, n: int) -> np.ndarray:
    speaks = rng.random((n, len(KNOWN_LANGUAGES))) < np.array(LANGUAGE_SHARE)
    levels = rng.choice([1, 2, 3, 4], size=speaks.shape, p=[0.2, 0.3, 0.25, 0.25])
    levels[:, 0] = rng.choice([2, 3, 4], size=n, p=[0.1, 0.25, 0.65])  # German
    return np.where(speaks, levels, 0).astype(np.uint8)


def _availability(rng, n: int) -> np.ndarray:
    bits = np.zeros((n, WORDS), dtype=np.uint64)
    slots = rng.choice([1, 2, 3, 4], size=n, p=[0.3, 0.35, 0.2, 0.15])
    everyone = np.arange(n)
    for slot in range(4):
        day = rng.choice(7, size=n, p=[0.12, 0.12, 0.12, 0.12, 0.12, 0.22, 0.18])
        start = rng.choice(SLOT_STARTS, size=n) // 15
        length = rng.choice([8, 12, 16], size=n)  # 2, 3 or 4 hours
        for quarter in range(16):
            chosen = (slots > slot) & (quarter < length) & (start + quarter < QUARTERS_PER_DAY)
            position = day * QUARTERS_PER_DAY + start + quarter
            word, bit = position // 64, (position % 64).astype(np.uint64)
            bits[everyone[chosen], word[chosen]] |= np.uint64(1) << bit[chosen]
    return bits


def _some_days(rng, n: int, share: float, today: date, low: int, high: int) -> np.ndarray:
    days = today.toordinal() + rng.integers(low, high, n)
    return np.where(rng.random(n) < share, days, 0)


def _profile(c: dict[str, np.ndarray], i: int) -> VolunteerProfile:
    return VolunteerProfile(
        id=int(c["ids"][i]), lat=float(c["lat"][i]), lon=float(c["lon"][i]),
        max_distance_km=float(c["max_distance_km"][i]),
        skills=frozenset(s for b, s in enumerate(SKILLS) if int(c["skills_mask"][i]) >> b & 1),
        languages={code: int(level) for code, level in
                   zip(KNOWN_LANGUAGES, c["language_levels"][i], strict=True) if level},
        availability=availability_from_bits(c["availability"][i]),
        max_hours_per_month=None if np.isnan(c["max_hours_per_month"][i])
        else float(c["max_hours_per_month"][i]),
        hours_this_month=float(c["hours_this_month"][i]),
        placements_total=int(c["placements_total"][i]),
        certificate_valid_until=_date_or_none(c["certificate_valid_until"][i]),
        paused_until=_date_or_none(c["paused_until"][i]),
        available_until=_date_or_none(c["available_until"][i]),
    )  # fmt: skip


def availability_from_bits(words: np.ndarray) -> WeeklyAvailability:
    week = words_to_int(words)
    return WeeklyAvailability(
        tuple(Slot(day, start, end) for day in range(7) for start, end in day_runs(week, day))
    )


def _date_or_none(ordinal) -> date | None:
    return date.fromordinal(int(ordinal)) if ordinal else None


def _need(rng, need_id: int, today: date) -> NeedSpec:
    facility = int(rng.integers(len(POSTCODE_POINTS) * 2))
    lat, lon = _scatter(rng, 1, POSTCODE_POINTS[facility // 2], 0.3)
    main = str(rng.choice(SKILLS, p=NEED_SKILL_SHARE))
    further = {str(rng.choice(SKILLS))} if rng.random() < 0.3 else set()
    required, preferred = _need_languages(rng, main)
    return NeedSpec(
        id=need_id, lat=float(lat[0]), lon=float(lon[0]), main_skill=main,
        schedule=_need_schedule(rng, today),
        max_distance_km=float(rng.integers(5, 11)) if rng.random() < 0.2 else None,
        skills=frozenset({main} | further), languages_required=required,
        languages_preferred=preferred, requires_certificate=main in SKILLS_WITH_MINORS,
        facility_id=facility + 1, open_slots=int(rng.choice([1, 2, 3], p=[0.7, 0.2, 0.1])),
        organisation_id=facility % 4 + 1,
    )  # fmt: skip


def _need_languages(rng, main: str) -> tuple[dict[str, int], dict[str, int]]:
    other = str(rng.choice(INTERPRETED))
    if main == "interpreting":
        return {other: 3}, {}
    if main in ("homework_help", "german_practice"):
        return {"de": 3}, {}
    if rng.random() < (0.4 if main == "accompaniment" else 0.15):
        return {}, {other: 2}
    return {}, {}


def _need_schedule(rng, today: date) -> Schedule:
    start = int(rng.choice(SLOT_STARTS))
    end = start + 60 * int(rng.integers(1, 4))
    if rng.random() < 0.3:
        on = today + timedelta(days=int(rng.integers(1, 43)))
        return Schedule.one_off(on, start, end)
    valid_from = today + timedelta(days=int(rng.integers(-30, 15)))
    valid_until = valid_from + timedelta(days=int(rng.integers(60, 181)))
    return Schedule.weekly(int(rng.integers(7)), start, end, valid_from, valid_until)

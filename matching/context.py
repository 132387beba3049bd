"""What the engine precomputes about one need before it looks at any volunteer."""

from dataclasses import dataclass
from datetime import date

import numpy as np

from matching.bits import QUARTER
from matching.errors import NeedNotRankable
from matching.geo import unit_vectors
from matching.model import NeedSpec
from matching.pool import VolunteerPool

# A need that names no language still has to be talked through with someone: German at a
# conversational level is then what the engine looks for (a preference, never a hard rule).
IMPLICIT_LANGUAGE = ("de", 2)


@dataclass(frozen=True)
class LanguageAsk:
    code: str
    level: int
    column: int | None  # None when no volunteer in the pool speaks it


@dataclass(frozen=True)
class NeedContext:
    need: NeedSpec
    point: np.ndarray
    required: tuple[LanguageAsk, ...]
    preferred: tuple[LanguageAsk, ...]
    main_asked: bool
    main_bit: np.uint64
    further_mask: np.uint64
    further_count: int
    words: tuple[tuple[int, np.uint64], ...]  # the non-zero words of the week bitset
    quarters: int
    today: int
    start_day: int  # the day the certificate and availability dates are checked against
    placed_ids: np.ndarray
    good_ids: np.ndarray

    @property
    def one_off(self) -> bool:
        return self.need.schedule.is_one_off

    @property
    def radius_km(self) -> float | None:
        return self.need.max_distance_km


def need_context(pool: VolunteerPool, need: NeedSpec, today: date) -> NeedContext:
    """Everything about `need` the rules and scores use; refuses needs that cannot be ranked."""
    check_rankable(need, today)
    words = need.schedule.to_bits()
    first_day = need.schedule.first_date.toordinal()
    return NeedContext(
        need=need,
        point=unit_vectors(need.lat, need.lon),
        required=_asks(pool, need.languages_required),
        preferred=_asks(pool, _preferred(need)),
        main_asked=need.main_skill is not None,
        main_bit=pool.skill_bit(need.main_skill) if need.main_skill else np.uint64(0),
        further_mask=_skill_mask(pool, need.further_skills),
        further_count=len(need.further_skills),
        words=tuple((i, word) for i, word in enumerate(words) if word),
        quarters=(need.schedule.end_minute - need.schedule.start_minute) // QUARTER,
        today=today.toordinal(),
        start_day=max(today.toordinal(), first_day),
        placed_ids=pool.placed_on_need(need.id),
        good_ids=pool.good_at_facility(need.facility_id),
    )


@dataclass(frozen=True)
class ReasonContext:
    """What explain.candidate_reasons reads of a need: NeedContext's first fields, without
    the point, the week's bits, the placed and the good volunteers — which the volunteer's
    opportunities (twenty needs a request, already ranked) would compute only to drop."""

    need: NeedSpec
    required: tuple[LanguageAsk, ...]
    preferred: tuple[LanguageAsk, ...]
    main_bit: np.uint64


def reason_context(pool: VolunteerPool, need: NeedSpec) -> ReasonContext:
    """The reasons' part of need_context(pool, need, today), for a need already ranked."""
    return ReasonContext(
        need=need,
        required=_asks(pool, need.languages_required),
        preferred=_asks(pool, _preferred(need)),
        main_bit=pool.skill_bit(need.main_skill) if need.main_skill else np.uint64(0),
    )


def check_rankable(need: NeedSpec, today: date) -> None:
    if need.schedule is None:
        raise NeedNotRankable(f"need {need.id} has no schedule, so nobody can be matched to it")
    if not need.has_location:
        raise NeedNotRankable(f"need {need.id} has no valid location")
    if need.schedule.is_in_past(today):
        raise NeedNotRankable(f"need {need.id} is over (it ended {need.schedule.last_end})")
    radius = need.max_distance_km
    if radius is not None and not radius >= 0:
        raise NeedNotRankable(f"need {need.id} has an invalid radius {radius!r}")


def _preferred(need: NeedSpec) -> dict[str, int]:
    if need.languages_required or need.languages_preferred:
        return need.languages_preferred
    return dict([IMPLICIT_LANGUAGE])


def _asks(pool: VolunteerPool, levels: dict[str, int]) -> tuple[LanguageAsk, ...]:
    return tuple(
        LanguageAsk(code, level, pool.language_column(code)) for code, level in levels.items()
    )


def _skill_mask(pool: VolunteerPool, slugs: frozenset[str]) -> np.uint64:
    mask = np.uint64(0)
    for slug in slugs:
        mask |= pool.skill_bit(slug)
    return mask

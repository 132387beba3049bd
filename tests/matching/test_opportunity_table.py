"""Scoring one volunteer against a table of needs gives exactly what scoring each pair gives."""

from collections import Counter
from dataclasses import replace
from datetime import date, timedelta

import numpy as np
import pytest

from matching import (
    SKILLS,
    NeedNotRankable,
    NeedSpec,
    Schedule,
    VolunteerPool,
    VolunteerProfile,
    WeeklyAvailability,
    Weights,
)
from matching.need_table import NeedTable
from matching.opportunities import failing_rules_from_table
from matching.rank import (
    MAX_LIMIT,
    rank_candidates,
    rank_opportunities,
    rank_opportunities_pairwise,
)
from matching.timeslots import Slot

from .factories import TODAY, need, point, volunteer

LANGUAGES = ("de", "en", "ar", "fa", "uk", "ti", "xx")  # "xx": nobody in any pool speaks it


def _levels(rng, most: int) -> dict[str, int]:
    codes = rng.choice(LANGUAGES, size=rng.integers(0, most + 1), replace=False)
    return {str(code): int(rng.integers(1, 5)) for code in codes}


def _schedule(rng) -> Schedule | None:
    start = int(rng.integers(6, 20)) * 60 + int(rng.choice([0, 15, 30, 45]))
    end = start + int(rng.integers(1, 16)) * 15
    first = TODAY + timedelta(days=int(rng.integers(-30, 90)))
    kind = rng.random()
    if kind < 0.05:
        return None
    if kind < 0.45:
        return Schedule.one_off(first, start, end)
    until = first + timedelta(days=int(rng.integers(8, 200))) if rng.random() < 0.7 else None
    return Schedule.weekly(int(rng.integers(0, 7)), start, end, first, until)


def _random_need(rng, need_id: int) -> NeedSpec:
    main = str(rng.choice(SKILLS)) if rng.random() < 0.9 else None
    further = set(rng.choice(SKILLS, size=rng.integers(0, 4), replace=False).tolist())
    lat, lon = point(km_north=rng.normal(0, 6), km_east=rng.normal(0, 6))
    return NeedSpec(
        id=need_id, lat=lat if rng.random() > 0.02 else None, lon=lon, main_skill=main,
        schedule=_schedule(rng),
        max_distance_km=float(rng.uniform(0, 15)) if rng.random() < 0.3 else None,
        skills=frozenset(further | ({main} if main else set())),
        languages_required=_levels(rng, 2) if rng.random() < 0.4 else {},
        languages_preferred=_levels(rng, 3) if rng.random() < 0.5 else {},
        requires_certificate=bool(rng.random() < 0.3), facility_id=int(rng.integers(1, 20)),
        open_slots=int(rng.integers(0, 3)), organisation_id=1,
    )  # fmt: skip


def _random_availability(rng) -> WeeklyAvailability:
    slots = []
    for day in rng.choice(7, size=rng.integers(0, 8), replace=False):
        start = int(rng.integers(0, 50)) * 15
        slots.append(Slot(int(day), start, start + int(rng.integers(1, 46)) * 15))
    return WeeklyAvailability(tuple(slots))


def _random_volunteer(rng, needs: list[NeedSpec]) -> VolunteerProfile:
    lat, lon = point(km_north=rng.normal(0, 5), km_east=rng.normal(0, 5))
    placed = [n.id for n in rng.choice(needs, size=3, replace=False)]
    day = lambda low, high: TODAY + timedelta(days=int(rng.integers(low, high)))  # noqa: E731
    return VolunteerProfile(
        id=7, lat=lat, lon=lon, max_distance_km=float(rng.choice([2.5, 7.3, 12.0, 25.0, 40.0])),
        skills=frozenset(rng.choice(SKILLS, size=rng.integers(0, 6), replace=False).tolist()),
        languages=_levels(rng, 4) | {"de": int(rng.integers(1, 5))},
        availability=_random_availability(rng),
        max_hours_per_month=float(rng.integers(4, 30)) if rng.random() < 0.5 else None,
        hours_this_month=float(rng.integers(0, 10)), placements_total=int(rng.integers(0, 6)),
        certificate_valid_until=day(-30, 400) if rng.random() < 0.6 else None,
        paused_until=day(-40, 3) if rng.random() < 0.1 else None,
        available_until=day(10, 200) if rng.random() < 0.3 else None,
        busy=tuple(s for s in (_schedule(rng) for _ in range(2)) if s),
        placed_need_ids=frozenset(placed),
        good_facility_ids=frozenset(rng.choice(20, size=3).tolist()),
    )  # fmt: skip


@pytest.mark.parametrize("seed", range(12))
def test_it_ranks_exactly_like_scoring_each_pair_on_random_data(seed):
    rng = np.random.default_rng(seed)
    needs = [_random_need(rng, need_id) for need_id in range(1, 401)]
    weights = Weights(**{name: float(rng.uniform(0, 1)) for name in Weights().as_dict()})
    for _ in range(5):
        person = _random_volunteer(rng, needs)
        options = {"today": TODAY, "weights": weights, "limit": MAX_LIMIT, "lang": "en"}
        expected = rank_opportunities_pairwise(person, needs, **options)
        assert rank_opportunities(person, NeedTable.from_specs(needs), **options) == expected


def test_it_finds_the_random_cases_worth_comparing():
    rng = np.random.default_rng(0)
    needs = [_random_need(rng, need_id) for need_id in range(1, 401)]
    found = [rank_opportunities_pairwise(_random_volunteer(rng, needs), needs, today=TODAY,
                                         limit=MAX_LIMIT) for _ in range(5)]  # fmt: skip
    assert sum(len(f) for f in found) >= 25  # the equality above is not about empty lists


def test_it_uses_new_open_slots_without_rebuilding_the_table():
    table = NeedTable.from_specs([need(1, open_slots=1), need(2, open_slots=1)])
    full_first = table.with_open_slots([0, 1])
    assert [o.need_id for o in rank_opportunities(volunteer(), full_first, today=TODAY)] == [2]


def test_it_refuses_open_slots_of_another_length():
    with pytest.raises(ValueError, match="one value per need"):
        NeedTable.from_specs([need(1)]).with_open_slots([1, 2])


def test_it_scores_no_need_for_an_empty_table():
    assert rank_opportunities(volunteer(), NeedTable.from_specs([]), today=date(2026, 11, 2)) == []


RULE_OF_CODE = {"language_too_low": "missing_language", "certificate_missing": "certificate",
                "certificate_expired": "certificate", "no_time_on": "no_time"}  # fmt: skip


def _failing_rules_need_by_need(person: VolunteerProfile, needs: list[NeedSpec]) -> Counter:
    """What the volunteer's page asked before (issue 21): every need on its own."""
    pool, counts = VolunteerPool([person]), Counter()
    for spec in needs:
        try:
            ranked = rank_candidates(pool, spec, today=TODAY, limit=1, explain=True)
        except NeedNotRankable:
            continue
        if not ranked.results and ranked.excluded:
            codes = {r.code for r in ranked.excluded[0].reasons}
            counts.update({RULE_OF_CODE.get(code, code) for code in codes})
    return counts


@pytest.mark.parametrize("seed", range(12))
def test_it_counts_the_failing_rules_exactly_like_asking_each_need(seed):
    rng = np.random.default_rng(seed)
    needs = [_random_need(rng, need_id) for need_id in range(1, 401)]
    rankable, table = [n for n in needs if n.open_slots >= 1], NeedTable.from_specs(needs)
    seen = Counter()
    for _ in range(5):
        person = _random_volunteer(rng, needs)
        expected = _failing_rules_need_by_need(person, rankable)
        assert failing_rules_from_table(person, table, today=TODAY) == expected
        seen.update(expected.keys())
    assert len(seen) >= 5  # several rules compared, not empty counts


def test_it_counts_every_need_for_a_volunteer_without_a_location():
    person = replace(volunteer(), lat=None, lon=None)
    table = NeedTable.from_specs([need(1), need(2)])
    assert failing_rules_from_table(person, table, today=TODAY) == Counter({"no_location": 2})
    assert _failing_rules_need_by_need(person, [need(1), need(2)]) == Counter({"no_location": 2})

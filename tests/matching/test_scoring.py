"""Who ranks above whom, and the properties every score keeps."""

from dataclasses import replace

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching import COMPONENTS, KNOWN_LANGUAGES, SKILLS, VolunteerPool, Weights, rank_candidates
from matching.timeslots import Slot, WeeklyAvailability

from .factories import TODAY, need, point, rank, ranked_ids, volunteer


def test_it_ranks_a_native_arabic_speaker_4_km_away_above_a_german_only_speaker_1_km_away_for_an_arabic_accompaniment():  # noqa: E501
    arabic = volunteer(1, km=4, languages="ar:native; de:fluent")
    german = volunteer(2, km=1, languages="de:native")
    assert ranked_ids(rank([german, arabic], need(preferred="ar:fluent"))) == [1, 2]


def test_it_ranks_someone_already_busy_20_hours_this_month_below_an_equal_newcomer():
    busy = volunteer(1, hours_this_month=20, placements_total=3)
    newcomer = volunteer(2)
    result = rank([busy, newcomer], need())
    assert ranked_ids(result) == [2, 1]
    assert result.results[0].components["workload"] == 1.0


def test_it_ranks_the_closer_of_two_otherwise_equal_volunteers_first():
    assert ranked_ids(rank([volunteer(1, km=3), volunteer(2, km=2)], need())) == [2, 1]


def test_it_ranks_someone_who_offers_the_main_skill_above_someone_who_does_not():
    able = volunteer(1, km=3, skills=("bike_repair",))
    willing = volunteer(2, km=1, skills=("childcare",))
    assert ranked_ids(rank([willing, able], need(main_skill="bike_repair"))) == [1, 2]


def test_it_prefers_someone_who_placed_well_at_the_same_facility_before():
    returning = volunteer(1, good_facility_ids=frozenset({7}))
    result = rank([volunteer(2), returning], need(facility_id=7))
    assert ranked_ids(result) == [1, 2]
    assert result.results[0].components["continuity"] == 1.0


def test_it_scores_the_share_of_the_weekly_hours_someone_is_free_for():
    half = volunteer(1, availability="tue 17:00-19:00")
    assert rank([half], need()).results[0].components["availability"] == 0.5


def test_it_gives_full_distance_score_at_the_door_and_none_at_the_radius():
    result = rank([volunteer(1, km=0), volunteer(2, km=9.999)], need())
    by_id = {c.volunteer_id: c.components["distance"] for c in result.results}
    assert by_id[1] == 1.0 and by_id[2] < 0.001


def test_it_looks_for_german_when_a_need_names_no_language():
    fluent = volunteer(1, languages="de:fluent")
    english = volunteer(2, languages="en:native")
    result = rank([english, fluent], need())
    assert [c.components["languages"] for c in result.results] == [1.0, 0.0]


def test_it_reports_every_component_between_0_and_1():
    result = rank([volunteer(1, hours_this_month=5)], need(preferred="ar:basic"))
    assert set(result.results[0].components) == set(COMPONENTS)


def test_it_follows_the_weights_it_is_given():
    near = volunteer(1, km=0.5, languages="de:basic")
    speaker = volunteer(2, km=8, languages="de:native; ar:native")
    only_distance = Weights(distance=1, skills=0, languages=0, availability=0, workload=0,
                            continuity=0)  # fmt: skip
    assert ranked_ids(rank([near, speaker], need(preferred="ar:native"),
                           weights=only_distance)) == [1, 2]  # fmt: skip


# ----- properties ---------------------------------------------------------------------------

levels = st.integers(1, 4)
language_maps = st.dictionaries(st.sampled_from(KNOWN_LANGUAGES[:6]), levels, max_size=3)
fast = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def availabilities(draw) -> WeeklyAvailability:
    slots: list[Slot] = []
    for day, start, length in draw(st.lists(
        st.tuples(st.integers(0, 6), st.integers(0, 80), st.integers(4, 16)), max_size=3
    )):  # fmt: skip
        slot = Slot(day, start * 15, min(start + length, 96) * 15)
        if not any(slot.overlaps(other) for other in slots):
            slots.append(slot)
    return WeeklyAvailability(tuple(slots))


@st.composite
def volunteers(draw, volunteer_id: int | None = None):
    return volunteer(
        volunteer_id or draw(st.integers(1, 10_000)),
        km=draw(st.floats(0, 30)), radius=draw(st.floats(0, 30)),
        skills=tuple(draw(st.sets(st.sampled_from(SKILLS), max_size=4))),
        languages=draw(language_maps), availability=draw(availabilities()),
        hours_this_month=draw(st.floats(0, 60)), placements_total=draw(st.integers(0, 50)),
    )  # fmt: skip


@st.composite
def needs(draw):
    day = draw(st.sampled_from(["mon", "tue", "sat"]))
    start = draw(st.integers(0, 20))
    return need(
        main_skill=draw(st.sampled_from(SKILLS)),
        schedule=f"weekly {day} {start:02d}:00-{start + 2:02d}:00 from 2026-12-01",
        required=draw(language_maps), preferred=draw(language_maps),
    )  # fmt: skip


pools = st.lists(volunteers(), min_size=1, max_size=8, unique_by=lambda v: v.id)
weightings = st.builds(Weights, *[st.floats(0.01, 1) for _ in COMPONENTS])


@fast
@given(pools, needs(), weightings)
def test_it_keeps_every_score_and_component_between_0_and_1(members, the_need, weights):
    for candidate in rank(members, the_need, weights=weights, limit=200).results:
        assert 0.0 <= candidate.score <= 1.0
        assert all(0.0 <= value <= 1.0 for value in candidate.components.values())


@fast
@given(st.floats(0, 30), st.floats(0, 1), st.floats(0, 30), needs())
def test_it_never_lowers_the_distance_component_when_someone_moves_closer(km, share, radius,
                                                                          the_need):  # fmt: skip
    person = volunteer(1, km=km, radius=radius, availability="mon 00:00-24:00; "
                       "tue 00:00-24:00; sat 00:00-24:00")  # fmt: skip
    moved = replace(person, lat=point(km_north=km * share)[0])
    before, after = _distance_component(person, the_need), _distance_component(moved, the_need)
    if before is not None:
        assert after is not None and after >= before - 1e-9


@fast
@given(pools, needs(), st.sampled_from(KNOWN_LANGUAGES[:6]), levels)
def test_it_never_adds_candidates_when_a_required_language_is_added(members, the_need, code,
                                                                   level):  # fmt: skip
    required = dict(the_need.languages_required)
    required[code] = max(level, required.get(code, 0))
    stricter = replace(the_need, languages_required=required)
    before = set(ranked_ids(rank(members, the_need, limit=200)))
    assert set(ranked_ids(rank(members, stricter, limit=200))) <= before


def _distance_component(person, the_need):
    result = rank_candidates(VolunteerPool([person]), the_need, today=TODAY)
    return result.results[0].components["distance"] if result.results else None

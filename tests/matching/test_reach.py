"""Supply counts over the pool: who is available, and who reaches which fixed places."""

from dataclasses import replace
from datetime import timedelta

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from matching import VolunteerPool, haversine_km
from matching.reach import available, ids_reaching, reach_any, reach_by_place, speaks

from .factories import TODAY, point, volunteer

DAY = TODAY.toordinal()
CENTRE, NORTH, FAR = 1, 2, 3
PLACES = (
    (CENTRE, *point()),
    (NORTH, *point(km_north=6)),
    (FAR, *point(km_north=40)),
)


def _pool(*profiles, places=PLACES, **options) -> VolunteerPool:
    pool = VolunteerPool(profiles, **options)
    pool.set_places(places)
    return pool


def _everyone(pool: VolunteerPool):
    return available(pool, DAY)


def _ids(pool: VolunteerPool):
    return pool.ids[: pool.n_rows]


def test_it_counts_the_volunteers_whose_own_radius_reaches_each_place():
    pool = _pool(volunteer(1, km=1, radius=2), volunteer(2, km=1, radius=10))
    assert reach_by_place(pool, _everyone(pool)) == {CENTRE: 2, NORTH: 1, FAR: 0}


def test_it_counts_a_volunteer_once_however_many_of_the_places_they_reach():
    pool = _pool(volunteer(1, km=3, radius=10), volunteer(2, km=1, radius=2))
    assert reach_any(pool, _everyone(pool), [CENTRE, NORTH]) == 2
    assert reach_any(pool, _everyone(pool), [NORTH, FAR]) == 1


def test_it_reaches_nothing_through_places_it_was_not_told():
    pool = _pool(volunteer(1, radius=50))
    assert reach_any(pool, _everyone(pool), [99]) == 0


def test_it_leaves_out_volunteers_paused_or_outside_their_availability_dates():
    later, earlier = TODAY + timedelta(days=3), TODAY - timedelta(days=1)
    pool = _pool(
        volunteer(1),
        volunteer(2, paused_until=later),
        volunteer(3, available_from=later),
        volunteer(4, available_until=earlier),
        volunteer(5, paused_until=earlier, available_from=TODAY, available_until=TODAY),
    )
    assert _ids(pool)[_everyone(pool)].tolist() == [1, 5]


def test_it_narrows_to_a_skill_and_a_language_at_a_level():
    pool = _pool(
        volunteer(1, skills=("interpreting",), languages={"ti": 4}),
        volunteer(2, skills=("interpreting",), languages={"ti": 2}),
        volunteer(3, skills=("accompaniment",), languages={"ti": 4}),
    )
    mask = available(pool, DAY, skill="interpreting", language="ti", level=3)
    assert _ids(pool)[mask].tolist() == [1]
    assert speaks(pool, "ti").sum() == 3


def test_a_skill_or_language_nobody_has_matches_nobody():
    pool = _pool(volunteer(1))
    assert not available(pool, DAY, skill="bike_repair").any()
    assert not available(pool, DAY, language="xx").any()


def test_a_volunteer_without_a_location_is_available_but_reaches_no_place():
    pool = _pool(volunteer(1, lat=None, lon=None, radius=100))
    assert _everyone(pool).sum() == 1
    assert reach_by_place(pool, _everyone(pool)) == {CENTRE: 0, NORTH: 0, FAR: 0}


def test_it_keeps_the_counts_through_changes_removals_and_a_rebuild():
    pool = _pool(volunteer(1, km=1, radius=2), volunteer(2, km=1, radius=2))
    reach_by_place(pool, _everyone(pool))  # the bits of these rows are worked out
    pool.upsert(volunteer(1, km=1, radius=10))
    pool.remove(2)
    pool.upsert(volunteer(3, km=39, radius=2))
    expected = {CENTRE: 1, NORTH: 1, FAR: 1}
    assert reach_by_place(pool, _everyone(pool)) == expected
    pool.rebuild()  # compacts the dead rows away
    assert pool.n_rows == 2
    assert reach_by_place(pool, _everyone(pool)) == expected


def test_it_works_the_bits_out_again_for_other_places():
    pool = _pool(volunteer(1, km=1, radius=2))
    pool.set_places(PLACES[1:])
    assert reach_by_place(pool, _everyone(pool)) == {NORTH: 0, FAR: 0}


def test_it_agrees_with_the_distance_over_more_than_64_places_and_many_volunteers():
    rng = np.random.default_rng(7)
    places = tuple((100 + k, *point(*rng.uniform(-15, 15, 2))) for k in range(150))
    profiles = [
        replace(volunteer(k, radius=float(rng.uniform(0, 12))), lat=lat, lon=lon)
        for k, (lat, lon) in enumerate(point(*xy) for xy in rng.uniform(-15, 15, (400, 2)))
    ]  # fmt: skip
    pool = _pool(*profiles, places=places)
    mask = _everyone(pool) & (_ids(pool) % 3 > 0)
    chosen = [p for p in profiles if p.id % 3 > 0]

    def reaches(p, place):
        return haversine_km(p.lat, p.lon, place[1], place[2]) <= p.max_distance_km

    assert reach_by_place(pool, mask) == {
        place[0]: sum(reaches(p, place) for p in chosen) for place in places
    }
    some = places[60:70]
    assert reach_any(pool, mask, [p[0] for p in some]) == sum(
        any(reaches(p, place) for place in some) for p in chosen
    )


def test_a_pool_from_arrays_knows_the_availability_dates():
    lat, lon = point()
    pool = VolunteerPool.from_arrays(
        ids=np.array([1, 2]), lat=np.array([lat, lat]), lon=np.array([lon, lon]),
        max_distance_km=np.array([5.0, 5.0]),
        available_from=np.array([0, DAY + 1]),
    )  # fmt: skip
    pool.set_places(PLACES)
    assert reach_by_place(pool, _everyone(pool)) == {CENTRE: 1, NORTH: 0, FAR: 0}


@settings(max_examples=60, deadline=None)
@given(
    spots=st.lists(st.tuples(st.floats(0, 30), st.floats(0.5, 20)), min_size=0, max_size=25),
    facilities=st.lists(st.floats(0, 30), min_size=1, max_size=5),
    at_most=st.integers(0, 25),
)
def test_with_a_bound_it_stops_early_but_answers_the_same(spots, facilities, at_most):
    """ids_reaching with `at_most`: None exactly when the whole answer is longer, else it."""
    pool = VolunteerPool(
        [volunteer(i + 1, km=km, radius=radius) for i, (km, radius) in enumerate(spots)]
    )
    points = [point(km_north=km) for km in facilities]
    whole = ids_reaching(pool, points)
    bounded = ids_reaching(pool, points, at_most=at_most)
    if len(whole) > at_most:
        assert bounded is None
    else:
        assert bounded.tolist() == whole.tolist()

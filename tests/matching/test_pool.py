"""The pool stays consistent however it was built or changed."""

from dataclasses import replace

import numpy as np
import pytest

from fixtures.synthetic import synthetic_needs, synthetic_profiles, synthetic_volunteer_columns
from matching import VolunteerPool, rank_candidates

from .factories import TODAY, need, point, rank, ranked_ids, volunteer

PROFILES = synthetic_profiles(3_000, seed=3, today=TODAY)
NEEDS = synthetic_needs(12, seed=4, today=TODAY)
NEAR_NEEDS = [replace(n, max_distance_km=1.5) for n in NEEDS]  # few within reach: tree look-ups
SMALL_TREE = 500  # build a BallTree from this many rows, so tests exercise the tree


def _rankings(pool: VolunteerPool, needs=NEEDS + NEAR_NEEDS, **options):
    rankings = []
    for the_need in needs:
        result = rank_candidates(pool, the_need, today=TODAY, limit=50, **options)
        rankings.append(
            (
                [c.volunteer_id for c in result.results],
                [round(c.score, 12) for c in result.results],
                result.excluded_total,
            )
        )
    return rankings


def _moved(profile, km_east: float):
    lat, lon = point(km_north=0, km_east=km_east)
    return replace(profile, lat=lat, lon=lon, skills=profile.skills | {"bike_repair"})


def _changed_pool(new_count: int):
    pool = VolunteerPool(PROFILES[:2_000], index_min_rows=SMALL_TREE)
    current = {p.id: p for p in PROFILES[:2_000]}
    for profile in PROFILES[2_000 : 2_000 + new_count]:
        pool.upsert(profile)
        current[profile.id] = profile
    for profile in PROFILES[:300]:
        current[profile.id] = _moved(profile, km_east=profile.id % 7)
        pool.upsert(current[profile.id])
    for profile in PROFILES[300:500]:
        pool.remove(profile.id)
        del current[profile.id]
    return pool, list(current.values())


def test_it_ranks_the_same_after_upserts_and_removals_as_a_fresh_build():
    changed, final = _changed_pool(new_count=400)
    fresh = VolunteerPool(final, index_min_rows=SMALL_TREE)
    assert _rankings(changed, explain=True) == _rankings(fresh, explain=True)


def test_it_ranks_the_same_after_enough_changes_to_rebuild_the_tree():
    changed, final = _changed_pool(new_count=1_000)
    before_rebuild = _rankings(changed)
    changed.rebuild()
    assert before_rebuild == _rankings(changed) == _rankings(VolunteerPool(final))


def test_it_counts_only_live_volunteers():
    changed, final = _changed_pool(new_count=100)
    assert len(changed) == len(final)
    assert PROFILES[300].id not in changed and PROFILES[0].id in changed


def test_it_answers_false_when_removing_someone_it_does_not_know():
    assert VolunteerPool([volunteer(1)]).remove(2) is False


def test_it_finds_the_same_candidates_through_the_tree_as_by_scanning():
    with_tree = VolunteerPool(PROFILES, index_min_rows=SMALL_TREE)
    scanning = VolunteerPool(PROFILES, index_min_rows=10**9)
    assert _rankings(with_tree, NEAR_NEEDS) == _rankings(scanning, NEAR_NEEDS)


def test_it_ranks_the_same_from_bulk_arrays_as_from_profiles():
    columns = synthetic_volunteer_columns(3_000, seed=3, today=TODAY)
    assert _rankings(VolunteerPool.from_arrays(**columns)) == _rankings(VolunteerPool(PROFILES))


def test_it_learns_languages_and_skills_it_did_not_know():
    speaker = volunteer(1, languages="de:native; lb:fluent", skills=("beekeeping",))
    result = rank([speaker], need(main_skill="beekeeping", required="lb:fluent"))
    assert ranked_ids(result) == [1] and result.results[0].components["skills"] == 1.0


def test_it_refuses_bulk_columns_with_duplicate_ids():
    with pytest.raises(ValueError, match="unique"):
        VolunteerPool.from_arrays(ids=[1, 1], lat=[51.9, 51.9], lon=[7.6, 7.6],
                                  max_distance_km=[5, 5])  # fmt: skip


def test_it_treats_bulk_rows_without_coordinates_as_without_location():
    pool = VolunteerPool.from_arrays(ids=[1, 2], lat=[np.nan, 51.96], lon=[7.6, 7.63],
                                     max_distance_km=[5, 5])  # fmt: skip
    result = rank_candidates(pool, need(), today=TODAY, explain=True)
    assert [e.volunteer_id for e in result.excluded if e.distance_km is None] == [1]


def test_it_reports_the_memory_its_arrays_take():
    pool = VolunteerPool(PROFILES, index_min_rows=SMALL_TREE)
    assert 100 * len(PROFILES) < pool.nbytes() < 2_000 * len(PROFILES)


def test_its_generation_moves_with_every_change_it_holds():
    """Figures counted from a pool are kept while its generation stands (the dashboard)."""
    profiles = list(synthetic_profiles(5, seed=3, today=TODAY))
    pool = VolunteerPool(profiles)
    seen = [pool.generation]

    def moved() -> bool:
        seen.append(pool.generation)
        return seen[-1] != seen[-2]

    pool.upsert(_moved(profiles[0], 1.0))
    assert moved()
    pool.upsert(replace(profiles[2], id=99_999))  # someone new
    assert moved()
    assert pool.remove(profiles[1].id) and moved()
    assert not pool.remove(profiles[1].id) and not moved()  # nobody left: nothing changed
    pool.set_places([(1, 51.96, 7.62)])
    assert moved()
    pool.place_bits_now()  # working out what it was told changes nothing it holds
    assert not moved()

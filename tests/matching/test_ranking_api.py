"""rank_candidates at its edges: odd needs, odd pools, odd requests."""

from datetime import date

import pytest

from matching import MAX_LIMIT, NeedNotRankable, VolunteerPool, rank_candidates

from .factories import TODAY, need, rank, ranked_ids, volunteer


def test_it_refuses_a_need_without_schedule_clearly():
    with pytest.raises(NeedNotRankable, match="need 100 has no schedule"):
        rank([volunteer(1)], need(schedule=None))


def test_it_refuses_a_need_without_location():
    with pytest.raises(NeedNotRankable, match="no valid location"):
        rank([volunteer(1)], need(lat=float("nan")))


def test_it_refuses_a_need_that_is_over():
    with pytest.raises(NeedNotRankable, match="is over"):
        rank([volunteer(1)], need(schedule="2026-10-01 09:00-12:00"))


def test_it_returns_nothing_for_an_empty_pool():
    result = rank_candidates(VolunteerPool(), need(), today=TODAY, explain=True)
    assert (result.results, result.excluded, result.excluded_total) == ([], [], 0)


def test_it_returns_no_results_and_says_why_when_everyone_is_excluded():
    everyone_far = [volunteer(i, km=20 + i, radius=5) for i in range(1, 4)]
    result = rank(everyone_far, need(), explain=True)
    assert result.results == []
    assert [e.volunteer_id for e in result.excluded] == [1, 2, 3]
    assert result.excluded_total == 3


def test_it_lists_excluded_volunteers_only_when_asked():
    result = rank([volunteer(1, km=20, radius=5)], need())
    assert result.excluded == [] and result.excluded_total == 0


def test_it_caps_a_request_for_ten_thousand_candidates():
    members = [volunteer(i, km=i / 100) for i in range(1, MAX_LIMIT + 11)]
    assert len(rank(members, need(), limit=10_000).results) == MAX_LIMIT


def test_it_refuses_a_limit_below_one():
    with pytest.raises(ValueError, match="limit must be at least 1"):
        rank([volunteer(1)], need(), limit=0)


def test_it_returns_the_best_first_and_no_more_than_the_limit():
    members = [volunteer(i, km=i) for i in range(1, 6)]
    assert ranked_ids(rank(members, need(), limit=3)) == [1, 2, 3]


def test_it_breaks_ties_by_distance_then_by_id():
    twins = [volunteer(3), volunteer(2), volunteer(1)]
    assert ranked_ids(rank(twins, need())) == [1, 2, 3]


def test_it_ranks_a_need_that_has_already_started():
    running = need(schedule="weekly tue 16:00-18:00 from 2026-10-06 until 2027-03-31")
    assert ranked_ids(rank([volunteer(1)], running, today=date(2026, 11, 2))) == [1]


def test_it_ranks_with_a_skill_or_language_no_volunteer_has_ever_listed():
    unknown = need(main_skill="beekeeping", preferred="xh:basic")
    result = rank([volunteer(1)], unknown)
    assert result.results[0].components["skills"] == 0.0

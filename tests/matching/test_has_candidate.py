"""`has_candidate` (the rules alone) answers as a non-empty `top_matches(count=1)` does, and the
pool's sorted side arrays follow every change."""

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from matching import VolunteerPool, parse_schedule
from matching.model import Weights
from matching.pool import contains_sorted
from matching.rank import DEFAULT_WEIGHTS, has_candidate, top_matches

from .factories import TODAY, need, volunteer
from .test_scoring import fast, needs, volunteers

BUSY_TUESDAYS = (parse_schedule("weekly tue 16:00-18:00 from 2026-12-01"),)


@st.composite
def crowds(draw):
    """Volunteers, some already busy at the need's usual time or placed on it before."""
    members = draw(st.lists(volunteers(), min_size=0, max_size=8, unique_by=lambda v: v.id))
    flags = draw(st.lists(st.sampled_from(["", "busy", "placed"]), min_size=len(members),
                          max_size=len(members)))  # fmt: skip
    changed = []
    for member, flag in zip(members, flags, strict=True):
        if flag == "busy":
            member = volunteer(member.id, busy=BUSY_TUESDAYS, availability=member.availability)
        elif flag == "placed":
            member = volunteer(member.id, placed_need_ids=frozenset({100}))
        changed.append(member)
    return changed


@fast
@given(crowds(), needs())
def test_it_answers_as_the_best_match_does(members, the_need):
    pool = VolunteerPool(members)
    ids, _ = top_matches(pool, the_need, today=TODAY, weights=DEFAULT_WEIGHTS, count=1)
    assert has_candidate(pool, the_need, today=TODAY) == (len(ids) > 0)


def test_it_finds_nobody_when_the_only_match_is_busy_then():
    pool = VolunteerPool([volunteer(1, busy=BUSY_TUESDAYS)])
    assert not has_candidate(pool, need(schedule="weekly tue 16:00-18:00 from 2026-12-01"),
                             today=TODAY)  # fmt: skip
    pool.upsert(volunteer(2))
    assert has_candidate(pool, need(schedule="weekly tue 16:00-18:00 from 2026-12-01"),
                         today=TODAY)  # fmt: skip


@given(st.lists(st.integers(-5, 50), max_size=20), st.lists(st.integers(-5, 50), max_size=30))
def test_contains_sorted_is_isin(members, values):
    sorted_ids = np.unique(np.array(members, dtype=np.int64))
    values = np.array(values, dtype=np.int64)
    assert np.array_equal(contains_sorted(sorted_ids, values), np.isin(values, sorted_ids))


def test_the_sorted_arrays_follow_upserts_and_removals():
    pool = VolunteerPool([volunteer(3, good_facility_ids=frozenset({7}))])
    assert pool.good_at_facility(7).tolist() == [3]
    pool.upsert(volunteer(1, good_facility_ids=frozenset({7}), placed_need_ids=frozenset({100})))
    assert pool.good_at_facility(7).tolist() == [1, 3]
    assert pool.placed_on_need(100).tolist() == [1]
    pool.upsert(volunteer(1))  # no longer placed, no longer good there
    assert pool.good_at_facility(7).tolist() == [3] and pool.placed_on_need(100).tolist() == []
    pool.remove(3)
    assert pool.good_at_facility(7).tolist() == []


def test_continuity_still_scores_the_volunteers_good_at_the_facility():
    pool = VolunteerPool([volunteer(1, good_facility_ids=frozenset({7})), volunteer(2)])
    the_need = need(facility_id=7)
    ids, scores = top_matches(pool, the_need, today=TODAY,
                              weights=Weights(0, 0, 0, 0, 0, 1), count=2)  # fmt: skip
    assert dict(zip(ids.tolist(), scores.tolist(), strict=True)) == {1: 1.0, 2: 0.0}

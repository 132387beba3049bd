"""Suggestions for all open needs at once: slots, capacity, and better than greedy."""

from collections import Counter

import numpy as np
import pytest

from fixtures.synthetic import synthetic_needs, synthetic_volunteer_columns
from matching import (
    CandidateGraph,
    VolunteerPool,
    assign_globally,
    candidate_graph,
    greedy_assign,
)

from .factories import TODAY, need, volunteer

POOL = VolunteerPool.from_arrays(**synthetic_volunteer_columns(3_000, seed=5, today=TODAY))
NEEDS = synthetic_needs(150, seed=6, today=TODAY)
GRAPH = candidate_graph(POOL, NEEDS, today=TODAY, per_slot=10)


def _graph(edges: list[tuple[int, int, float]], slots: dict[int, int]) -> CandidateGraph:
    needs, volunteers, scores = (np.array(column) for column in zip(*edges, strict=True))
    schedules = {need_id: need(need_id).schedule for need_id in slots}
    return CandidateGraph(needs, volunteers, scores, slots, schedules)


def test_it_beats_greedy_where_greedy_takes_the_one_volunteer_another_need_depends_on():
    graph = _graph([(1, 10, 0.9), (1, 20, 0.8), (2, 10, 0.85)], {1: 1, 2: 1})
    best, greedy = assign_globally(graph=graph), greedy_assign(graph=graph)
    assert {(s.need_id, s.volunteer_id) for s in best.suggestions} == {(1, 20), (2, 10)}
    assert best.total_score == pytest.approx(1.65) and greedy.total_score == pytest.approx(0.9)
    assert (best.coverage, greedy.coverage) == (1.0, 0.5)


def test_it_never_scores_below_greedy():
    assert assign_globally(graph=GRAPH).total_score >= greedy_assign(graph=GRAPH).total_score


def test_it_fills_no_need_beyond_its_open_slots():
    filled = Counter(s.need_id for s in assign_globally(graph=GRAPH).suggestions)
    assert all(count <= GRAPH.open_slots[need_id] for need_id, count in filled.items())


def test_it_gives_each_volunteer_one_new_placement_by_default():
    placed = Counter(s.volunteer_id for s in assign_globally(graph=GRAPH).suggestions)
    assert max(placed.values()) == 1


def test_it_respects_a_larger_capacity_without_double_booking():
    result = assign_globally(graph=GRAPH, capacity=2)
    pairs = [(s.need_id, s.volunteer_id) for s in result.suggestions]
    assert len(pairs) == len(set(pairs))
    needs_of = Counter(volunteer_id for _, volunteer_id in pairs)
    assert max(needs_of.values()) <= 2
    for volunteer_id in (v for v, count in needs_of.items() if count == 2):
        first, second = (GRAPH.schedules[n] for n, v in pairs if v == volunteer_id)
        assert not first.overlaps(second)


def test_it_takes_capacity_per_volunteer_from_a_mapping():
    graph = _graph([(1, 10, 0.9), (2, 10, 0.8)], {1: 1, 2: 1})
    graph.schedules[2] = need(2, schedule="weekly wed 16:00-18:00 from 2026-12-01").schedule
    assert assign_globally(graph=graph, capacity={10: 2}).filled_slots == 2
    assert assign_globally(graph=graph, capacity={10: 0}).filled_slots == 0


def test_it_suggests_only_pairs_that_pass_the_hard_rules():
    pool = VolunteerPool([volunteer(1), volunteer(2, languages="ar:native")])
    result = assign_globally(pool, [need(1, required="ar:fluent")], today=TODAY)
    assert [(s.need_id, s.volunteer_id) for s in result.suggestions] == [(1, 2)]


def test_it_reports_needs_it_left_out_and_why():
    result = greedy_assign(VolunteerPool([volunteer(1)]), [need(1, schedule=None), need(2)],
                           today=TODAY)  # fmt: skip
    assert result.skipped == {1: "need 1 has no schedule, so nobody can be matched to it"}
    assert result.total_slots == 1 and result.coverage == 1.0


def test_it_suggests_nothing_when_there_is_nothing_to_assign():
    result = assign_globally(VolunteerPool(), [], today=TODAY)
    assert (result.suggestions, result.coverage, result.total_score) == ([], 0.0, 0.0)

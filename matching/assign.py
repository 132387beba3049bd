"""Suggestions for all open needs at once: fill as many slots as well as possible.

Each need offers its open slots, each volunteer a capacity (default 1 new placement per run).
The graph is restricted to each need's best `per_slot` x open_slots candidates, which keeps it
sparse; on it, the maximum-score assignment is a minimum-weight full bipartite matching
(scipy's sparse LAPJVsp), with one "leave empty" column per slot so a full matching always
exists. The output is suggestions for social workers, never placements.
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching

from matching.context import check_rankable
from matching.errors import NeedNotRankable
from matching.model import NeedSpec, Weights
from matching.pool import VolunteerPool
from matching.rank import DEFAULT_WEIGHTS, top_matches
from matching.timeslots import Schedule

PER_SLOT = 50
_EMPTY_COST = 2.0  # cost of leaving a slot empty; a match costs 2 - score, so in [1, 2]


@dataclass(frozen=True)
class Suggestion:
    need_id: int
    volunteer_id: int
    score: float


@dataclass(frozen=True)
class CandidateGraph:
    """Scored need-volunteer pairs that assignment chooses from; one edge per pair."""

    need_ids: np.ndarray
    volunteer_ids: np.ndarray
    scores: np.ndarray
    open_slots: dict[int, int]
    schedules: dict[int, Schedule]
    skipped: dict[int, str] = field(default_factory=dict)  # need id: why it was left out


@dataclass(frozen=True)
class AssignmentResult:
    method: str
    suggestions: list[Suggestion]
    total_slots: int
    skipped: dict[int, str]

    @property
    def total_score(self) -> float:
        return float(sum(s.score for s in self.suggestions))

    @property
    def filled_slots(self) -> int:
        return len(self.suggestions)

    @property
    def coverage(self) -> float:
        return self.filled_slots / self.total_slots if self.total_slots else 0.0


def candidate_graph(
    pool: VolunteerPool,
    needs: Iterable[NeedSpec],
    *,
    today: date,
    weights: Weights = DEFAULT_WEIGHTS,
    per_slot: int = PER_SLOT,
) -> CandidateGraph:
    """Each rankable need with open slots, joined to its best per_slot x slots volunteers."""
    edges: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    slots, schedules, skipped = {}, {}, {}
    for need in needs:
        problem = _unassignable(need, today)
        if problem:
            skipped[need.id] = problem
            continue
        ids, scores = top_matches(
            pool, need, today=today, weights=weights, count=per_slot * need.open_slots
        )
        edges.append((np.full(len(ids), need.id, dtype=np.int64), ids, scores))
        slots[need.id], schedules[need.id] = need.open_slots, need.schedule
    if not edges:
        edges = [(np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0))]
    need_ids, volunteer_ids, scores = (np.concatenate(part) for part in zip(*edges, strict=True))
    return CandidateGraph(need_ids, volunteer_ids, scores, slots, schedules, skipped)


def _unassignable(need: NeedSpec, today: date) -> str | None:
    if need.open_slots < 1:
        return "no open slot"
    try:
        check_rankable(need, today)
    except NeedNotRankable as error:
        return str(error)
    return None


def assign_globally(
    pool: VolunteerPool | None = None,
    needs: Iterable[NeedSpec] = (),
    *,
    today: date | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
    capacity: int | Mapping[int, int] = 1,
    per_slot: int = PER_SLOT,
    graph: CandidateGraph | None = None,
) -> AssignmentResult:
    """The suggestions with the highest total score (exact on the candidate graph)."""
    graph = graph or _graph_for(pool, needs, today, weights, per_slot)
    chosen = _optimal_edges(graph, capacity)
    chosen = _repair(graph, chosen, capacity)
    return _result("optimal", graph, chosen)


def greedy_assign(
    pool: VolunteerPool | None = None,
    needs: Iterable[NeedSpec] = (),
    *,
    today: date | None = None,
    weights: Weights = DEFAULT_WEIGHTS,
    capacity: int | Mapping[int, int] = 1,
    per_slot: int = PER_SLOT,
    graph: CandidateGraph | None = None,
) -> AssignmentResult:
    """Baseline: take the best remaining pair while it still fits, until none is left."""
    graph = graph or _graph_for(pool, needs, today, weights, per_slot)
    return _result("greedy", graph, _greedy_edges(graph, capacity, start=[]))


def _graph_for(pool, needs, today, weights, per_slot) -> CandidateGraph:
    if pool is None or today is None:
        raise TypeError("pass either graph=, or a pool, the needs and today=")
    return candidate_graph(pool, needs, today=today, weights=weights, per_slot=per_slot)


def _optimal_edges(graph: CandidateGraph, capacity) -> list[int]:
    """Edge numbers of a maximum-score matching of slot copies to volunteer copies."""
    if not len(graph.scores):
        return []
    need_index = {need_id: i for i, need_id in enumerate(graph.open_slots)}
    first_slot = np.cumsum([0, *graph.open_slots.values()])
    volunteers, volunteer_of_edge = np.unique(graph.volunteer_ids, return_inverse=True)
    copies = np.array([_capacity_of(capacity, int(v)) for v in volunteers])
    first_copy = np.concatenate([[0], np.cumsum(copies)])
    rows, cols, edge_numbers = _expanded_edges(graph, need_index, first_slot,
                                               volunteer_of_edge, first_copy)  # fmt: skip
    n_rows, n_cols = int(first_slot[-1]), int(first_copy[-1])
    # One extra column per slot row ("leave it empty") guarantees a full matching exists.
    all_rows = np.concatenate([rows, np.arange(n_rows)])
    all_cols = np.concatenate([cols, n_cols + np.arange(n_rows)])
    costs = np.concatenate([_EMPTY_COST - graph.scores[edge_numbers], np.full(n_rows, _EMPTY_COST)])
    matrix = csr_matrix((costs, (all_rows, all_cols)), shape=(n_rows, n_cols + n_rows))
    matched_rows, matched_cols = min_weight_full_bipartite_matching(matrix)
    lookup = {(int(r), int(c)): int(e) for r, c, e in zip(rows, cols, edge_numbers, strict=True)}
    found = (lookup.get((int(r), int(c))) for r, c in zip(matched_rows, matched_cols, strict=True))
    return [edge for edge in found if edge is not None]


def _expanded_edges(graph, need_index, first_slot, volunteer_of_edge, first_copy):
    """Every edge repeated for each slot of its need and each capacity copy of its volunteer."""
    rows, cols, numbers = [], [], []
    for edge, need_id in enumerate(graph.need_ids):
        need = need_index[int(need_id)]
        volunteer = volunteer_of_edge[edge]
        for slot in range(first_slot[need], first_slot[need + 1]):
            for copy in range(first_copy[volunteer], first_copy[volunteer + 1]):
                rows.append(slot)
                cols.append(copy)
                numbers.append(edge)
    return np.array(rows, np.int64), np.array(cols, np.int64), np.array(numbers, np.int64)


def _greedy_edges(graph: CandidateGraph, capacity, start: list[int]) -> list[int]:
    chosen = list(start)
    taken = _Tally(graph, capacity, chosen)
    order = np.lexsort((graph.volunteer_ids, graph.need_ids, -graph.scores))
    for edge in order:
        if taken.fits(int(edge)):
            taken.add(int(edge))
            chosen.append(int(edge))
    return chosen


def _repair(graph: CandidateGraph, chosen: list[int], capacity) -> list[int]:
    """Drop the weaker of two suggestions that clash for one volunteer, then refill greedily.

    With capacity 1 nothing clashes and the matching stays exactly optimal; with more, a
    volunteer's copies may land on one need twice or on two overlapping appointments.
    """
    kept: list[int] = []
    tally = _Tally(graph, capacity, [])
    for edge in sorted(chosen, key=lambda e: -graph.scores[e]):
        if tally.fits(edge):
            tally.add(edge)
            kept.append(edge)
    return kept if len(kept) == len(chosen) else _greedy_edges(graph, capacity, start=kept)


class _Tally:
    """What is already taken: slots per need, places and appointments per volunteer."""

    def __init__(self, graph: CandidateGraph, capacity, chosen: list[int]) -> None:
        self.graph, self.capacity = graph, capacity
        self.filled: dict[int, int] = defaultdict(int)
        self.needs_of: dict[int, list[int]] = defaultdict(list)
        for edge in chosen:
            self.add(edge)

    def fits(self, edge: int) -> bool:
        need, volunteer = int(self.graph.need_ids[edge]), int(self.graph.volunteer_ids[edge])
        taken = self.needs_of[volunteer]
        if self.filled[need] >= self.graph.open_slots[need] or need in taken:
            return False
        if len(taken) >= _capacity_of(self.capacity, volunteer):
            return False
        schedule = self.graph.schedules[need]
        return not any(self.graph.schedules[other].overlaps(schedule) for other in taken)

    def add(self, edge: int) -> None:
        need, volunteer = int(self.graph.need_ids[edge]), int(self.graph.volunteer_ids[edge])
        self.filled[need] += 1
        self.needs_of[volunteer].append(need)


def _capacity_of(capacity: int | Mapping[int, int], volunteer_id: int) -> int:
    places = capacity.get(volunteer_id, 1) if isinstance(capacity, Mapping) else capacity
    if places < 0:
        raise ValueError(f"capacity of volunteer {volunteer_id} must not be negative")
    return int(places)


def _result(method: str, graph: CandidateGraph, edges: list[int]) -> AssignmentResult:
    edges = sorted(edges, key=lambda e: (int(graph.need_ids[e]), -graph.scores[e]))
    suggestions = [
        Suggestion(int(graph.need_ids[e]), int(graph.volunteer_ids[e]), float(graph.scores[e]))
        for e in edges
    ]
    return AssignmentResult(method, suggestions, sum(graph.open_slots.values()), graph.skipped)

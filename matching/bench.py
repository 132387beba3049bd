"""Benchmark of the matching engine: `python -m matching.bench [--quick]`.

Prints, in one run: ranking one need against pools of several sizes (p50/p95), the same with a
naive per-pair geopy loop and with a numpy distance-only pass, the pool's memory, and a global
assignment against the greedy baseline. Data is synthetic and seeded (see fixtures.synthetic).
"""

import argparse
import os
import platform
import time
import tracemalloc
from datetime import date

import numpy as np
from geopy.distance import geodesic

from fixtures.synthetic import synthetic_needs, synthetic_profiles, synthetic_volunteer_columns
from matching.assign import assign_globally, candidate_graph, greedy_assign
from matching.geo import chord_squared_for_km, chord_squared_to, haversine_km, unit_vectors
from matching.need_table import NeedTable
from matching.pool import VolunteerPool
from matching.rank import rank_candidates, rank_opportunities, rank_opportunities_pairwise

TODAY = date(2026, 11, 2)
TOP = 20


def main(argv: list[str] | None = None) -> None:
    args = _arguments(argv)
    print(_machine())
    for size in args.sizes:
        pool, columns = _build(size, args.spread_km)
        needs = synthetic_needs(args.queries, seed=7, today=TODAY)
        timings = {
            "engine": _time_engine(pool, needs, args.repeats),
            "floor": _time_distance_floor(columns, needs, args.repeats),
            "haversine": _time_haversine_pass(columns, needs, args.repeats),
            "geopy": _time_geopy(columns, needs[: args.geopy_needs], args.geopy_sample),
        }
        _report_ranking(size, timings, args.geopy_sample)
        if size == args.assign_at:
            _report_assignment(pool, args.needs)
        del pool, columns
    if args.opportunities:
        _report_opportunities(args.opportunities)


def _arguments(argv) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m matching.bench", description=__doc__)
    parser.add_argument("--sizes", default="10000,100000,1000000", help="pool sizes")
    parser.add_argument("--repeats", type=int, default=3, help="timing passes over the needs")
    parser.add_argument("--queries", type=int, default=50, help="needs ranked per pool size")
    parser.add_argument("--needs", type=int, default=2000, help="needs in the global assignment")
    parser.add_argument("--assign-at", type=int, default=100_000, help="pool size to assign on")
    parser.add_argument("--geopy-sample", type=int, default=2000, help="pairs timed with geopy")
    parser.add_argument("--geopy-needs", type=int, default=5, help="needs timed with geopy")
    parser.add_argument(
        "--spread-km",
        type=float,
        default=5.0,
        help="spread of volunteers around Münster (5: one city; 150: a region)",
    )
    parser.add_argument(
        "--opportunities",
        type=int,
        default=5000,
        help="open needs ranked for one volunteer (0: skip)",
    )
    parser.add_argument("--quick", action="store_true", help="10k only, fewer repeats (~30 s)")
    args = parser.parse_args(argv)
    args.sizes = [int(size) for size in args.sizes.split(",")]
    if args.quick:
        args.sizes, args.repeats, args.needs, args.assign_at = [10_000], 1, 300, 10_000
        args.geopy_sample, args.geopy_needs = 500, 3
        args.opportunities = min(args.opportunities, 1000)
    return args


def _machine() -> str:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"machine: {platform.machine()}, {os.cpu_count()} CPUs, load average {load}, Python "
        f"{platform.python_version()}, numpy {np.__version__}\ntoday fixed at {TODAY}"
    )


def _build(size: int, spread_km: float):
    columns = synthetic_volunteer_columns(size, seed=0, today=TODAY, spread_km=spread_km)
    tracemalloc.start()
    started = time.perf_counter()
    pool = VolunteerPool.from_arrays(**columns)
    seconds = time.perf_counter() - started
    retained, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    print(f"\n== {size:,} volunteers, spread {spread_km:g} km ==")
    print(f"pool built in {seconds:.2f} s (under tracemalloc); memory: arrays + BallTree "
          f"{pool.nbytes() / 2**20:.0f} MB, with Python tables {retained / 2**20:.0f} MB, "
          f"peak while building {peak / 2**20:.0f} MB")  # fmt: skip
    return pool, columns


def _time_engine(pool: VolunteerPool, needs, repeats: int) -> list[float]:
    timings = []
    for _ in range(repeats):
        for need in needs:
            started = time.perf_counter()
            rank_candidates(pool, need, today=TODAY, limit=TOP)
            timings.append(time.perf_counter() - started)
    return timings


def _time_haversine_pass(columns, needs, repeats: int) -> list[float]:
    """Textbook numpy: haversine from degrees for every volunteer, radius test, 20 nearest."""
    lat, lon, radius = columns["lat"], columns["lon"], columns["max_distance_km"]
    return _timed(needs, repeats, lambda need: _nearest(
        haversine_km(need.lat, need.lon, lat, lon), radius))  # fmt: skip


def _time_distance_floor(columns, needs, repeats: int) -> list[float]:
    """Only distances, radius test and 20 nearest, on precomputed unit vectors: the floor."""
    points = unit_vectors(columns["lat"], columns["lon"])
    radius_chord2 = chord_squared_for_km(columns["max_distance_km"])
    return _timed(needs, repeats, lambda need: _nearest(
        chord_squared_to(points, unit_vectors(need.lat, need.lon)), radius_chord2))  # fmt: skip


def _nearest(distance: np.ndarray, limit: np.ndarray) -> np.ndarray:
    inside = np.flatnonzero(distance <= limit)
    if len(inside) <= TOP:
        return inside
    return inside[np.argpartition(distance[inside], TOP)[:TOP]]


def _timed(needs, repeats: int, work) -> list[float]:
    timings = []
    for _ in range(repeats):
        for need in needs:
            started = time.perf_counter()
            work(need)
            timings.append(time.perf_counter() - started)
    return timings


def _time_geopy(columns, needs, sample: int) -> list[float]:
    """Per-pair geodesic + radius filter + sort by distance, extrapolated to the whole pool."""
    lat, lon, radius = columns["lat"], columns["lon"], columns["max_distance_km"]
    size = len(lat)
    pairs = min(sample, size)
    timings = []
    for need in needs:
        started = time.perf_counter()
        within = []
        for i in range(pairs):
            km = geodesic((need.lat, need.lon), (lat[i], lon[i])).km
            if km <= radius[i]:
                within.append((km, i))
        within.sort()
        timings.append((time.perf_counter() - started) * size / pairs)
    return timings


def _report_ranking(size: int, timings: dict[str, list[float]], sample: int) -> None:
    def p(name: str, q: int) -> float:
        return float(np.percentile(timings[name], q) * 1000)

    how = "measured" if sample >= size else f"extrapolated linearly from {sample:,} pairs"
    print(
        f"engine, all rules and components, top {TOP}: p50 {p('engine', 50):.1f} ms, "
        f"p95 {p('engine', 95):.1f} ms ({len(timings['engine'])} timings)"
    )
    print(
        f"numpy distance-only floor (unit vectors): p50 {p('floor', 50):.1f} ms, "
        f"p95 {p('floor', 95):.1f} ms"
    )
    print(
        f"numpy haversine from degrees, distance only: p50 {p('haversine', 50):.1f} ms, "
        f"p95 {p('haversine', 95):.1f} ms"
    )
    print(f"naive geopy.geodesic loop, distance only: p50 {p('geopy', 50):,.0f} ms ({how})")
    print(f"engine vs geopy loop: {p('geopy', 50) / p('engine', 50):,.0f}x faster")  # fmt: skip


def _report_assignment(pool: VolunteerPool, count: int) -> None:
    needs = synthetic_needs(count, seed=11, today=TODAY)
    started = time.perf_counter()
    graph = candidate_graph(pool, needs, today=TODAY)
    graph_seconds = time.perf_counter() - started
    print(f"\n-- global assignment: {count:,} needs, {sum(graph.open_slots.values()):,} slots, "
          f"{len(graph.scores):,} candidate pairs ({graph_seconds:.1f} s to rank) --")  # fmt: skip
    for solve in (assign_globally, greedy_assign):
        started = time.perf_counter()
        result = solve(graph=graph)
        seconds = time.perf_counter() - started
        print(f"{result.method:8s}: total score {result.total_score:,.2f}, coverage "
              f"{result.coverage:.1%} ({result.filled_slots:,}/{result.total_slots:,}), "
              f"{seconds:.2f} s to solve, {graph_seconds + seconds:.1f} s in all")  # fmt: skip


def _report_opportunities(count: int, volunteers: int = 30, pairwise: int = 3) -> None:
    """One volunteer against all open needs: one numpy pass vs. one evaluation per need."""
    needs = synthetic_needs(count, seed=13, today=TODAY)
    started = time.perf_counter()
    table = NeedTable.from_specs(needs)
    build_ms = (time.perf_counter() - started) * 1000
    people = synthetic_profiles(volunteers, seed=5, today=TODAY)
    fast, slow = [], []
    for person in people:
        started = time.perf_counter()
        found = rank_opportunities(person, table, today=TODAY)
        fast.append(time.perf_counter() - started)
        if len(slow) < pairwise:
            started = time.perf_counter()
            reference = rank_opportunities_pairwise(person, needs, today=TODAY)
            slow.append(time.perf_counter() - started)
            assert found == reference, "the vectorised ranking differs from the per-pair one"
    p50, p95 = (float(np.percentile(fast, q) * 1000) for q in (50, 95))
    print(f"\n-- opportunities: one volunteer against {count:,} open needs, top {TOP} --")
    print(f"need table built once: {build_ms:.0f} ms")
    print(f"one numpy pass: p50 {p50:.1f} ms, p95 {p95:.1f} ms ({len(fast)} volunteers)")
    print(f"each need on its own (before): p50 {np.median(slow) * 1000:,.0f} ms "
          f"({len(slow)} volunteers, same results)")  # fmt: skip


if __name__ == "__main__":
    main()

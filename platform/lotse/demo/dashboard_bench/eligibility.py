"""What counting "volunteers who pass every hard rule" per neighbourhood would cost the map.

The engine's own rules (`top_matches` with no limit: every volunteer who passes, not busy) for
each open need of a synthetic city. The map does not do this per request (docs/dashboard.md).

    .venv/bin/python -m lotse.demo.dashboard_bench.eligibility [volunteers] [needs]
"""

import sys
import time
from datetime import date

import numpy as np

from fixtures.synthetic import synthetic_needs, synthetic_volunteer_columns
from matching.errors import NeedNotRankable
from matching.pool import VolunteerPool
from matching.rank import DEFAULT_WEIGHTS, top_matches

TODAY = date(2026, 12, 6)
EVERYONE = 10**9
BENCH_OPEN_NEEDS = 20_000  # the dashboard benchmark's open needs (dashboard_bench/data.py)


def main(volunteers: int = 100_000, needs: int = 200) -> None:
    pool = VolunteerPool.from_arrays(
        **synthetic_volunteer_columns(volunteers, seed=0, today=TODAY, spread_km=12)
    )
    timings, passing = [], []
    for need in synthetic_needs(needs, seed=1, today=TODAY):
        started = time.perf_counter()
        try:
            ids, _scores = top_matches(
                pool, need, today=TODAY, weights=DEFAULT_WEIGHTS, count=EVERYONE
            )
        except NeedNotRankable:
            continue
        timings.append(time.perf_counter() - started)
        passing.append(len(ids))
    per_need = float(np.mean(timings))
    print(f"{volunteers:,} volunteers, {len(timings)} needs: {per_need * 1000:.2f} ms per need "
          f"(p50 {np.median(timings) * 1000:.2f} ms), {np.mean(passing):.0f} passing per need; "
          f"{BENCH_OPEN_NEEDS:,} open needs ≈ {per_need * BENCH_OPEN_NEEDS:.0f} s")  # fmt: skip


if __name__ == "__main__":
    main(*(int(arg) for arg in sys.argv[1:3]))

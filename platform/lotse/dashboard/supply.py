"""Supply: how many volunteers live within reach of each neighbourhood, by their own radius.

Counted from the matching engine's per-process volunteer pool (matchmaking.pool_cache), which
is synced whenever volunteers change and holds exactly the matchable volunteers. The pool keeps
one bit per volunteer and neighbourhood centre, set when the centre lies within the volunteer's
own travel radius (matching.reach, worked out once per volunteer row), so counting for a
request is a few vectorised operations over its columns, never a loop over volunteers. The
neighbourhood centres are read again at most every LOTSE_DASHBOARD_SUPPLY_REFRESH_SECONDS.
"""

import threading
import time
from dataclasses import dataclass, field

import numpy as np
from django.conf import settings

from lotse.matchmaking.adapter import neighbourhood_places
from lotse.matchmaking.pool_cache import current_pool, pool_forget
from matching import VolunteerPool, reach
from matching.reach import Place


@dataclass(frozen=True)
class Supply:
    """The pool as the dashboard counts it, with the neighbourhood centres it was told; one
    per request (the unmet tables ask for the same skill many times)."""

    pool: VolunteerPool
    points: tuple[Place, ...]
    _skills: dict[str, np.ndarray] = field(default_factory=dict, compare=False, repr=False)
    _available: dict[int, np.ndarray] = field(default_factory=dict, compare=False, repr=False)

    def __len__(self) -> int:
        return len(self.pool)

    @property
    def hood_ids(self) -> list[int]:
        return [hood_id for hood_id, _lat, _lon in self.points]

    def available(self, day_ordinal: int, skill=None, language=None, level=1) -> np.ndarray:
        """Volunteers available on that day, with the skill (slug) and the language (code)
        if asked."""
        return reach.available(self.pool, day_ordinal, skill=skill, language=language, level=level)

    def has_skill(self, slug: str) -> np.ndarray:
        if slug not in self._skills:
            self._skills[slug] = reach.has_skill(self.pool, slug)
        return self._skills[slug]

    def speaks(self, code: str, level: int = 1) -> np.ndarray:
        return reach.speaks(self.pool, code, level)

    def by_neighbourhood(self, mask: np.ndarray) -> dict[int, int]:
        """Volunteers in `mask` who reach each neighbourhood's centre."""
        return reach.reach_by_place(self.pool, mask)

    def within_any(self, mask: np.ndarray, hood_ids) -> int:
        """Volunteers in `mask` who reach at least one of these neighbourhoods (each once)."""
        return reach.reach_any(self.pool, mask, hood_ids)

    def reaching(self, day_ordinal: int, hood_ids, skill=None, language=None, level=1) -> int:
        """`within_any` of the volunteers `available` that day with the skill and language:
        kept per process while the pool, its places and the day stand, and after the pool
        changed for at most LOTSE_DASHBOARD_SUPPLY_REFRESH_SECONDS (the dashboard asks the
        same hundred rows of unmet demand on every request, issue 21)."""
        key = (day_ordinal, skill, language, level, frozenset(hood_ids))
        counts = _counts_for(self.pool, self.points, day_ordinal)
        found = counts.get(key)
        if found is None:
            if day_ordinal not in self._available:  # once per request, not once per row
                self._available[day_ordinal] = self.available(day_ordinal)
            mask = self._available[day_ordinal]
            if skill is not None:
                mask = mask & self.has_skill(skill)
            if language is not None:
                mask = mask & self.speaks(language, level)
            found = counts[key] = self.within_any(mask, hood_ids)
        return found


_state: dict = {"points": None, "points_at": 0.0}
_lock = threading.Lock()
# Counts of `Supply.reaching` for one pool, its places and a day: kept while the pool holds
# what it held when they were counted (its generation), and after it changed for at most the
# refresh interval (supply is refreshed at most that often, like the neighbourhood centres).
COUNTS_KEPT = 20_000
_counts: dict = {"of": None, "pool": None, "generation": None, "at": 0.0, "counts": {}}


def _counts_for(pool: VolunteerPool, points, day_ordinal: int) -> dict:
    of, now = (id(pool), points, day_ordinal), time.monotonic()
    with _lock:
        # the pool itself is held, so that its id cannot be another pool's while kept
        same = _counts["of"] == of and _counts["pool"] is pool
        moved = _counts["generation"] != pool.generation
        if not same or (moved and now - _counts["at"] >= _refresh_seconds()):
            _counts.update(of=of, pool=pool, generation=pool.generation, at=now, counts={})
        elif len(_counts["counts"]) > COUNTS_KEPT:
            _counts["counts"] = {}
        return _counts["counts"]


def supply_current() -> Supply:
    """This process's pool, told the neighbourhood centres (see the module's note)."""
    points = _points()
    return Supply(current_pool(points), points)


def _points() -> tuple[Place, ...]:
    """The neighbourhood centres, read again once the refresh interval has passed."""
    with _lock:
        now = time.monotonic()
        if _state["points"] is None or now - _state["points_at"] >= _refresh_seconds():
            _state["points"], _state["points_at"] = neighbourhood_places(), now
        return _state["points"]


def _refresh_seconds() -> float:
    return settings.LOTSE_DASHBOARD_SUPPLY_REFRESH_SECONDS


def supply_forget() -> None:
    """Drop the neighbourhood centres and the pool (tests, a flushed database)."""
    with _lock:
        _state.update(points=None, points_at=0.0)
        _counts.update(of=None, pool=None, generation=None, at=0.0, counts={})
    pool_forget()

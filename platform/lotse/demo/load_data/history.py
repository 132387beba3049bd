"""Historical placements in bulk: closed placements on past needs, as years of work leave them.

Every row satisfies the Placement model's constraints: no slot (slots matter only while a
need is open), a reject reason exactly for rejected ones, no live state (so the one-live-
placement-per-volunteer rule is moot). The mix of outcomes is an assumption, stated below.
"""

import datetime as dt
import random
from collections.abc import Callable

from django.utils import timezone

from lotse.needs.models import Need
from lotse.ops.progress import Progress
from lotse.placements.models import Placement

from .staff import City
from .writer import TableWriter, next_id

BarFor = Callable[[str, int], Progress]
# Outcome of a placement that is over: mostly completed, the rest split as social workers
# and volunteers said no or ended early.
OUTCOMES = (
    ("completed", 0.55), ("ended_early", 0.10), ("rejected", 0.12),
    ("declined", 0.13), ("withdrawn", 0.10),
)  # fmt: skip
REJECT_REASONS = ("language", "distance", "availability", "enough_help", "safeguarding")
COLUMNS = [
    "id", "need_id", "volunteer_id", "state", "origin", "proposed_by_id", "explanation",
    "accepted_at", "approved_at", "approved_by_id", "activated_at", "closed_at",
    "reject_reason", "created_at", "updated_at",
]  # fmt: skip


def write_placements(*, city: City, need_ids: range, volunteer_ids: range, count: int,
                     rng: random.Random, bar_for: BarFor) -> int:  # fmt: skip
    """`count` closed placements spread evenly over the past needs, volunteers at random."""
    organisation = _need_organisations(need_ids)
    states = rng.choices([s for s, _ in OUTCOMES], [w for _, w in OUTCOMES], k=count)
    first = next_id(Placement)

    def rows():
        for k in range(count):
            need_id = need_ids[k * len(need_ids) // count]
            workers = city.social_workers[organisation[need_id]]
            volunteer_id = volunteer_ids[rng.randrange(len(volunteer_ids))]
            yield _row(first + k, need_id, volunteer_id, states[k], workers[k % len(workers)], rng)

    bar = bar_for("placements", count)
    written = TableWriter(Placement, COLUMNS).write(rows(), bar.advance)
    bar.finish()
    return written


def _need_organisations(need_ids: range) -> dict[int, int]:
    rows = Need.objects.filter(pk__gte=need_ids.start, pk__lt=need_ids.stop)
    return dict(rows.values_list("pk", "organisation_id"))


def _row(pk: int, need_id: int, volunteer_id: int, state: str, worker: int, rng) -> tuple:
    created = timezone.now() - dt.timedelta(days=rng.randint(14, 3 * 365), hours=rng.randint(0, 23))
    said_yes = created + dt.timedelta(days=rng.randint(0, 3))
    agreed = state in ("completed", "ended_early")
    approved = agreed or state == "declined"
    return (
        pk, need_id, volunteer_id, state, "social_worker", worker, [],
        said_yes if agreed or state == "withdrawn" else None,
        said_yes if approved else None, worker if approved else None,
        said_yes if agreed else None, created + dt.timedelta(days=rng.randint(7, 120)),
        rng.choice(REJECT_REASONS) if state == "rejected" else "", created, created,
    )  # fmt: skip

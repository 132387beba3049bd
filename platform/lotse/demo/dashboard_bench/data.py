"""The dashboard benchmark's data set: years of history at city scale and beyond.

The city, the staff, the volunteers and the open needs come from the load-test generators
(lotse.demo.load_data), so the benchmark and the load test see the same kind of people. On top
come what the dashboard reads: past needs with their languages, placements on them in every
outcome (approved some days after opening), live placements and waiting proposals on open
needs, and hours logged on agreed placements. Rows go in through the load test's TableWriter
(COPY on PostgreSQL, bulk_create elsewhere). Never build this into a database people use.
"""

import datetime as dt
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lotse.demo.load_data.build import load_data_present
from lotse.demo.load_data.needs import NEED_COLUMNS, write_open_needs
from lotse.demo.load_data.staff import City, build_city
from lotse.demo.load_data.volunteers import write_volunteers
from lotse.demo.load_data.writer import TableWriter, analyze, next_id, reset_sequences
from lotse.needs.models import Need, NeedLanguage
from lotse.ops.progress import Progress
from lotse.placements.models import HoursEntry, Placement
from lotse.places.city_loader import load_city
from lotse.taxonomy.loader import load_taxonomy
from lotse.taxonomy.models import Language, Skill

BarFor = Callable[[str, int], Progress]
YEARS = 3
OUTCOMES = (("completed", 55), ("ended_early", 10), ("rejected", 12), ("declined", 13),
            ("withdrawn", 10))  # fmt: skip
PAST_STATUS = (("filled", 70), ("closed", 25), ("cancelled", 5))
NEED_LANGUAGES = ("ar", "fa", "uk", "ru", "tr", "ti", "ps", "so", "kmr", "prs", "fr", "sq")
PLACEMENT_COLUMNS = [
    "id", "need_id", "volunteer_id", "state", "origin", "accepted_at", "approved_at",
    "activated_at", "closed_at", "slot", "reject_reason", "created_at", "updated_at",
]  # fmt: skip
HOURS_COLUMNS = ["placement_id", "date", "hours", "confirmed_hours", "confirmed_at"]
# The tables written with explicit keys on top of the load-test data set.
MODELS_WRITTEN = [Need, NeedLanguage, Placement, HoursEntry]


@dataclass(frozen=True)
class BenchSize:
    volunteers: int = 100_000
    needs: int = 1_000_000  # of which `open_needs` are open, the rest history
    open_needs: int = 20_000
    placements: int = 1_000_000
    organisations: int = 5
    facilities_per_organisation: int = 20


@dataclass
class _Ids:
    city: City
    volunteers: range
    open_needs: range
    skills: list[int]
    languages: dict[str, int]


def bench_data_present() -> bool:
    return load_data_present()


def build_bench_data(*, size: BenchSize, seed: int, bar_for: BarFor) -> dict[str, int]:
    """Write the whole data set in one transaction, then refresh planner statistics."""
    counts = _build(size, seed, bar_for)
    analyze(*MODELS_WRITTEN)
    return counts


@transaction.atomic
def _build(size: BenchSize, seed: int, bar_for: BarFor) -> dict[str, int]:
    rng = random.Random(seed)
    load_taxonomy()
    load_city(settings.LOTSE_CITY_DIR)
    city = build_city(
        organisations=size.organisations, facilities_per_org=size.facilities_per_organisation,
        staff_per_org=5, coordinators=10, rng=rng,
    )  # fmt: skip
    ids = _Ids(
        city=city,
        volunteers=write_volunteers(city=city, count=size.volunteers, seed=seed, bar_for=bar_for),
        open_needs=write_open_needs(
            city=city, count=size.open_needs, seed=seed + 1, bar_for=bar_for
        ),
        skills=list(Skill.objects.values_list("pk", flat=True)),
        languages=dict(Language.objects.values_list("code", "pk")),
    )
    past = _write_past_needs(ids, size.needs - size.open_needs, rng, bar_for)
    placements, hours = _write_placements(ids, past, size.placements, rng, bar_for)
    reset_sequences(*MODELS_WRITTEN)
    return {"volunteers": size.volunteers, "needs": size.needs, "placements": placements,
            "hours_entries": hours}  # fmt: skip


def _weighted(rng: random.Random, choices) -> str:
    return rng.choices([c for c, _ in choices], [w for _, w in choices])[0]


def _write_past_needs(ids: _Ids, count: int, rng, bar_for: BarFor) -> list[tuple]:
    """History: one-off needs over the last years, opened a few days to weeks before."""
    first = next_id(Need)
    facts: list[tuple] = []
    languages: list[tuple] = []
    bar = bar_for("past needs", max(count, 0))
    rows = _past_need_rows(range(first, first + max(count, 0)), ids, rng, facts, languages)
    TableWriter(Need, NEED_COLUMNS).write(rows, bar.advance)
    TableWriter(NeedLanguage, ["need_id", "language_id", "min_level", "required"]).write(languages)
    bar.finish()
    return facts


def _past_need_rows(need_ids: range, ids: _Ids, rng, facts, languages) -> Iterator[tuple]:
    """Rows of past needs; notes (id, opened, wanted) and language rows on the way."""
    today = timezone.localdate()
    for need_id in need_ids:
        facility, org, hood = ids.city.facilities[rng.randrange(len(ids.city.facilities))]
        day = today - dt.timedelta(days=rng.randint(1, YEARS * 365))
        opened = _aware(day - dt.timedelta(days=rng.randint(3, 30)), rng.randint(7, 17))
        wanted = rng.choice((1, 1, 1, 2, 3))
        # A few stay open after their date: the stale work the dashboard points at.
        status = "open" if rng.random() < 0.002 else _weighted(rng, PAST_STATUS)
        if rng.random() < 0.35:
            code = NEED_LANGUAGES[min(int(rng.expovariate(0.35)), len(NEED_LANGUAGES) - 1)]
            languages.append((need_id, ids.languages[code], 3, True))
        facts.append((need_id, opened, wanted))
        yield (
            need_id, None, org, facility, hood, "Bedarf (Benchmark)",
            ids.skills[rng.randrange(len(ids.skills))],
            f"{day.isoformat()} {rng.choice((9, 10, 14, 16)):02d}:00-18:00", wanted, "normal",
            False, None, status, None, opened, opened, opened,
        )  # fmt: skip


def _aware(day: dt.date, hour: int) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _write_placements(ids: _Ids, past: list[tuple], count: int, rng, bar_for: BarFor):
    first = next_id(Placement)
    agreed: list[tuple[int, dt.date]] = []

    def rows() -> Iterator[tuple]:
        history = count if past else 0
        for k in range(history):
            need_id, opened, _wanted = past[k * len(past) // history]
            yield _past_row(first + k, need_id, opened, ids, rng, agreed)
        yield from _live_rows(first + history, ids, rng, agreed)

    bar = bar_for("placements", count + len(ids.open_needs) // 2)
    written = TableWriter(Placement, PLACEMENT_COLUMNS).write(rows(), bar.advance)
    bar.finish()
    return written, _write_hours(agreed, rng, bar_for)


def _past_row(pk, need_id, opened, ids: _Ids, rng, agreed) -> tuple:
    state = _weighted(rng, OUTCOMES)
    volunteer = ids.volunteers[rng.randrange(len(ids.volunteers))]
    created = opened + dt.timedelta(hours=rng.randint(1, 24 * 14))
    approved = created + dt.timedelta(hours=rng.randint(2, 24 * 6))
    said_yes = state in ("completed", "ended_early")
    if said_yes:
        agreed.append((pk, approved.date()))
    return (
        pk, need_id, volunteer, state, "social_worker", approved if said_yes else None,
        approved if said_yes or state == "declined" else None, approved if said_yes else None,
        approved + dt.timedelta(days=rng.randint(7, 90)), None,
        "language" if state == "rejected" else "", created, created,
    )  # fmt: skip


def _live_rows(pk: int, ids: _Ids, rng, agreed) -> Iterator[tuple]:
    """Every fourth open need has an active placement in slot 1, every fourth (offset) a
    proposal waiting up to ten days for a decision."""
    now = timezone.now()
    volunteers = ids.volunteers
    for k, need_id in enumerate(ids.open_needs):
        volunteer = volunteers[(k * 7919) % len(volunteers)]
        if k % 4 == 0:
            started = now - dt.timedelta(days=rng.randint(1, 60))
            agreed.append((pk, started.date()))
            yield (pk, need_id, volunteer, "active", "social_worker", started, started, started,
                   None, 1, "", started, started)  # fmt: skip
            pk += 1
        elif k % 4 == 1:
            asked = now - dt.timedelta(days=rng.randint(0, 10), hours=rng.randint(0, 23))
            yield (pk, need_id, volunteer, "proposed", "social_worker", None, None, None, None,
                   None, "", asked, asked)  # fmt: skip
            pk += 1


def _write_hours(agreed: list[tuple[int, dt.date]], rng, bar_for: BarFor) -> int:
    """One to three weekly entries per agreed placement, four in five confirmed."""
    today, now = timezone.localdate(), timezone.now()

    def rows() -> Iterator[tuple]:
        for placement_id, started in agreed:
            for week in range(rng.randint(1, 3)):
                day = started + dt.timedelta(days=7 * week)
                if day > today:
                    break
                hours = rng.choice((1, 1.5, 2, 2, 3, 4))
                confirmed = rng.random() < 0.8
                yield (placement_id, day, hours, hours if confirmed else None,
                       now if confirmed else None)  # fmt: skip

    bar = bar_for("hours entries", 2 * len(agreed))
    written = TableWriter(HoursEntry, HOURS_COLUMNS).write(rows(), bar.advance)
    bar.finish()
    return written

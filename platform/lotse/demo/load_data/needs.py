"""Needs in bulk: open needs to rank (fixtures.synthetic's needs) and past, closed needs
that the historical placements belong to."""

import datetime as dt
import random
from collections.abc import Callable

from django.utils import timezone

from fixtures.synthetic import synthetic_needs
from lotse.demo.names import NEED_TITLES
from lotse.needs.models import Need, NeedLanguage
from lotse.ops.progress import Progress
from lotse.taxonomy.models import Language, Skill
from matching import format_schedule

from .staff import City
from .writer import TableWriter, next_id

BarFor = Callable[[str, int], Progress]
NEED_COLUMNS = [
    "id", "external_id", "organisation_id", "facility_id", "neighbourhood_id", "title",
    "main_skill_id", "schedule", "volunteers_needed", "urgency", "requires_certificate",
    "max_distance_km", "status", "created_by_id", "created_at", "updated_at", "opened_at",
]  # fmt: skip
URGENCY = ("low", "normal", "normal", "high")


def write_open_needs(*, city: City, count: int, seed: int, bar_for: BarFor) -> range:
    """Open needs at the city's facilities; returns their ids."""
    today, now = timezone.localdate(), timezone.now()
    specs = synthetic_needs(count, seed=seed, today=today)
    skill_ids = dict(Skill.objects.values_list("slug", "pk"))
    language_ids = dict(Language.objects.values_list("code", "pk"))
    first = next_id(Need)
    ids = range(first, first + count)
    rows, further, languages = [], [], []
    for need_id, spec in zip(ids, specs, strict=True):
        facility, org, hood = city.facilities[
            (spec.facility_id * 7 + need_id) % len(city.facilities)
        ]
        author = city.social_workers[org][need_id % len(city.social_workers[org])]
        rows.append((
            need_id, f"load-n-{need_id - first:06d}", org, facility, hood,
            NEED_TITLES[spec.main_skill], skill_ids[spec.main_skill],
            format_schedule(spec.schedule), spec.open_slots, URGENCY[need_id % 4],
            spec.requires_certificate, spec.max_distance_km, Need.Status.OPEN, author,
            now, now, now,
        ))  # fmt: skip
        further += [(need_id, skill_ids[s]) for s in spec.skills - {spec.main_skill}]
        for required, asked in ((True, spec.languages_required), (False, spec.languages_preferred)):
            languages += [
                (need_id, language_ids[code], level, required) for code, level in asked.items()
            ]
    bar = bar_for("open needs (rows)", len(rows) + len(further) + len(languages))
    TableWriter(Need, NEED_COLUMNS).write(rows, bar.advance)
    TableWriter(Need.skills.through, ["need_id", "skill_id"]).write(further, bar.advance)
    TableWriter(NeedLanguage, ["need_id", "language_id", "min_level", "required"]).write(
        languages, bar.advance
    )
    bar.finish()
    return ids


def write_past_needs(*, city: City, count: int, rng: random.Random, bar_for: BarFor) -> range:
    """Closed one-off needs of the last three years; returns their ids."""
    today = timezone.localdate()
    skills = list(Skill.objects.values_list("slug", "pk"))
    first = next_id(Need)
    ids = range(first, first + count)

    def rows():
        for need_id in ids:
            facility, org, hood = city.facilities[rng.randrange(len(city.facilities))]
            slug, skill_pk = skills[rng.randrange(len(skills))]
            day = today - dt.timedelta(days=rng.randint(7, 3 * 365))
            start = rng.choice([9, 10, 14, 16])
            created = timezone.make_aware(dt.datetime.combine(day, dt.time(8)))
            created -= dt.timedelta(days=14)
            yield (
                need_id, f"load-p-{need_id - first:07d}", org, facility, hood, NEED_TITLES[slug],
                skill_pk, f"{day.isoformat()} {start:02d}:00-{start + 2:02d}:00",
                rng.choice([1, 1, 2, 3]), "normal", False, None, Need.Status.CLOSED,
                city.social_workers[org][0], created, created, created,
            )  # fmt: skip

    bar = bar_for("past needs", count)
    TableWriter(Need, NEED_COLUMNS).write(rows(), bar.advance)
    bar.finish()
    return ids

"""Unmet demand: which skills and languages open needs ask for, against the volunteers with
them who live within reach — the input for recruitment campaigns.

The database groups open needs (minus the slots already held) by operator, main skill,
language and neighbourhood — from the summary table when it is fresh, else live; the supply
snapshot then counts, per row, the available volunteers with that skill and language who
reach at least one neighbourhood where such a need is open.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Min, Sum

from lotse.needs.models import Need
from lotse.taxonomy.models import Language, Skill
from lotse.taxonomy.selectors import all_languages, all_skills

from . import summary
from .filters import Filters
from .queries import Where, held_on_need, need_language_rows, open_q
from .supply import Supply, supply_current

Row = tuple  # (organisation, skill, language or None, neighbourhood, needs, slots, level)


@dataclass
class UnmetRow:
    skill: Skill | None
    language: Language | None
    open_needs: int = 0
    open_slots: int = 0
    volunteers_within_reach: int = 0
    level: int = 4  # the lowest language level any of these needs accepts
    neighbourhoods: set[int] = field(default_factory=set)

    @property
    def label(self) -> str:
        return " · ".join(str(part) for part in (self.language, self.skill) if part)

    @property
    def coverage(self) -> float | None:
        if self.open_slots <= 0:
            return None
        return round(self.volunteers_within_reach / self.open_slots, 2)

    @property
    def is_unmet(self) -> bool:
        return self.volunteers_within_reach < self.open_slots


@dataclass
class UnmetDemand:
    by_skill: list[UnmetRow]
    by_language: list[UnmetRow]
    by_combination: list[UnmetRow]


def unmet_demand(*, filters: Filters) -> UnmetDemand:
    if summary.usable_for(filters):
        rows = summary.open_demand_rows(filters)
    else:
        rows = open_demand_live(filters.needs_q, filters.today)
    by_skill, by_language, combos = _fold(rows, filters)
    supply, day = supply_current(), filters.today.toordinal()
    groups = [by_skill, by_language, combos]
    for group in groups:
        for row in group:
            row.volunteers_within_reach = _reach(supply, day, row)
    return UnmetDemand(*(sorted(group, key=_most_unmet_first) for group in groups))


def _fold(rows, filters: Filters) -> tuple[list[UnmetRow], ...]:
    """Rows per skill (all needs, or with the language filter those asking for it), per
    language and per language and skill."""
    rows = list(rows)
    skills = {skill.pk: skill for skill in all_skills()}
    languages = {language.pk: language for language in all_languages()}
    wanted = filters.language.pk if filters.language else None
    by_skill, by_language, combos = {}, {}, {}
    for _org, skill, language, hood, needs, slots, level in rows:
        if language is None:
            if wanted is None:
                _add(by_skill, skill, skills.get(skill), None, hood, needs, slots, 1)
            continue
        if wanted is not None and language != wanted:
            continue
        if wanted is not None:
            _add(by_skill, skill, skills.get(skill), None, hood, needs, slots, 1)
        lang = languages.get(language)
        _add(by_language, language, None, lang, hood, needs, slots, level)
        _add(combos, (skill, language), skills.get(skill), lang, hood, needs, slots, level)
    return list(by_skill.values()), list(by_language.values()), list(combos.values())


def _add(rows: dict, key, skill, language, hood, needs, slots, level) -> None:
    row = rows.setdefault(key, UnmetRow(skill, language))
    row.open_needs += needs
    row.open_slots += slots
    row.level = min(row.level, level or 1)
    if needs:
        row.neighbourhoods.add(hood)


def _most_unmet_first(row: UnmetRow):
    coverage = row.coverage
    return (coverage is None, coverage or 0.0, -row.open_slots, row.label)


def _reach(supply: Supply, day: int, row: UnmetRow) -> int:
    skill = row.skill.slug if row.skill is not None else None
    language, level = (row.language.code, row.level) if row.language is not None else (None, 1)
    return supply.reaching(day, row.neighbourhoods, skill=skill, language=language, level=level)


# ---------------------------------------------------------------------------
# Live: open needs (minus held slots) per operator, main skill, language, neighbourhood
# ---------------------------------------------------------------------------
SKILL_GROUP = ("organisation_id", "main_skill_id")


def open_demand_live(where: Where, today: dt.date):
    """Rows per operator and skill (language None), then per operator, skill and language:
    two grouped queries, the held slots counted per need inside each."""
    needs = (
        Need.objects.filter(open_q(where, today))
        .alias(held=held_on_need())
        .values_list(*SKILL_GROUP, "neighbourhood_id")
        .annotate(n=Count("id"), slots=Sum("volunteers_needed"), held=Sum("held"))
        .order_by()
    )
    for org, skill, hood, n, slots, held in needs:
        yield org, skill, None, hood, n, _left(slots, held), 1
    asked = (
        need_language_rows(where, today)
        .alias(held=held_on_need("need_id"))
        .values_list(
            *(f"need__{name}" for name in SKILL_GROUP), "language_id", "need__neighbourhood_id"
        )
        .annotate(
            n=Count("id"),
            slots=Sum("need__volunteers_needed"),
            level=Min("min_level"),
            held=Sum("held"),
        )
        .order_by()
    )
    for org, skill, lang, hood, n, slots, level, held in asked:
        yield org, skill, lang, hood, n, _left(slots, held), level


def _left(slots, held) -> int:
    return max((slots or 0) - (held or 0), 0)

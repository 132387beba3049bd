"""All open needs for one volunteer to browse: filtered, best fit first, each with its verdict."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Q

from lotse.needs.models import Need
from lotse.volunteers.models import Volunteer
from matching import MAX_LIMIT, haversine_km, rank_opportunities
from matching.messages import join_reasons

from . import adapter
from .need_cache import open_need_table
from .pool_cache import volunteer_profile_cached
from .reach import Fit, fit_of, rankable_specs

PER_PAGE = 20


@dataclass(frozen=True)
class BrowsedNeed:
    need: Need
    fit: Fit
    text: str  # the one line why it fits or not, spoken to her


def _filtered(specs, cleaned: dict) -> list:
    needs = Need.objects.filter(status=Need.Status.OPEN, pk__in=[s.id for s in specs])
    if cleaned.get("district"):
        needs = needs.filter(neighbourhood__district=cleaned["district"])
    if cleaned.get("skill"):
        skill = cleaned["skill"]
        needs = needs.filter(Q(main_skill=skill) | Q(skills=skill))
    if cleaned.get("language"):
        needs = needs.filter(languages__language=cleaned["language"])
    ids = set(needs.values_list("pk", flat=True))
    weekday = cleaned.get("weekday")
    return [s for s in specs if s.id in ids and (weekday is None or s.schedule.weekday == weekday)]


def _order(profile, specs, scores: dict[int, float]) -> list[int]:
    """Needs she fits, best first; then the others, nearest first."""

    def key(spec):
        if spec.id in scores:
            return (0, -scores[spec.id], 0.0, spec.id)
        km = (
            haversine_km(profile.lat, profile.lon, spec.lat, spec.lon)
            if profile.has_location
            else 0
        )
        return (1, 0.0, km, spec.id)

    return [spec.id for spec in sorted(specs, key=key)]


def browse_open_needs(*, volunteer: Volunteer, cleaned: dict, page: str | None, lang: str) -> Page:
    """One page of the open needs that pass the filters, each with the engine's verdict."""
    profile = volunteer_profile_cached(volunteer, adapter.today())
    table = open_need_table()
    specs = _filtered(rankable_specs(table), cleaned)
    if profile is None:
        return Paginator([], PER_PAGE).get_page(page)
    found = rank_opportunities(profile, table, today=adapter.today(), limit=MAX_LIMIT)
    scores = {o.need_id: o.score for o in found}
    by_id = {spec.id: spec for spec in specs}
    current = Paginator(_order(profile, specs, scores), PER_PAGE).get_page(page)
    needs = Need.objects.select_related("facility", "neighbourhood__district", "main_skill")
    rows = needs.in_bulk(list(current.object_list))
    items = []
    for need_id in current.object_list:
        if need_id not in rows:  # closed since the table was read
            continue
        fit = fit_of(profile, by_id[need_id])
        text = join_reasons(fit.reasons, lang, to_volunteer=True)
        items.append(BrowsedNeed(rows[need_id], fit, text))
    current.object_list = items
    return current

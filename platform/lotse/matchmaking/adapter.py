"""The one place where Django rows become the engine's dataclasses (and nowhere else)."""

import datetime as dt
import functools
import logging
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Avg

from lotse.needs.models import Need, NeedLanguage
from lotse.needs.selectors import taken_slots
from lotse.places.models import Facility, Neighbourhood, Postcode
from lotse.volunteers.models import CertificateInspection, Volunteer, VolunteerLanguage
from lotse.volunteers.selectors import volunteers_matchable
from matching import NeedSpec, ParseError, Schedule, VolunteerProfile, parse_availability
from matching import parse_schedule as engine_parse_schedule
from matching.reach import Place
from matching.timeslots import PackedAvailability, WeeklyAvailability

from . import workload

logger = logging.getLogger(__name__)


@dataclass
class _Facts:
    skills: set[str] = field(default_factory=set)
    languages: dict[str, int] = field(default_factory=dict)
    certificate_valid_until: dt.date | None = None


def _facts_for(volunteer_ids: Iterable[int] | None) -> dict[int, _Facts]:
    """Skills, languages and certificate validity for many volunteers in three queries."""
    facts: dict[int, _Facts] = defaultdict(_Facts)
    through = Volunteer.skills.through.objects.all()
    languages = VolunteerLanguage.objects.all()
    inspections = CertificateInspection.objects.all()
    if volunteer_ids is not None:
        ids = list(volunteer_ids)
        through = through.filter(volunteer_id__in=ids)
        languages = languages.filter(volunteer_id__in=ids)
        inspections = inspections.filter(volunteer_id__in=ids)
    for vid, slug in through.values_list("volunteer_id", "skill__slug"):
        facts[vid].skills.add(slug)
    for vid, code, level in languages.values_list("volunteer_id", "language__code", "level"):
        facts[vid].languages[code] = level
    # Only the newest inspection counts: a later one that found a conviction overrides.
    newest = inspections.order_by("volunteer_id", "inspected_on", "pk").only(
        "volunteer_id", "certificate_date", "inspected_on", "disqualifying_conviction"
    )
    for inspection in newest:
        facts[inspection.volunteer_id].certificate_valid_until = inspection.valid_until()
    return facts


def matchable_volunteers():
    """Active accounts whose privacy consent stands: nobody else is ranked."""
    return volunteers_matchable().filter(user__is_active=True)


VOLUNTEER_FIELDS = (
    "id",
    "lat",
    "lon",
    "max_distance_km",
    "availability",
    "availability_bits",
    "max_hours_per_month",
    "paused_until",
    "available_from",
    "available_until",
)


def _availability(vid: int, text: str, bits: bytes) -> WeeklyAvailability | PackedAvailability:
    if bits:  # derived on save: no parsing (the pool of 100,000 would spend seconds on it)
        return PackedAvailability.from_bytes(bits)
    try:
        return parse_availability(text)
    except ParseError:  # validated on save; a row edited behind our back must not break ranking
        logger.warning("volunteer %s has unreadable availability; treated as none", vid)
        return WeeklyAvailability()


def volunteer_profiles(volunteer_ids: Iterable[int] | None = None) -> Iterator[VolunteerProfile]:
    """Engine profiles for the given volunteers (all when None), built in a handful of queries."""
    rows = matchable_volunteers()
    if volunteer_ids is not None:
        volunteer_ids = list(volunteer_ids)
        rows = rows.filter(pk__in=volunteer_ids)
    facts = _facts_for(volunteer_ids)
    loads = workload.volunteer_loads(volunteer_ids)
    for row in rows.values(*VOLUNTEER_FIELDS).iterator(chunk_size=5000):
        vid = row["id"]
        fact, load = facts.get(vid, _Facts()), loads.get(vid, workload.EMPTY_LOAD)
        yield VolunteerProfile(
            id=vid,
            lat=row["lat"],
            lon=row["lon"],
            max_distance_km=row["max_distance_km"],
            skills=frozenset(fact.skills),
            languages=dict(fact.languages),
            availability=_availability(vid, row["availability"], row["availability_bits"]),
            max_hours_per_month=row["max_hours_per_month"],
            hours_this_month=load.hours_this_month,
            placements_total=load.placements_total,
            certificate_valid_until=fact.certificate_valid_until,
            paused_until=row["paused_until"],
            available_from=row["available_from"],
            available_until=row["available_until"],
            busy=load.busy,
            placed_need_ids=load.need_ids,
            good_facility_ids=load.good_facility_ids,
        )


def volunteer_profile(
    volunteer: Volunteer, *, ignore_need_id: int | None = None
) -> VolunteerProfile:
    """One volunteer's profile; `ignore_need_id` leaves that need out of their placements."""
    profile = next(volunteer_profiles([volunteer.pk]), None)
    if profile is None:
        raise Volunteer.DoesNotExist(f"volunteer {volunteer.pk} is not active")
    if ignore_need_id is None:
        return profile
    from dataclasses import replace

    busy = workload.busy_without(volunteer.pk, ignore_need_id)
    return replace(profile, placed_need_ids=profile.placed_need_ids - {ignore_need_id}, busy=busy)


def neighbourhood_places() -> tuple[Place, ...]:
    """Each neighbourhood's centre: its own point, else the mean of its postcodes, else of its
    facilities. Neighbourhoods without any point cannot be reached and are left out."""
    points = {}
    fallbacks = (
        Facility.objects.filter(is_active=True).values("neighbourhood_id"),
        Postcode.objects.values("neighbourhood_id"),
    )
    for rows in fallbacks:
        found = rows.filter(neighbourhood_id__isnull=False).annotate(a=Avg("lat"), o=Avg("lon"))
        points |= {r["neighbourhood_id"]: (r["a"], r["o"]) for r in found}
    for hid, lat, lon in Neighbourhood.objects.values_list("pk", "lat", "lon"):
        if lat is not None and lon is not None:
            points[hid] = (lat, lon)
    return tuple(sorted((hid, float(lat), float(lon)) for hid, (lat, lon) in points.items()))


@functools.lru_cache(maxsize=8192)
def parse_schedule(text: str) -> Schedule | None:
    """The need's schedule, None when unreadable. Kept per text (a Schedule is immutable):
    the need table, the start page and the lists read the same few thousand again and
    again."""
    try:
        return engine_parse_schedule(text)
    except ParseError:
        return None


def need_specs(needs: Iterable[Need]) -> list[NeedSpec]:
    """Engine specs for needs (facility/neighbourhood should be select_related)."""
    needs = list(needs)
    languages: dict[int, tuple[dict, dict]] = defaultdict(lambda: ({}, {}))
    rows = NeedLanguage.objects.filter(need__in=needs).values_list(
        "need_id", "language__code", "min_level", "required"
    )
    for need_id, code, level, required in rows:
        languages[need_id][0 if required else 1][code] = level
    further = defaultdict(set)
    for need_id, slug in Need.skills.through.objects.filter(need__in=needs).values_list(
        "need_id", "skill__slug"
    ):
        further[need_id].add(slug)
    taken = taken_slots([n.pk for n in needs])
    return [_spec(n, languages[n.pk], further[n.pk], taken.get(n.pk, 0)) for n in needs]


def _spec(need: Need, langs: tuple[dict, dict], further: set[str], taken: int) -> NeedSpec:
    location = need.location or (None, None)
    main = need.main_skill.slug
    return NeedSpec(
        id=need.pk,
        lat=location[0],
        lon=location[1],
        main_skill=main,
        schedule=parse_schedule(need.schedule),
        max_distance_km=need.max_distance_km,
        skills=frozenset(further | {main}),
        languages_required=dict(langs[0]),
        languages_preferred=dict(langs[1]),
        requires_certificate=need.requires_certificate,
        facility_id=need.facility_id,
        open_slots=max(need.volunteers_needed - taken, 0),
        organisation_id=need.organisation_id,
    )


def need_spec(need: Need) -> NeedSpec:
    return need_specs([need])[0]


def today() -> dt.date:
    from django.utils import timezone

    return timezone.localdate()


def max_radius_km() -> float:
    return float(settings.LOTSE_MAX_DISTANCE_KM)

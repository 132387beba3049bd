"""Candidates at a glance: the table's order, the ruled-out people by reason, and one pair.

Reads only, like selectors.py: who may see what is decided there (can_see_candidates) and, for
a volunteer named by id, by volunteers.selectors.volunteer_in_scope.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from lotse.accounts.models import User
from lotse.core.collation import by_name
from lotse.needs.models import Need
from lotse.volunteers.models import Volunteer
from lotse.volunteers.selectors import (
    can_see_volunteers,
    volunteer_in_scope,
    volunteers_visible_by_name,
)
from matching import Reason, VolunteerPool
from matching.context import need_context
from matching.explain import candidate_reasons, exclusion_reasons
from matching.pair import score_pair
from matching.rules import RULES

from . import adapter
from .selectors import (
    NOT_ALLOWED,
    ExcludedVolunteer,
    RankedVolunteer,
    can_see_candidates,
    weights_for,
)

SORTS = ("score", "distance", "name")
DEFAULT_SORT = "score"
MAX_DECIDING_REASONS = 3
# The reasons that speak for or against a candidate; the rest (distance, workload) is context.
DECIDING = ("speaks", "preferred_language_missing", "preferred_language_low", "offers_skill",
            "lacks_skill", "free_at", "partly_free", "continuity", "certificate_valid")  # fmt: skip


def sort_key(value) -> str:
    """The table's order from `?sort=`; anything unknown is the default (best score first)."""
    return value if value in SORTS else DEFAULT_SORT


def sorted_candidates(results: list[RankedVolunteer], sort: str) -> list[RankedVolunteer]:
    if sort == "distance":
        return sorted(results, key=lambda r: (r.candidate.distance_km, -r.candidate.score))
    if sort == "name":
        return sorted(results, key=lambda r: r.volunteer.display_name.casefold())
    return sorted(results, key=lambda r: -r.candidate.score)


def deciding_reasons(reasons: list[Reason]) -> list[Reason]:
    """The two or three reasons that decide, in the engine's order (its strongest first)."""
    deciding = [reason for reason in reasons if reason.code in DECIDING]
    return (deciding or reasons)[:MAX_DECIDING_REASONS]


# Exclusion reason codes, grouped as a social worker counts them: one sentence per group.
REASON_GROUPS = {
    "too_far": "too_far", "outside_need_radius": "outside_need_radius",
    "missing_language": "language", "language_too_low": "language",
    "certificate_missing": "certificate", "certificate_expired": "certificate",
    "no_time": "no_time", "no_time_on": "no_time", "busy": "busy", "paused": "paused",
    "no_longer_available": "no_longer_available", "hours_exhausted": "hours_exhausted",
    "already_placed": "already_placed", "no_location": "no_location",
}  # fmt: skip
GROUP_SENTENCES = {
    "too_far": ("%(count)s lives too far away", "%(count)s live too far away"),
    "outside_need_radius": (
        "%(count)s lives outside the area this need asks for",
        "%(count)s live outside the area this need asks for",
    ),
    "language": (
        "%(count)s does not speak a required language well enough",
        "%(count)s do not speak a required language well enough",
    ),
    "certificate": (
        "%(count)s has no valid extended certificate of conduct",
        "%(count)s have no valid extended certificate of conduct",
    ),
    "no_time": ("%(count)s has no time then", "%(count)s have no time then"),
    "busy": (
        "%(count)s already has an appointment at that time",
        "%(count)s already have an appointment at that time",
    ),
    "paused": ("%(count)s is taking a break", "%(count)s are taking a break"),
    "no_longer_available": (
        "%(count)s is no longer available then",
        "%(count)s are no longer available then",
    ),
    "hours_exhausted": (
        "%(count)s has used up their monthly hours",
        "%(count)s have used up their monthly hours",
    ),
    "already_placed": (
        "%(count)s is already placed on this need",
        "%(count)s are already placed on this need",
    ),
    "no_location": ("%(count)s has given no location", "%(count)s have given no location"),
}


@dataclass(frozen=True)
class ExcludedGroup:
    key: str
    people: list[ExcludedVolunteer]

    @property
    def count(self) -> int:
        return len(self.people)

    @property
    def sentence(self) -> str:
        singular, plural = GROUP_SENTENCES[self.key]
        return ngettext(singular, plural, self.count) % {"count": self.count}


def excluded_by_reason(excluded: list[ExcludedVolunteer]) -> list[ExcludedGroup]:
    """The ruled-out volunteers by reason, most first; one with two reasons counts in both."""
    groups: dict[str, list[ExcludedVolunteer]] = {}
    for item in excluded:
        keys = {REASON_GROUPS.get(reason.code) for reason in item.exclusion.reasons}
        for key in sorted(keys - {None}):
            groups.setdefault(key, []).append(item)
    ordered = sorted(
        groups.items(), key=lambda kv: (-len(kv[1]), list(GROUP_SENTENCES).index(kv[0]))
    )
    return [ExcludedGroup(key, people) for key, people in ordered]


@dataclass(frozen=True)
class PairExplanation:
    """One volunteer against one need, also when a rule fails: components and every reason."""

    need: Need
    volunteer: Volunteer
    score: float
    distance_km: float | None
    components: dict[str, float]
    reasons: list[Reason]  # as a candidate's: what fits and what fits less
    excluded_because: list[Reason]  # every hard rule that fails (and an overlapping placement)

    @property
    def eligible(self) -> bool:
        return not self.excluded_because


MAX_ASKABLE_BY_NAME = 500  # beyond this a list of names is too long: the id is asked instead


def volunteers_to_ask_about(user: User) -> list[Volunteer] | None:
    """The volunteers a social worker may pick by name on the page; [] when too many to list,
    None when the user may name no volunteer at all (facility staff). The scope rule decides
    who (volunteers.selectors.volunteers_visible_by_name: it reads no row when there are too
    many); asking about one checks the scope again (why_not)."""
    if not can_see_volunteers(user):
        return None
    order = (*by_name("user__first_name", "user__last_name"), "pk")
    people = volunteers_visible_by_name(user, at_most=MAX_ASKABLE_BY_NAME, order=order)
    return [] if people is None else people


def why_not(*, user: User, need: Need, volunteer_id) -> PairExplanation:
    """Raises PermissionDenied like the candidates list, Volunteer.DoesNotExist outside scope,
    NeedNotRankable for a need without schedule or place."""
    if not can_see_candidates(user, need):
        raise PermissionDenied(NOT_ALLOWED)
    volunteer = volunteer_in_scope(user, volunteer_id, need=need)
    profile = adapter.volunteer_profile(volunteer)
    spec, today = adapter.need_spec(need), adapter.today()
    pair = score_pair(profile, spec, today=today, weights=weights_for(need.organisation_id))
    if pair.distance_km is None:
        return PairExplanation(need, volunteer, 0.0, None, {}, [], [Reason("no_location")])
    pool = VolunteerPool([profile])
    ctx = need_context(pool, spec, today)
    km = round(pair.distance_km, 2)
    failed = [rule for rule in RULES if rule in pair.failed_rules]
    continuity = pair.components.get("continuity", 0) > 0
    return PairExplanation(
        need=need,
        volunteer=volunteer,
        score=pair.score,
        distance_km=pair.distance_km,
        components=pair.components,
        reasons=candidate_reasons(pool, 0, ctx, km, continuity),
        excluded_because=exclusion_reasons(pool, 0, ctx, km, failed),
    )


WHY_NOT_UNKNOWN = _("No volunteer you may see has this number.")

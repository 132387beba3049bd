"""Reads of the matching engine: candidates for a need, opportunities for a volunteer."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import Role, User
from lotse.core.versioned import versioned
from lotse.needs.models import Need
from lotse.ops.instruments import ranking_timer
from lotse.placements.models import Placement
from lotse.places.selectors import FACILITIES, facilities_visible_to
from lotse.volunteers.models import Volunteer
from matching import (
    Candidate,
    Exclusion,
    NeedNotRankable,
    Opportunity,
    Weights,
    rank_candidates,
    rank_opportunities,
)
from matching.messages import join_reasons, supported_lang
from matching.pair import score_pair

from . import adapter
from .models import MatchingRun, MatchingSettings, MatchSuggestion
from .need_cache import open_need_spec, open_need_stamps, open_need_table
from .pool_cache import current_pool, volunteer_profile_cached
from .reach import FEW, Reach, reach_of

NOT_ALLOWED = _(
    "Only social workers and facility staff of this need's organisation see candidates."
)
DEFAULT_LIMIT = 20


@dataclass(frozen=True)
class RankedVolunteer:
    volunteer: Volunteer
    candidate: Candidate


@dataclass(frozen=True)
class ExcludedVolunteer:
    volunteer: Volunteer
    exclusion: Exclusion


@dataclass(frozen=True)
class CandidateList:
    need: Need
    results: list[RankedVolunteer]
    excluded: list[ExcludedVolunteer]
    excluded_total: int
    not_rankable: str | None = None  # why the need cannot be ranked (no schedule, over, …)


# An operator's weights, kept per process (one per operator) while this stamp stands; a saved
# or deleted MatchingSettings (configured or learnt weights) moves it (signals.py).
WEIGHTS = "matchmaking.weights"


def weights_for(organisation_id: int | None) -> Weights:
    """The weights an operator's rankings use: every ranking asks (issue 21: one query each)."""

    def build() -> Weights:
        settings = MatchingSettings.objects.filter(organisation_id=organisation_id).first()
        return settings.effective_weights() if settings else Weights()

    return versioned(WEIGHTS, build, key=organisation_id)


def can_see_candidates(user: User, need: Need) -> bool:
    """Candidates are persons: staff of the need's organisation (and admins) only."""
    if user.is_city_admin:
        return True
    if user.role == Role.SOCIAL_WORKER:
        return user.organisation_id == need.organisation_id
    if user.role == Role.FACILITY_STAFF and need.facility_id:
        return facilities_visible_to(user).filter(pk=need.facility_id).exists()
    return False


def engine_lang() -> str:
    """The engine's language for the active one (German where the engine has no texts)."""
    return supported_lang(get_language())


_lang = engine_lang


# What lists of candidates show of a person (the page, the API, a need's preview): her number,
# her external id and the name `display_name` is made of. Reading every column of volunteer
# and account for twenty people was the candidates API's largest part (issue 21).
CANDIDATE_FIELDS = ("external_id", "user__first_name", "user__last_name", "user__email")


def _volunteers_by_id(ids: list[int]) -> dict[int, Volunteer]:
    """The volunteers of a ranking with CANDIDATE_FIELDS only: any other field read from them
    costs a query each (the query budgets in tests/web/perf would show it)."""
    rows = Volunteer.objects.filter(pk__in=ids).select_related("user").only(*CANDIDATE_FIELDS)
    return {v.pk: v for v in rows}


def candidates_for_need(
    *, user: User, need: Need, limit: int = DEFAULT_LIMIT, explain: bool = False
) -> CandidateList:
    if not can_see_candidates(user, need):
        raise PermissionDenied(NOT_ALLOWED)
    spec = open_need_spec(need)
    pool, weights = current_pool(), weights_for(need.organisation_id)
    try:
        with ranking_timer("candidates"):
            ranked = rank_candidates(
                pool,
                spec,
                today=adapter.today(),
                weights=weights,
                limit=limit,
                explain=explain,
                lang=_lang(),
            )
    except NeedNotRankable as exc:
        return CandidateList(need, [], [], 0, not_rankable=str(exc))
    people = _volunteers_by_id(
        [c.volunteer_id for c in ranked.results] + [e.volunteer_id for e in ranked.excluded]
    )
    return CandidateList(
        need=need,
        results=[
            RankedVolunteer(people[c.volunteer_id], c)
            for c in ranked.results
            if c.volunteer_id in people
        ],
        excluded=[
            ExcludedVolunteer(people[e.volunteer_id], e)
            for e in ranked.excluded
            if e.volunteer_id in people
        ],
        excluded_total=ranked.excluded_total,
    )


@dataclass(frozen=True)
class RankedNeed:
    need: Need
    opportunity: Opportunity

    @property
    def text_for_volunteer(self) -> str:
        """The reasons spoken to the volunteer herself (Sie), not about her."""
        return join_reasons(self.opportunity.reasons, _lang(), to_volunteer=True)


@dataclass(frozen=True)
class VolunteerOpportunities:
    """The start page's opportunities: her own tasks first, the rest apart, and why so few."""

    own: list[RankedNeed]
    also_possible: list[RankedNeed]
    reach: Reach | None = None

    @property
    def count(self) -> int:
        return len(self.own) + len(self.also_possible)


def open_needs():
    return Need.objects.filter(status=Need.Status.OPEN).select_related(
        "facility", "neighbourhood__district", "main_skill", "organisation"
    )


# What lists of a volunteer's ranked needs show (cards, the API, the digest e-mails): model
# instances for twenty needs with every column of five tables cost more than their ranking.
RANKED_NEED_FIELDS = (
    "external_id", "title", "schedule", "status", "opened_at", "volunteers_needed",
    "facility__name", "neighbourhood__name", "neighbourhood__district__name", "main_skill__slug",
)  # fmt: skip


# The rows of ranked needs kept per process (at most this many; then emptied and filled again).
RANKED_ROWS_KEPT = 5_000


def ranked_needs(ids: list[int]) -> dict[int, Need]:
    """The open needs of a ranking by id, with RANKED_NEED_FIELDS.

    Kept per process (issue 21: reading and building them was a third of an opportunities
    request's CPU): a need's row is kept with its stamp in the need table (moved by any change
    to the need, its languages, skills, slots or place, and by its closing), and all rows
    under the places' stamp (a renamed facility, neighbourhood or district). So a row is as
    fresh as the ranking it belongs to: this process's own changes at once, other processes'
    within LOTSE_MATCHING_SYNC_SECONDS. Needs the table does not hold are read every time.
    The rows are shared between requests: read them, never change them.
    """
    kept: dict[int, tuple[str, Need]] = versioned(FACILITIES, dict, key="ranked needs")
    stamps = open_need_stamps(ids)
    found, missing = {}, []
    for pk in ids:
        hit = kept.get(pk)
        if hit is not None and stamps[pk] is not None and hit[0] == stamps[pk]:
            found[pk] = hit[1]
        else:
            missing.append(pk)
    if missing:
        rows = Need.objects.filter(status=Need.Status.OPEN, pk__in=missing)
        rows = rows.select_related("facility", "neighbourhood__district", "main_skill")
        if len(kept) + len(missing) > RANKED_ROWS_KEPT:
            kept.clear()
        for need in rows.only(*RANKED_NEED_FIELDS):
            found[need.pk] = need
            if stamps[need.pk] is not None:
                kept[need.pk] = (stamps[need.pk], need)
    return found


def opportunities_for_volunteer(
    *, volunteer: Volunteer, limit: int = DEFAULT_LIMIT
) -> list[RankedNeed]:
    """Open needs ranked for one volunteer, with the same rules and scores as candidates.

    All open needs are scored in one pass over the process's cached need table; only the
    needs returned are read from the database.
    """
    profile = volunteer_profile_cached(volunteer, adapter.today())
    if profile is None:  # not matchable (privacy consent withdrawn): nothing is ranked for them
        return []
    return _ranked_for(profile, limit)


def _ranked_for(profile, limit: int) -> list[RankedNeed]:
    table = open_need_table()
    with ranking_timer("opportunities"):
        found = rank_opportunities(profile, table, today=adapter.today(), limit=limit, lang=_lang())
    needs = ranked_needs([o.need_id for o in found])
    return [RankedNeed(needs[o.need_id], o) for o in found if o.need_id in needs]


def volunteer_opportunities(*, volunteer: Volunteer, limit: int = 10) -> VolunteerOpportunities:
    """Her best open needs split by her own tasks; with fewer than FEW, the reasons why."""
    profile = volunteer_profile_cached(volunteer, adapter.today())
    if profile is None:
        return VolunteerOpportunities([], [])
    ranked = _ranked_for(profile, limit)  # the profile read once (one cache read each)
    own = [r for r in ranked if r.need.main_skill.slug in profile.skills]
    also = [r for r in ranked if r.need.main_skill.slug not in profile.skills]
    reach = None
    if len(ranked) < FEW:
        with ranking_timer("opportunities"):
            reach = reach_of(profile, open_need_table(), len(ranked))
    return VolunteerOpportunities(own, also, reach)


def pair_components(*, need: Need, volunteer: Volunteer) -> dict[str, float]:
    """The score components of one pair as the engine sees it now (stored with decisions).

    The pair's own placement is left out, so a proposed volunteer is scored, not excluded as
    "already placed". A pair that fails a hard rule still gets its components.
    """
    profile = adapter.volunteer_profile(volunteer, ignore_need_id=need.pk)
    spec = adapter.need_spec(need)
    pair = score_pair(
        profile, spec, today=adapter.today(), weights=weights_for(need.organisation_id)
    )
    return dict(pair.components)


def open_suggestions_for(user: User, limit: int = 50):
    """Suggestions of the latest finished run for the user's organisation, not yet acted on."""
    if user.role != Role.SOCIAL_WORKER or not user.organisation_id:
        return MatchSuggestion.objects.none()
    latest = MatchingRun.objects.filter(status=MatchingRun.Status.DONE).order_by("-created_at")
    run = latest.filter(
        Q(organisation_id=user.organisation_id) | Q(organisation__isnull=True)
    ).values("pk")[:1]
    rows = MatchSuggestion.objects.filter(
        run_id=Subquery(run),  # one query: the latest run's rows (none without a run)
        status=MatchSuggestion.Status.OPEN,
        need__organisation_id=user.organisation_id,
        need__status=Need.Status.OPEN,
    )
    placed = Placement.objects.filter(
        need_id=OuterRef("need_id"), volunteer_id=OuterRef("volunteer_id")
    )
    rows = rows.exclude(Exists(placed))
    return rows.select_related("need", "volunteer__user").order_by("-score")[:limit]

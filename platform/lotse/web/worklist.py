"""What waits for someone on their start page: counts, the oldest item, the needs behind each
count. Every list starts from the role-scope selectors, and each part costs a fixed number of
queries however many needs there are (the engine's work is numpy, not SQL)."""

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Min
from django.utils import timezone

from lotse.accounts.models import User
from lotse.dashboard.demand import Figures, district_demand
from lotse.dashboard.filters import Filters, dashboard_districts
from lotse.matchmaking import adapter
from lotse.matchmaking.pool_cache import current_pool
from lotse.needs.models import Need
from lotse.needs.selectors import needs_editable_by, needs_visible_to, with_open_slots
from lotse.placements.selectors import decision_queue
from lotse.safeguarding.models import Status
from lotse.safeguarding.selectors import can_handle_concerns, concerns_visible_to
from matching import NeedNotRankable, ParseError, parse_schedule
from matching.rank import has_candidate

SOON_DAYS = 7
OPEN_CONCERNS = (Status.NEW, Status.IN_REVIEW)
# What facility staff still plan for; closed and cancelled needs are history.
CURRENT_NEEDS = (Need.Status.DRAFT, Need.Status.OPEN, Need.Status.FILLED)


@dataclass(frozen=True)
class Decisions:
    count: int
    oldest_at: dt.datetime | None  # when the longest-waiting proposal was made


@dataclass(frozen=True)
class Worklist:
    decisions: Decisions
    without_candidates: list[Need]
    short_soon: list[Need]
    concerns: int | None  # None: no concern can reach them (a contact person nowhere)
    soon_days: int = SOON_DAYS


def social_worker_worklist(user: User) -> Worklist:
    needs = with_open_slots(
        needs_editable_by(user).filter(status=Need.Status.OPEN).order_by("schedule", "pk")
    )
    return Worklist(
        decisions=waiting_decisions(user),
        without_candidates=needs_without_candidates(needs),
        short_soon=short_of_people_soon(needs),
        concerns=open_concern_count(user),
    )


def waiting_decisions(user: User) -> Decisions:
    """The decision queue as two figures, in one query."""
    figures = (
        decision_queue(user=user).order_by().aggregate(n=Count("pk"), oldest=Min("created_at"))
    )
    return Decisions(figures["n"], figures["oldest"])


UNMATCHED_SECONDS = 60
_UNRANKABLE = "not rankable"


def needs_without_candidates(needs: list[Need]) -> list[Need]:
    """Needs with open places for which the matching engine finds nobody passing every rule.

    The engine decides, as on the candidates page; needs it cannot rank (over, no schedule or
    place) are left out: they need editing, not people. The rules alone decide
    (`matching.rank.has_candidate`: no scores, ~1 ms a need at 100,000 volunteers), and each
    need's answer is shared for UNMATCHED_SECONDS by everyone who sees the need, keyed by its
    state: a need's edit or a changed number of open places asks the engine again at once for
    that need alone, a volunteer who newly fits shows within a minute.
    """
    wanting = [need for need in needs if need.open_slots > 0]
    if not wanting:
        return []
    keys = {need.pk: _unmatched_key(need) for need in wanting}
    known = cache.get_many(list(keys.values()))
    asked = [need for need in wanting if keys[need.pk] not in known]
    if asked:
        answers = {keys[need.pk]: answer for need, answer in _unmatched(asked)}
        cache.set_many(answers, UNMATCHED_SECONDS)
        known |= answers
    return [need for need in wanting if known[keys[need.pk]] is True]


def _unmatched_key(need: Need) -> str:
    return f"lotse:worklist:unmatched:{need.pk}:{need.updated_at.timestamp()}:{need.open_slots}"


def _unmatched(wanting: list[Need]) -> list[tuple[Need, bool | str]]:
    """Each need with True when nobody can be proposed, False when someone can, or
    _UNRANKABLE."""
    pool, today, answers = current_pool(), adapter.today(), []
    for need, spec in zip(wanting, adapter.need_specs(wanting), strict=True):
        try:
            answers.append((need, not has_candidate(pool, spec, today=today)))
        except NeedNotRankable:
            answers.append((need, _UNRANKABLE))
    return answers


def first_date(need: Need) -> dt.date | None:
    try:
        return parse_schedule(need.schedule).first_date
    except ParseError:
        return None


def short_of_people_soon(needs: list[Need], days: int = SOON_DAYS) -> list[Need]:
    """Needs (with `open_slots` set) that start within `days` days and still lack people."""
    today = timezone.localdate()
    soon = []
    for need in needs:
        starts = first_date(need)
        if need.open_slots > 0 and starts and today <= starts <= today + dt.timedelta(days):
            need.starts_on = starts
            soon.append(need)
    return sorted(soon, key=lambda n: (n.starts_on, n.pk))


def open_concern_count(user: User) -> int | None:
    """How many concerns about their facilities are not resolved; never what they say."""
    if not can_handle_concerns(user):
        return None
    return concerns_visible_to(user).filter(status__in=OPEN_CONCERNS).count()


def facility_needs(user: User) -> list[Need]:
    """The current needs of the facilities a staff member sees, with places taken and open."""
    needs = needs_visible_to(user).filter(status__in=CURRENT_NEEDS)
    return with_open_slots(needs.order_by("facility__name", "schedule", "pk"))


def district_headline(user: User, districts: list | None = None) -> Figures | None:
    """This month's figures of a coordinator's districts, as the dashboard computes them;
    `districts`: her `dashboard_districts`, when the caller has them already."""
    districts = dashboard_districts(user) if districts is None else districts
    if not districts:
        return None
    today = timezone.localdate()
    filters = Filters(districts=tuple(districts), start=today.replace(day=1), end=today)
    return district_demand(filters=filters).total

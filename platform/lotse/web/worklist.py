"""What waits for someone on their start page: counts, the oldest item, the needs behind each
count. Every list starts from the role-scope selectors, and each part costs a fixed number of
queries however many needs there are (the engine's work is numpy, not SQL)."""

import datetime as dt
from dataclasses import dataclass

from django.core.cache import cache
from django.db.models import Count, Min, QuerySet
from django.utils import timezone

from lotse.accounts.models import User
from lotse.dashboard.demand import Figures, district_demand
from lotse.dashboard.filters import Filters, dashboard_districts
from lotse.matchmaking import adapter
from lotse.matchmaking.pool_cache import current_pool
from lotse.needs.models import Need
from lotse.needs.selectors import (
    needs_editable_by,
    needs_visible_to,
    taken_slots,
    with_open_slots,
    with_text_stamp,
)
from lotse.placements.selectors import decision_queue
from lotse.safeguarding.models import Status
from lotse.safeguarding.selectors import can_handle_concerns, concerns_visible_to
from matching import NeedNotRankable
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
    without_candidates: list[Need]  # the first SHOWN, in schedule order
    without_candidates_count: int
    short_soon: list[Need]  # the first SHOWN, soonest first, with `starts_on`
    short_soon_count: int
    concerns: int | None  # None: no concern can reach them (a contact person nowhere)
    soon_days: int = SOON_DAYS


SHOWN = 10  # needs named per list; a link leads to all of them


@dataclass(frozen=True)
class OpenNeed:
    """What the worklist reads of every open need: no model, no relation (an organisation has
    a thousand open needs; the page names twenty)."""

    pk: int
    stamp: str  # updated_at as text: only compared
    schedule: str
    open_slots: int


def social_worker_worklist(user: User) -> Worklist:
    open_needs = needs_editable_by(user).filter(status=Need.Status.OPEN)
    rows = with_text_stamp(open_needs.order_by("schedule", "pk")).values_list(
        "pk", "stamp", "schedule", "volunteers_needed"
    )
    taken = taken_slots(open_needs.values("pk"))
    needs = [OpenNeed(pk, stamp, schedule, max(needed - taken.get(pk, 0), 0))
             for pk, stamp, schedule, needed in rows]  # fmt: skip
    unmatched = needs_without_candidates(needs, open_needs)
    soon = short_of_people_soon(needs)
    named = _named(open_needs, [n.pk for n in unmatched[:SHOWN]] + [pk for pk, _ in soon[:SHOWN]],
                   {need.pk: need.open_slots for need in needs})  # fmt: skip
    # A need closed between the two reads is left out of the names (not of the counts).
    shown_soon = [(named[pk], starts) for pk, starts in soon[:SHOWN] if pk in named]
    for need, starts in shown_soon:
        need.starts_on = starts
    return Worklist(
        decisions=waiting_decisions(user),
        without_candidates=[named[n.pk] for n in unmatched[:SHOWN] if n.pk in named],
        without_candidates_count=len(unmatched),
        short_soon=[need for need, _ in shown_soon],
        short_soon_count=len(soon),
        concerns=open_concern_count(user),
    )


def _named(open_needs: QuerySet[Need], pks: list[int], open_slots: dict[int, int]):
    """The needs the page names, by id, with the open places the counts were made of (counted
    for every open need a moment before: no second count)."""
    named = {need.pk: need for need in open_needs.filter(pk__in=pks)}
    for pk, need in named.items():
        need.open_slots = open_slots[pk]
    return named


def waiting_decisions(user: User) -> Decisions:
    """The decision queue as two figures, in one query."""
    figures = (
        decision_queue(user=user).order_by().aggregate(n=Count("pk"), oldest=Min("created_at"))
    )
    return Decisions(figures["n"], figures["oldest"])


UNMATCHED_SECONDS = 60
_UNRANKABLE = "not rankable"


def needs_without_candidates(needs: list[OpenNeed], rows: QuerySet[Need]) -> list[OpenNeed]:
    """Needs with open places for which the matching engine finds nobody passing every rule;
    `rows`: where to read the needs it must ask about.

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
    asked = [need.pk for need in wanting if keys[need.pk] not in known]
    if asked:
        answers = {keys[need.pk]: answer for need, answer in _unmatched(
            list(rows.filter(pk__in=asked)))}  # fmt: skip
        cache.set_many(answers, UNMATCHED_SECONDS)
        known |= answers
    return [need for need in wanting if known.get(keys[need.pk]) is True]


def _unmatched_key(need: OpenNeed) -> str:
    stamp = need.stamp.replace(" ", "T")  # a key without spaces for every cache backend
    return f"lotse:worklist:unmatched:{need.pk}:{stamp}:{need.open_slots}"


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


def short_of_people_soon(needs: list[OpenNeed], days: int = SOON_DAYS) -> list[tuple[int, dt.date]]:
    """Ids and first days of the needs that start within `days` days and still lack people,
    soonest first."""
    today, soon = timezone.localdate(), []
    for need in needs:
        if need.open_slots > 0:
            schedule = adapter.parse_schedule(need.schedule)  # None: unreadable
            if schedule and today <= schedule.first_date <= today + dt.timedelta(days):
                soon.append((need.pk, schedule.first_date))
    return sorted(soon, key=lambda found: (found[1], found[0]))


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

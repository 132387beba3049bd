"""Safeguarding gates checked when a social worker approves a placement.

A gate refuses with its reason; it does not hide the candidate. Whether a concern about the
volunteer is open is the safeguarding app's to say, and it sits above this one: it registers its
check in AppConfig.ready() (`open_concern_check`, and `open_concerns` — the concerns as rows, for
a whole list inside its query); the approval service only calls `open_concerns_exist`, the queue
`gate_annotations` and `gate_facts`.
"""

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.hooks import Hook
from lotse.needs.models import Need
from lotse.volunteers.consents import consent_hooks
from lotse.volunteers.models import Volunteer
from matching.timeslots import parse_schedule

CERTIFICATE_MISSING = _(
    "This need requires a certificate of conduct (eFZ), and the volunteer has no inspection "
    "that is valid when the placement starts."
)
CODE_OF_CONDUCT_MISSING = _("The volunteer has not acknowledged the code of conduct.")
OPEN_CONCERN = _("There is an open concern about this volunteer.")


# Never "no concern" by default: approving without asking would let a suspended volunteer through.
open_concern_check: Hook[Callable[[Volunteer], bool]] = Hook(
    "open-concern check", registered_by="lotse.safeguarding"
)


# The same question for many volunteers at once (the queue): the open concerns that suspend
# placements, as rows with their `volunteer_id`, to be asked inside another query.
open_concerns: Hook[Callable[[], QuerySet]] = Hook(
    "open concerns as rows", registered_by="lotse.safeguarding"
)


@dataclass(frozen=True)
class GateFacts:
    """What the gates ask about a set of volunteers, read with a whole list's rows."""

    code_of_conduct_users: frozenset[int]
    open_concern_volunteers: frozenset[int]


def gate_annotations() -> dict:
    """For `Placement` rows: whether the volunteer's code of conduct stands and whether a
    concern about them is open, each an `Exists` inside the rows' own query (issue 21: the
    decision queue read them in a query each)."""
    standing = consent_hooks().code_of_conduct_standing()
    return {
        "gate_code_of_conduct": Exists(standing.filter(user_id=OuterRef("volunteer__user_id"))),
        "gate_open_concern": Exists(open_concerns().filter(volunteer_id=OuterRef("volunteer_id"))),
    }


def gate_facts(placements: Iterable) -> GateFacts:
    """The facts of placements read with `gate_annotations`."""
    placements = [p for p in placements if p.volunteer_id]
    return GateFacts(
        frozenset(p.volunteer.user_id for p in placements if p.gate_code_of_conduct),
        frozenset(p.volunteer_id for p in placements if p.gate_open_concern),
    )


def open_concerns_exist(volunteer: Volunteer) -> bool:
    """Whether a safeguarding concern about the volunteer is still open (hook; see module doc)."""
    return open_concern_check(volunteer)


def has_valid_certificate(volunteer: Volunteer, on: dt.date) -> bool:
    """Only the newest inspection counts: a later one that found a conviction overrides."""
    newest = max(
        volunteer.certificate_inspections.all(), key=lambda i: (i.inspected_on, i.pk), default=None
    )
    return newest is not None and newest.is_valid_on(on)


def safeguarding_problems(
    *, need: Need, volunteer: Volunteer, facts: GateFacts | None = None
) -> list[str]:
    """Every reason that forbids approving this volunteer for this need; empty means clear.

    `facts` (from `gate_facts`) answers consent and concerns for a list without a query each.
    """
    problems = []
    if need.requires_certificate:
        # Valid today is not enough: the certificate must still count when the work begins.
        starts = parse_schedule(need.schedule).first_date
        if not has_valid_certificate(volunteer, max(timezone.localdate(), starts)):
            problems.append(str(CERTIFICATE_MISSING))
    if not _acknowledged_code_of_conduct(volunteer, facts):
        problems.append(str(CODE_OF_CONDUCT_MISSING))
    if _open_concern(volunteer, facts):
        problems.append(str(OPEN_CONCERN))
    return problems


def _acknowledged_code_of_conduct(volunteer: Volunteer, facts: GateFacts | None) -> bool:
    if facts is not None:
        return volunteer.user_id in facts.code_of_conduct_users
    return consent_hooks().code_of_conduct_standing().filter(user=volunteer.user).exists()


def _open_concern(volunteer: Volunteer, facts: GateFacts | None) -> bool:
    if facts is not None:
        return volunteer.pk in facts.open_concern_volunteers
    return open_concerns_exist(volunteer)

"""Safeguarding gates checked when a social worker approves a placement.

A gate refuses with its reason; it does not hide the candidate. Whether a concern about the
volunteer is open is the safeguarding app's to say, and it sits above this one: it registers its
check in AppConfig.ready() (`open_concern_check`); the approval service and the queue only
call `open_concerns_exist`.
"""

import datetime as dt
from collections.abc import Callable

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


def open_concerns_exist(volunteer: Volunteer) -> bool:
    """Whether a safeguarding concern about the volunteer is still open (hook; see module doc)."""
    return open_concern_check(volunteer)


def has_valid_certificate(volunteer: Volunteer, on: dt.date) -> bool:
    """Only the newest inspection counts: a later one that found a conviction overrides."""
    newest = max(
        volunteer.certificate_inspections.all(), key=lambda i: (i.inspected_on, i.pk), default=None
    )
    return newest is not None and newest.is_valid_on(on)


def safeguarding_problems(*, need: Need, volunteer: Volunteer) -> list[str]:
    """Every reason that forbids approving this volunteer for this need; empty means clear."""
    problems = []
    if need.requires_certificate:
        # Valid today is not enough: the certificate must still count when the work begins.
        starts = parse_schedule(need.schedule).first_date
        if not has_valid_certificate(volunteer, max(timezone.localdate(), starts)):
            problems.append(str(CERTIFICATE_MISSING))
    if not consent_hooks().code_of_conduct_standing().filter(user=volunteer.user).exists():
        problems.append(str(CODE_OF_CONDUCT_MISSING))
    if open_concerns_exist(volunteer):
        problems.append(str(OPEN_CONCERN))
    return problems

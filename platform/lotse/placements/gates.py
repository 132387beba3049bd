"""Safeguarding gates checked when a social worker approves a placement.

A gate refuses with its reason; it does not hide the candidate. `open_concerns_exist` is the
hook the safeguarding app fills: the approval service and the queue only call this function.
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.needs.models import Need
from lotse.volunteers.models import Consent, Volunteer
from lotse.volunteers.services import has_current_consent
from matching.timeslots import parse_schedule

CERTIFICATE_MISSING = _(
    "This need requires a certificate of conduct (eFZ), and the volunteer has no inspection "
    "that is valid when the placement starts."
)
CODE_OF_CONDUCT_MISSING = _("The volunteer has not acknowledged the code of conduct.")
OPEN_CONCERN = _("There is an open concern about this volunteer.")


def open_concerns_exist(volunteer: Volunteer) -> bool:
    """Whether a safeguarding concern about the volunteer is still open (hook; see module doc)."""
    from lotse.safeguarding.selectors import volunteer_has_open_concern

    return volunteer_has_open_concern(volunteer)


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
    if not has_current_consent(volunteer.user, Consent.Kind.CODE_OF_CONDUCT):
        problems.append(str(CODE_OF_CONDUCT_MISSING))
    if open_concerns_exist(volunteer):
        problems.append(str(OPEN_CONCERN))
    return problems

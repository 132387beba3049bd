"""Hours: the volunteer logs them per day, the facility's side confirms or corrects them."""

import datetime as dt
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import User
from lotse.core.errors import MFA_REQUIRED_MESSAGE
from lotse.volunteers.models import Volunteer

from ..errors import PlacementConflict
from ..models import AGREED_STATES, HoursEntry, Placement
from ..roles import is_own_volunteer, is_staff_side

DAY = Decimal(24)
HOURS_NOT_A_NUMBER = _("Enter the hours as a number, e.g. 2.5.")
HOURS_NOT_POSITIVE = _("Hours must be more than zero.")
HOURS_NEGATIVE = _("Hours cannot be negative.")
HOURS_OVER_A_DAY = _("A day has at most 24 hours.")
DAY_TOTAL_OVER_24 = _("With these, more than 24 hours would be logged for %(day)s.")
HOURS_IN_FUTURE = _("Hours can be logged only for today or earlier.")
HOURS_BEFORE_START = _("This placement was not active yet on that day.")
HOURS_ALREADY_LOGGED = _("Hours for this day are already logged; staff can correct them.")
HOURS_NOT_AGREED = _("Hours can be logged only once the placement is active.")
ONLY_OWN_HOURS = _("Only the volunteer of this placement can log hours.")
ONLY_STAFF_CONFIRM = _("Only the facility's social workers and staff can confirm hours.")


def _as_hours(value, *, allow_zero: bool) -> Decimal:
    try:
        hours = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError) as exc:
        raise ValidationError({"hours": HOURS_NOT_A_NUMBER}) from exc
    if hours < 0 or (hours == 0 and not allow_zero):
        raise ValidationError({"hours": HOURS_NEGATIVE if hours < 0 else HOURS_NOT_POSITIVE})
    if hours > DAY:
        raise ValidationError({"hours": HOURS_OVER_A_DAY})
    return hours


def _check_day_total(volunteer_id: int, day: dt.date, adding: Decimal, without=None) -> None:
    """All placements together: a volunteer's day never holds more than 24 hours."""
    entries = HoursEntry.objects.filter(placement__volunteer_id=volunteer_id, date=day)
    if without is not None:
        entries = entries.exclude(pk=without.pk)
    total = entries.aggregate(t=Sum(Coalesce("confirmed_hours", "hours")))["t"] or Decimal(0)
    if total + adding > DAY:
        raise ValidationError({"hours": DAY_TOTAL_OVER_24 % {"day": day.strftime("%d.%m.%Y")}})


def _check_day(placement: Placement, day: dt.date) -> None:
    if day > timezone.localdate():
        raise ValidationError({"date": HOURS_IN_FUTURE})
    if placement.activated_at and day < timezone.localdate(placement.activated_at):
        raise ValidationError({"date": HOURS_BEFORE_START})


@transaction.atomic
def hours_log(
    *, placement: Placement, actor: User, date: dt.date, hours, note: str = ""
) -> HoursEntry:
    if not is_own_volunteer(actor, placement):
        raise PermissionDenied(ONLY_OWN_HOURS)
    # The volunteer row is the lock for "24 hours a day" across all their placements.
    Volunteer.objects.select_for_update().get(pk=placement.volunteer_id)
    placement = Placement.objects.get(pk=placement.pk)
    if placement.state not in AGREED_STATES:
        raise PlacementConflict(HOURS_NOT_AGREED)
    amount = _as_hours(hours, allow_zero=False)
    _check_day(placement, date)
    _check_day_total(placement.volunteer_id, date, amount)
    entry = HoursEntry(
        placement=placement, date=date, hours=amount, note=note.strip()[:200], logged_by=actor
    )
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError as exc:
        raise ValidationError({"date": HOURS_ALREADY_LOGGED}) from exc
    return entry


@transaction.atomic
def hours_confirm(*, entry: HoursEntry, actor: User, hours=None) -> HoursEntry:
    """Confirm as logged, or with `hours` correct them (0 when the session did not happen)."""
    placement = entry.placement
    if not is_staff_side(actor, placement):
        raise PermissionDenied(ONLY_STAFF_CONFIRM)
    if not actor.has_mfa():
        raise PermissionDenied(MFA_REQUIRED_MESSAGE)
    if placement.volunteer_id is not None:
        Volunteer.objects.select_for_update().get(pk=placement.volunteer_id)
    entry = HoursEntry.objects.select_for_update().get(pk=entry.pk)
    amount = entry.hours if hours in (None, "") else _as_hours(hours, allow_zero=True)
    if placement.volunteer_id is not None:
        _check_day_total(placement.volunteer_id, entry.date, amount, without=entry)
    entry.confirmed_hours, entry.confirmed_by = amount, actor
    entry.confirmed_at = timezone.now()
    entry.save(update_fields=["confirmed_hours", "confirmed_by", "confirmed_at"])
    return entry

"""Writes of the privacy app: consents (given, and withdrawn with their effects), erasure,
retention jobs."""

import datetime as dt
import logging

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import Role, User
from lotse.placements.models import HoursEntry, Placement, PlacementEvent, State
from lotse.placements.rules import Action
from lotse.placements.selectors import actions_for
from lotse.placements.services import TRANSITIONS
from notifications.services import notify

from . import erasure
from .export import collect
from .models import Consent, ErasureRecord, RetentionReminder

audit = logging.getLogger("lotse.audit")

ALREADY_ERASED = _("This account no longer exists.")
STAFF_ERASED_BY_ADMIN = _(
    "Staff accounts hold records of their work; an administrator closes them."
)
CONFIRMATION_WRONG = _("Please type your e-mail address to confirm.")
UNKNOWN_CONSENT = _("Unknown kind of consent.")
CONSENT_WITHDRAWN_NOTE = "consent withdrawn"
ACCOUNT_DELETED_NOTE = "account deleted"
# How a volunteer steps out of a placement, most gentle first (the rules pick what fits).
STEP_OUT = (Action.DECLINE, Action.WITHDRAW, Action.END)
LIVE = (State.PROPOSED, State.ACTIVE)


def live_placements(user: User):
    return Placement.objects.filter(volunteer__user=user, state__in=LIVE).select_related(
        "need__facility", "need__neighbourhood", "volunteer__user"
    )


def placements_step_out(*, user: User, note: str) -> int:
    """Close every live placement of the volunteer through the placements services."""
    closed = 0
    for placement in live_placements(user):
        allowed = actions_for(user=user, placement=placement)
        action = next((a for a in STEP_OUT if a in allowed), None)
        if action is not None:
            TRANSITIONS[action](placement=placement, actor=user, reason=note)
            closed += 1
    return closed


# ---------------------------------------------------------------------------
# Consents
# ---------------------------------------------------------------------------
def consent_version_current(kind: str) -> str:
    """The version of the text in force, or a ValidationError for an unknown kind."""
    version = Consent.current_version(kind)
    if version is None:
        raise ValidationError({"kind": UNKNOWN_CONSENT})
    return version


def consent_give(*, user: User, kind: str, version: str) -> Consent:
    return Consent.objects.create(user=user, kind=kind, version=version, given_at=timezone.now())


def consent_give_current(*, user: User, kind: str) -> Consent:
    """Agree to the current version of a text; agreeing twice records it once."""
    version = consent_version_current(kind)
    existing = Consent.objects.filter(
        user=user, kind=kind, version=version, withdrawn_at__isnull=True
    ).first()
    return existing or consent_give(user=user, kind=kind, version=version)


def consents_give_at_signup(user: User) -> None:
    """The sign-up's two boxes: the privacy notice and the code of conduct in force (the
    volunteers app asks through lotse.volunteers.consents)."""
    consent_give_current(user=user, kind=Consent.Kind.PRIVACY)
    consent_give_current(user=user, kind=Consent.Kind.CODE_OF_CONDUCT)


def code_of_conduct_give(user: User) -> Consent:
    return consent_give_current(user=user, kind=Consent.Kind.CODE_OF_CONDUCT)


@transaction.atomic
def consent_withdraw(*, user: User, kind: str) -> int:
    """Withdraw every standing consent of this kind; without it a volunteer cannot be placed,
    so live placements close (the facility is told). Returns how many placements closed."""
    consent_version_current(kind)
    standing = list(Consent.objects.filter(user=user, kind=kind, withdrawn_at__isnull=True))
    now = timezone.now()
    for consent in standing:  # save(), not update(): the matching pool listens for the change
        consent.withdrawn_at = now
        consent.save(update_fields=["withdrawn_at"])
    return placements_step_out(user=user, note=CONSENT_WITHDRAWN_NOTE)


@transaction.atomic
def account_erase(
    *, user: User, reason: str = ErasureRecord.Reason.SELF_SERVICE, confirm_email: str | None = None
) -> ErasureRecord:
    """Erase a volunteer account at once; hours and counts stay, anonymous."""
    locked = User.objects.select_for_update().filter(pk=getattr(user, "pk", None)).first()
    if locked is None:
        raise ValidationError(ALREADY_ERASED)
    if locked.role != Role.VOLUNTEER or locked.is_superuser:
        raise PermissionDenied(STAFF_ERASED_BY_ADMIN)
    if confirm_email is not None and confirm_email.strip().lower() != locked.email.lower():
        raise ValidationError({"confirm_email": CONFIRMATION_WRONG})
    strings = erasure.personal_strings(locked)
    summary = {"placements_closed": placements_step_out(user=locked, note=ACCOUNT_DELETED_NOTE)}
    walked = collect(locked)
    about = erasure.rows_about(locked, walked)
    summary["records"] = len(walked)
    summary["sessions"] = erasure.user_sessions_delete(locked)
    locked.delete()
    summary["scrubbed"] = erasure.scrub_survivors(walked)
    summary["mentions"] = erasure.erase_mentions(about, strings)
    record = ErasureRecord.objects.create(reason=reason, summary=summary)
    audit.info("account erased (%s): %s", reason, summary)
    return record


# ---------------------------------------------------------------------------
# Retention
# ---------------------------------------------------------------------------
def _inactive_volunteers(cutoff: dt.datetime):
    """Volunteers with no login, placement or hours since `cutoff` and nothing running."""
    live = Placement.objects.filter(volunteer__user=OuterRef("pk"), state__in=LIVE)
    recent_placement = Placement.objects.filter(volunteer__user=OuterRef("pk")).filter(
        Q(created_at__gte=cutoff) | Q(closed_at__gte=cutoff)
    )
    recent_hours = HoursEntry.objects.filter(
        placement__volunteer__user=OuterRef("pk"), date__gte=cutoff.date()
    )
    return (
        User.objects.filter(role=Role.VOLUNTEER, is_superuser=False)
        .filter(Q(last_login__lt=cutoff) | Q(last_login__isnull=True, date_joined__lt=cutoff))
        .exclude(Exists(live) | Exists(recent_placement) | Exists(recent_hours))
    )


@transaction.atomic
def inactive_volunteers_remind(*, now: dt.datetime | None = None) -> int:
    """Tell volunteers inactive for LOTSE_INACTIVE_MONTHS that they will be anonymised."""
    now = now or timezone.now()
    cutoff = now - relativedelta(months=settings.LOTSE_INACTIVE_MONTHS)
    erase_after = now + dt.timedelta(days=settings.LOTSE_INACTIVE_GRACE_DAYS)
    reminded = RetentionReminder.objects.filter(user=OuterRef("pk"), sent_at__gte=cutoff)
    count = 0
    for user in _inactive_volunteers(cutoff).exclude(Exists(reminded)):
        RetentionReminder.objects.create(user=user, sent_at=now, erase_after=erase_after)
        notify(
            recipient=user,
            event="account_inactive",
            context={"erase_after": erase_after.date().isoformat(), "url": "/accounts/login/"},
            dedupe_key=f"account_inactive:{user.pk}:{now.date().isoformat()}",
        )
        count += 1
    return count


def inactive_volunteers_anonymise(*, now: dt.datetime | None = None) -> int:
    """Erase those reminded whose grace period passed without a login or activity."""
    now = now or timezone.now()
    due = RetentionReminder.objects.filter(erase_after__lt=now).values("user", "sent_at")
    latest = {row["user"]: row["sent_at"] for row in due.order_by("user", "sent_at")}
    count = 0
    for user_id, sent_at in latest.items():
        # Still inactive since the reminder? A login or any placement activity saves the account.
        if _inactive_volunteers(sent_at).filter(pk=user_id).exists():
            user = User.objects.get(pk=user_id)
            account_erase(user=user, reason=ErasureRecord.Reason.INACTIVITY)
            count += 1
    return count


@transaction.atomic
def unagreed_proposals_strip(*, now: dt.datetime | None = None) -> int:
    """Proposals that never became a placement lose the person and their words after
    LOTSE_UNAGREED_PROPOSAL_MONTHS; the row stays for the statistics of decisions."""
    now = now or timezone.now()
    cutoff = now - relativedelta(months=settings.LOTSE_UNAGREED_PROPOSAL_MONTHS)
    stale = Placement.objects.filter(
        state__in=(State.REJECTED, State.DECLINED, State.WITHDRAWN),
        activated_at__isnull=True,
        closed_at__lt=cutoff,
    ).filter(Q(volunteer__isnull=False) | ~Q(message="") | ~Q(reason_note=""))
    ids = list(stale.values_list("pk", flat=True))
    PlacementEvent.objects.filter(placement_id__in=ids).update(note="")
    Placement.objects.filter(pk__in=ids).update(
        volunteer=None, message="", reason_note="", explanation=[]
    )
    return len(ids)

"""One service per transition. Each locks the need, the volunteer and the placement (always in
that order, so two services never wait on each other in a cycle), checks role and state on the
locked rows, writes, records the event and queues notifications in the same transaction."""

from collections.abc import Callable

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import User
from lotse.needs.models import Need
from lotse.needs.services import need_sync_status
from lotse.volunteers.models import Volunteer

from ..decisions import score_components_at_decision
from ..errors import PlacementConflict
from ..gates import safeguarding_problems
from ..models import LIVE_STATES, Placement, PlacementDecision, RejectReason, State
from ..rules import Action, check_state, check_transition
from .events import (
    deciding_social_workers,
    facility_context,
    facility_staff,
    notify_all,
    record_event,
    volunteer_user,
)

NEED_FULL = _("All places on this need are taken.")
NEED_NOT_OPEN = _("This need is not open for placements.")
OVERLAPS = _("The volunteer already has an appointment at that time: “%(title)s”.")
VOLUNTEER_GONE = _("The volunteer's profile no longer exists.")
REASON_REQUIRED = _("Please give a reason for the rejection.")
NOTE_REQUIRED_FOR_OTHER = _("Please describe the reason in a few words.")
NEED_CANCELLED = _("need cancelled")
NEED_CANCELLED_CODE = "need_cancelled"  # the audit trail's reason code


def lock(placement: Placement) -> Placement:
    """Lock need → volunteer → placement and return the placement as the database has it now."""
    need = Need.objects.select_for_update().get(pk=placement.need_id)
    volunteer = None
    if placement.volunteer_id is not None:
        volunteer = Volunteer.objects.select_for_update().select_related("user")
        volunteer = volunteer.get(pk=placement.volunteer_id)
    locked = Placement.objects.select_for_update().get(pk=placement.pk)
    locked.need, locked.volunteer = need, volunteer
    return locked


def _save(placement: Placement, fields: list[str]) -> None:
    try:
        with transaction.atomic():
            placement.save(update_fields=[*fields, "state", "updated_at"])
    except IntegrityError as exc:
        # The slot and once-per-volunteer constraints catch what a missed lock would let by.
        raise PlacementConflict(NEED_FULL) from exc


def _step(
    action: str,
    placement: Placement,
    actor: User,
    *,
    before: Callable[[Placement], dict] | None = None,
    reason: str = "",
    note: str = "",
    actor_checked: bool = False,
) -> tuple[Placement, str]:
    """The shared body of every transition; `before` runs on the locked row and adds fields.
    `actor_checked`: the caller has settled that the actor may do this (only the state is
    checked here)."""
    locked = lock(placement)
    if actor_checked:
        target = check_state(action, locked)
    else:
        target = check_transition(action, locked, actor)
    changes = before(locked) if before else {}
    from_state = locked.state
    now = timezone.now()
    if target == State.ACTIVE:
        changes["activated_at"] = now
    elif target != State.PROPOSED:
        changes["closed_at"] = now
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.state = target
    _save(locked, list(changes))
    record_event(
        placement=locked, action=action, from_state=from_state, actor=actor, reason=reason,
        note=note,
    )  # fmt: skip
    return locked, from_state


def _release_slot(placement: Placement) -> dict:
    """Fields that give a held slot back; the need reopens after the save (see callers)."""
    return {"slot": None} if placement.slot is not None else {}


def _check_need_takes_people(need: Need) -> None:
    if need.status == Need.Status.FILLED:
        raise PlacementConflict(NEED_FULL)
    if need.status != Need.Status.OPEN:
        raise PlacementConflict(NEED_NOT_OPEN)


def _check_no_overlap(placement: Placement) -> None:
    """A volunteer is never on two appointments that take place at the same time."""
    others = (
        Placement.objects.filter(
            volunteer_id=placement.volunteer_id,
            slot__isnull=False,
            state__in=Placement.BLOCKING_STATES,
        )
        .exclude(pk=placement.pk)
        .select_related("need")
    )
    mine = placement.schedule
    for other in others:
        if other.schedule.overlaps(mine):
            raise PlacementConflict(OVERLAPS % {"title": other.need.title})


def _free_slot(placement: Placement) -> int:
    need = placement.need
    taken = set(
        Placement.objects.filter(need_id=need.pk, slot__isnull=False).values_list("slot", flat=True)
    )
    for slot in range(1, need.volunteers_needed + 1):
        if slot not in taken:
            return slot
    raise PlacementConflict(NEED_FULL)


def _approval_fields(actor: User) -> Callable[[Placement], dict]:
    def before(placement: Placement) -> dict:
        if placement.volunteer is None:
            raise PlacementConflict(VOLUNTEER_GONE)
        _check_need_takes_people(placement.need)
        problems = safeguarding_problems(need=placement.need, volunteer=placement.volunteer)
        if problems:
            raise ValidationError(problems, code="safeguarding")
        _check_no_overlap(placement)
        return {"approved_at": timezone.now(), "approved_by": actor, "slot": _free_slot(placement)}

    return before


def _record_decision(placement: Placement, actor: User, approved: bool, reason: str = "") -> None:
    components = {}
    if placement.volunteer is not None:
        components = score_components_at_decision(
            need=placement.need, volunteer=placement.volunteer
        )
    PlacementDecision.objects.create(
        placement=placement, approved=approved, components=components, reason=reason,
        decided_by=actor,
    )  # fmt: skip


@transaction.atomic
def placement_approve(*, placement: Placement, actor: User, reason: str | None = None) -> Placement:
    """A social worker says yes; active at once if the volunteer has already accepted."""
    placement, _from = _step(
        Action.APPROVE, placement, actor, before=_approval_fields(actor), note=reason or ""
    )
    _record_decision(placement, actor, approved=True)
    need_sync_status(need=placement.need)
    recipients = volunteer_user(placement)
    if placement.state == State.ACTIVE:
        recipients += facility_staff(placement)
    notify_all(
        placement=placement,
        event="placement_approved",
        recipients=recipients,
        actor=actor,
        extra=facility_context(placement),
    )
    return placement


def reject_reason_from(reason: str | None, note: str = "") -> tuple[str, str]:
    """A code from the list, with a note for “other”; free text alone counts as “other”."""
    reason, note = (reason or "").strip(), (note or "").strip()
    if not reason:
        raise ValidationError({"reason": REASON_REQUIRED})
    if reason not in RejectReason.values:
        return RejectReason.OTHER, reason
    if reason == RejectReason.OTHER and not note:
        raise ValidationError({"note": NOTE_REQUIRED_FOR_OTHER})
    return reason, note


@transaction.atomic
def placement_reject(
    *, placement: Placement, actor: User, reason: str | None = None, note: str = ""
) -> Placement:
    code, note = reject_reason_from(reason, note)
    placement, _from = _step(
        Action.REJECT,
        placement,
        actor,
        before=lambda p: {"reject_reason": code, "reason_note": note},
        reason=code,
        note=note,
    )
    _record_decision(placement, actor, approved=False, reason=code)
    notify_all(
        placement=placement,
        event="placement_rejected",
        recipients=volunteer_user(placement),
        actor=actor,
        reason=str(RejectReason(code).label),
    )
    return placement


@transaction.atomic
def placement_accept(*, placement: Placement, actor: User, reason: str | None = None) -> Placement:
    """The volunteer says yes; active at once if a social worker has already approved."""
    placement, _from = _step(
        Action.ACCEPT,
        placement,
        actor,
        before=lambda p: {"accepted_at": timezone.now()},
        note=reason or "",
    )
    recipients = deciding_social_workers(placement)
    if placement.state == State.ACTIVE:
        recipients += facility_staff(placement)
    notify_all(placement=placement, event="placement_accepted", recipients=recipients, actor=actor)
    return placement


CLOSING_EVENTS = {
    Action.DECLINE: "placement_declined",
    Action.WITHDRAW: "placement_withdrawn",
    Action.COMPLETE: "placement_ended",
    Action.END: "placement_ended",
}


def _close(
    action: str,
    placement: Placement,
    actor: User | None,
    reason: str | None,
    *,
    need_cancelled: bool = False,
) -> Placement:
    """End a placement's life, give back its slot (unless done as planned), tell the others."""
    note = (reason or "").strip()

    def before(locked: Placement) -> dict:
        keeps_slot = action == Action.COMPLETE  # the need was served: its slot stays used
        return {**({} if keeps_slot else _release_slot(locked)), "reason_note": note}

    placement, from_state = _step(
        action, placement, actor, before=before, note=note,
        reason=NEED_CANCELLED_CODE if need_cancelled else "", actor_checked=need_cancelled,
    )  # fmt: skip
    need_sync_status(need=placement.need)
    recipients = volunteer_user(placement) + deciding_social_workers(placement)
    if from_state == State.ACTIVE:
        recipients += facility_staff(placement)
    notify_all(
        placement=placement,
        event=CLOSING_EVENTS[action],
        recipients=recipients,
        actor=actor,
        reason=note,
        # The templates say it in the recipient's language; `reason` is the actor's.
        extra={"need_cancelled": True} if need_cancelled else None,
    )
    return placement


@transaction.atomic
def placement_decline(*, placement: Placement, actor: User, reason: str | None = None) -> Placement:
    """The volunteer says no to a proposal (before having accepted it)."""
    return _close(Action.DECLINE, placement, actor, reason)


@transaction.atomic
def placement_withdraw(
    *, placement: Placement, actor: User, reason: str | None = None
) -> Placement:
    """Either side takes the placement back before it has started."""
    return _close(Action.WITHDRAW, placement, actor, reason)


@transaction.atomic
def placement_complete(
    *, placement: Placement, actor: User, reason: str | None = None
) -> Placement:
    """Done as planned (facility side); hours can still be logged afterwards."""
    return _close(Action.COMPLETE, placement, actor, reason)


@transaction.atomic
def placement_end(*, placement: Placement, actor: User, reason: str | None = None) -> Placement:
    """Either side ends a running placement early; its slot is free for someone else."""
    return _close(Action.END, placement, actor, reason)


@transaction.atomic
def placements_close_for_cancelled_need(*, need: Need, actor: User | None) -> list[Placement]:
    """Wind down the placements of a need being cancelled: withdraw those not yet started
    (proposed, or active before the first appointment), end the running ones early, each with
    the reason "need cancelled", an audit event and notifications.

    The needs service has checked that `actor` may cancel the need, which covers its
    placements, and holds the need's lock: no transition of these placements can interleave.
    """
    live = Placement.objects.filter(need_id=need.pk, state__in=LIVE_STATES).select_related("need")
    closed = []
    for placement in live.order_by("pk"):
        running = placement.state == State.ACTIVE and placement.has_started()
        action = Action.END if running else Action.WITHDRAW
        closed.append(_close(action, placement, actor, str(NEED_CANCELLED), need_cancelled=True))
    return closed


TRANSITIONS: dict[str, Callable[..., Placement]] = {
    Action.ACCEPT: placement_accept,
    Action.DECLINE: placement_decline,
    Action.APPROVE: placement_approve,
    Action.REJECT: placement_reject,
    Action.WITHDRAW: placement_withdraw,
    Action.COMPLETE: placement_complete,
    Action.END: placement_end,
}


def placement_transition(
    *, action: str, placement: Placement, actor: User, reason: str | None = None, note: str = ""
) -> Placement:
    """Dispatch by action name, for pages and the API that take the action from the URL."""
    if action not in TRANSITIONS:
        raise PermissionDenied(_("Unknown action."))
    if action == Action.REJECT:
        return placement_reject(placement=placement, actor=actor, reason=reason, note=note)
    return TRANSITIONS[action](placement=placement, actor=actor, reason=reason)

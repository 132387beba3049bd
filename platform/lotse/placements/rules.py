"""The state machine: which side may take which action from which state, and where it leads.

Services call `check_transition` after locking the rows; pages call `allowed_actions` to show
only the buttons that would work. One table, so the two cannot drift apart.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import User
from lotse.core.errors import MFA_REQUIRED_MESSAGE

from .errors import PlacementConflict
from .models import Placement, State
from .roles import (
    is_deciding_social_worker,
    is_own_volunteer,
    is_staff_side,
)


class Action(models.TextChoices):
    ACCEPT = "accept", _("accept")
    DECLINE = "decline", _("decline")
    APPROVE = "approve", _("approve")
    REJECT = "reject", _("reject")
    WITHDRAW = "withdraw", _("withdraw")
    COMPLETE = "complete", _("complete")
    END = "end", _("end early")


ONLY_THE_VOLUNTEER = _("Only the volunteer of this placement can do this.")
ONLY_SOCIAL_WORKERS = _(
    "Only a social worker of the organisation that runs the facility can decide on this placement."
)
ONLY_THE_PARTIES = _("Only the volunteer or the facility's side can do this.")
ONLY_STAFF_SIDE = _("Only the facility's social workers and staff can do this.")
NOT_OPEN = _("This placement is no longer open: it is %(state)s.")
ALREADY_ACCEPTED = _("The volunteer has already accepted; withdraw instead.")
ALREADY_APPROVED = _("This placement has already been approved.")
ALREADY_STARTED = _("This placement has already started; end it instead.")
NOT_STARTED = _("This placement has not started yet; withdraw it instead.")
NOT_ACTIVE = _("Only an active placement can be ended: it is %(state)s.")


def _volunteer(user, placement):
    return is_own_volunteer(user, placement)


def _social_worker(user, placement):
    return is_deciding_social_worker(user, placement)


def _either_party(user, placement):
    return is_own_volunteer(user, placement) or is_deciding_social_worker(user, placement)


def _any_party(user, placement):
    return is_own_volunteer(user, placement) or is_staff_side(user, placement)


def _state_error(message, placement: Placement) -> PlacementConflict:
    return PlacementConflict(message % {"state": placement.get_state_display()})


def _open_for_volunteer(p: Placement, now) -> PlacementConflict | None:
    if p.state != State.PROPOSED:
        return _state_error(NOT_OPEN, p)
    return PlacementConflict(ALREADY_ACCEPTED) if p.accepted_at else None


def _open_for_decision(p: Placement, now) -> PlacementConflict | None:
    if p.state != State.PROPOSED:
        return _state_error(NOT_OPEN, p)
    return PlacementConflict(ALREADY_APPROVED) if p.approved_at else None


def _not_started(p: Placement, now) -> PlacementConflict | None:
    if p.state == State.PROPOSED:
        return None
    if p.state == State.ACTIVE:
        return PlacementConflict(ALREADY_STARTED) if p.has_started(now) else None
    return _state_error(NOT_OPEN, p)


def _running(p: Placement, now) -> PlacementConflict | None:
    if p.state != State.ACTIVE:
        return _state_error(NOT_ACTIVE, p)
    return None if p.has_started(now) else PlacementConflict(NOT_STARTED)


def _after_accept(p: Placement) -> str:
    return State.ACTIVE if p.approved_at else State.PROPOSED


def _after_approve(p: Placement) -> str:
    return State.ACTIVE if p.accepted_at else State.PROPOSED


@dataclass(frozen=True)
class Rule:
    who: Callable[[User, Placement], bool]
    refused: str
    staff_only: bool  # staff must have TOTP before the action counts
    state_problem: Callable[[Placement, object], PlacementConflict | None]
    leads_to: Callable[[Placement], str]


RULES: dict[str, Rule] = {
    Action.ACCEPT: Rule(_volunteer, ONLY_THE_VOLUNTEER, False, _open_for_volunteer, _after_accept),
    Action.DECLINE: Rule(
        _volunteer, ONLY_THE_VOLUNTEER, False, _open_for_volunteer, lambda p: State.DECLINED
    ),
    Action.APPROVE: Rule(
        _social_worker, ONLY_SOCIAL_WORKERS, True, _open_for_decision, _after_approve
    ),
    Action.REJECT: Rule(
        _social_worker, ONLY_SOCIAL_WORKERS, True, _open_for_decision, lambda p: State.REJECTED
    ),
    Action.WITHDRAW: Rule(
        _either_party, ONLY_THE_PARTIES, True, _not_started, lambda p: State.WITHDRAWN
    ),
    Action.COMPLETE: Rule(
        is_staff_side, ONLY_STAFF_SIDE, True, _running, lambda p: State.COMPLETED
    ),
    Action.END: Rule(_any_party, ONLY_THE_PARTIES, True, _running, lambda p: State.ENDED_EARLY),
}


def check_transition(action: str, placement: Placement, actor: User, now=None) -> str:
    """Raise PermissionDenied (wrong person) or PlacementConflict (wrong state); else the target."""
    rule = RULES[action]
    if not rule.who(actor, placement):
        raise PermissionDenied(rule.refused)
    if rule.staff_only and actor.is_staff_role and not actor.has_mfa():
        raise PermissionDenied(MFA_REQUIRED_MESSAGE)
    return check_state(action, placement, now)


def check_state(action: str, placement: Placement, now=None) -> str:
    """Raise PlacementConflict if the placement's state forbids `action`; else the target.
    Alone only where the caller has settled who may act (a need's cancellation)."""
    rule = RULES[action]
    problem = rule.state_problem(placement, now)
    if problem is not None:
        raise problem
    return rule.leads_to(placement)


def allowed_actions(placement: Placement, user: User, now=None) -> list[str]:
    allowed = []
    for action in RULES:
        try:
            check_transition(action, placement, user, now)
        except (PermissionDenied, PlacementConflict):
            continue
        allowed.append(action)
    return allowed

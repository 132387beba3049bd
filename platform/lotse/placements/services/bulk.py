"""Bulk decisions from the queue: each placement in its own transaction, so one refusal
(a full need, a safeguarding gate) does not undo the others."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import User

from ..errors import PlacementConflict
from ..models import Placement
from ..rules import Action
from .transitions import placement_approve, placement_reject, reject_reason_from

BULK_ACTIONS_ONLY = _("Only approve and reject can be done for several placements at once.")


@dataclass
class BulkResult:
    done: list[Placement] = field(default_factory=list)
    refused: list[tuple[Placement, str]] = field(default_factory=list)


def _message(exc: Exception) -> str:
    if isinstance(exc, ValidationError):
        return " ".join(exc.messages)
    return str(exc)


def placements_decide_bulk(
    *,
    placements: Iterable[Placement],
    actor: User,
    action: str,
    reason: str | None = None,
    note: str = "",
) -> BulkResult:
    """Approve or reject many placements; returns what was done and why the rest was refused."""
    if action not in (Action.APPROVE, Action.REJECT):
        raise ValidationError({"action": BULK_ACTIONS_ONLY})
    if action == Action.REJECT:
        reject_reason_from(reason, note)  # refuse a missing reason once, not per placement
    result = BulkResult()
    for placement in placements:
        try:
            if action == Action.APPROVE:
                done = placement_approve(placement=placement, actor=actor)
            else:
                done = placement_reject(placement=placement, actor=actor, reason=reason, note=note)
        except (PermissionDenied, PlacementConflict, ValidationError) as exc:
            result.refused.append((placement, _message(exc)))
        else:
            result.done.append(done)
    return result

"""A short word from each side once a placement is over."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import User

from ..errors import PlacementConflict
from ..models import Placement, PlacementFeedback, Side, State
from ..roles import is_own_volunteer, is_staff_side

FEEDBACK_NOT_YET = _("Feedback can be given once the placement is over.")
FEEDBACK_GIVEN = _("Your side has already given feedback.")
FEEDBACK_EMPTY = _("Please write a few words.")
FEEDBACK_TOO_LONG = _("Please keep it short (at most 500 characters).")
ONLY_THE_PARTIES_FEEDBACK = _("Only the volunteer or the facility's side can give feedback.")


@transaction.atomic
def placement_feedback_give(*, placement: Placement, actor: User, text: str) -> PlacementFeedback:
    if is_own_volunteer(actor, placement):
        side = Side.VOLUNTEER
    elif is_staff_side(actor, placement):
        side = Side.STAFF
    else:
        raise PermissionDenied(ONLY_THE_PARTIES_FEEDBACK)
    placement = Placement.objects.select_for_update().get(pk=placement.pk)
    if placement.state not in (State.COMPLETED, State.ENDED_EARLY):
        raise PlacementConflict(FEEDBACK_NOT_YET)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": FEEDBACK_EMPTY})
    if len(text) > 500:
        raise ValidationError({"text": FEEDBACK_TOO_LONG})
    try:
        with transaction.atomic():
            return PlacementFeedback.objects.create(
                placement=placement, side=side, text=text, author=actor
            )
    except IntegrityError as exc:
        raise PlacementConflict(FEEDBACK_GIVEN) from exc

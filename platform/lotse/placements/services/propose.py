"""The two ways in: a social worker proposes (also from a global-run suggestion), or a
volunteer offers to help. Either way the placement starts as proposed."""

from collections.abc import Sequence

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import Role, User
from lotse.core.errors import MFA_REQUIRED_MESSAGE
from lotse.needs.models import Need
from lotse.volunteers.models import Volunteer

from ..decisions import score_components_at_decision
from ..errors import PlacementConflict
from ..models import LIVE_STATES, Origin, Placement
from .events import deciding_social_workers, notify_all, record_event, volunteer_user
from .transitions import _check_need_takes_people

ONLY_YOURSELF = _("Volunteers can offer only themselves.")
NOT_YOUR_NEED = _(
    "Only social workers of the organisation that runs the facility can propose volunteers."
)
ALREADY_PROPOSED = _("This volunteer is already proposed for this need.")


def _deciding_organisation_id(need: Need) -> int:
    return need.facility.organisation_id if need.facility_id else need.organisation_id


def _origin_for(actor: User, need: Need, volunteer: Volunteer, origin: str | None) -> str:
    if actor.role == Role.VOLUNTEER:
        if volunteer.user_id != actor.pk:
            raise PermissionDenied(ONLY_YOURSELF)
        return Origin.VOLUNTEER
    if actor.role != Role.SOCIAL_WORKER or actor.organisation_id != _deciding_organisation_id(need):
        raise PermissionDenied(NOT_YOUR_NEED)
    if not actor.has_mfa():
        raise PermissionDenied(MFA_REQUIRED_MESSAGE)
    return Origin.GLOBAL_RUN if origin == Origin.GLOBAL_RUN else Origin.SOCIAL_WORKER


@transaction.atomic
def placement_propose(
    *,
    need: Need,
    volunteer: Volunteer,
    actor: User,
    origin: str | None = None,
    message: str = "",
    reasons: Sequence[str] = (),
) -> Placement:
    """Create a proposed placement; a volunteer's own offer counts as their yes already."""
    origin = _origin_for(actor, need, volunteer, origin)
    need = Need.objects.select_for_update().get(pk=need.pk)
    volunteer = Volunteer.objects.select_for_update().select_related("user").get(pk=volunteer.pk)
    _check_need_takes_people(need)
    if Placement.objects.filter(need=need, volunteer=volunteer, state__in=LIVE_STATES).exists():
        raise PlacementConflict(ALREADY_PROPOSED)
    placement = Placement(
        need=need,
        volunteer=volunteer,
        origin=origin,
        proposed_by=actor,
        message=message.strip() if origin == Origin.VOLUNTEER else "",
        explanation={
            "reasons": [str(r) for r in reasons],
            "components": score_components_at_decision(need=need, volunteer=volunteer),
        },
        accepted_at=timezone.now() if origin == Origin.VOLUNTEER else None,
    )
    try:
        with transaction.atomic():
            placement.save()
    except IntegrityError as exc:
        raise PlacementConflict(ALREADY_PROPOSED) from exc
    record_event(placement=placement, action="propose", from_state="", actor=actor)
    recipients = (
        deciding_social_workers(placement)
        if origin == Origin.VOLUNTEER
        else volunteer_user(placement)
    )
    notify_all(placement=placement, event="placement_proposed", recipients=recipients, actor=actor)
    return placement

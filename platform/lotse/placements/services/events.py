"""Audit trail and notifications for one transition, written in the caller's transaction."""

from django.db.models import Q

from lotse.accounts.models import Role, User
from notifications.services import notify

from ..models import Placement, PlacementEvent
from ..selectors import facility_contact_for_volunteer


def record_event(
    *, placement: Placement, action: str, from_state: str, actor: User | None, reason="", note=""
) -> PlacementEvent:
    return PlacementEvent.objects.create(
        placement=placement,
        action=action,
        from_state=from_state,
        to_state=placement.state,
        actor=actor,
        actor_role=actor.role if actor is not None else "system",
        reason=reason,
        note=note,
    )


def deciding_social_workers(placement: Placement) -> list[User]:
    """The need's creator and the social workers assigned to its facility (or who approved)."""
    need = placement.need
    wanted = Q(pk=need.created_by_id) | Q(pk=placement.approved_by_id)
    if need.facility_id:
        wanted |= Q(facilities=need.facility_id)
    return list(
        User.objects.filter(
            wanted,
            role=Role.SOCIAL_WORKER,
            organisation_id=placement.organisation_id,
            is_active=True,
        ).distinct()
    )


def facility_staff(placement: Placement) -> list[User]:
    if not placement.need.facility_id:
        return []
    return list(
        User.objects.filter(
            role=Role.FACILITY_STAFF, facilities=placement.need.facility_id, is_active=True
        )
    )


def volunteer_user(placement: Placement) -> list[User]:
    return [placement.volunteer.user] if placement.volunteer_id else []


def facility_context(placement: Placement) -> dict:
    """Where to go and whom to call, for the volunteer's approval message: the same facts the
    placement page shows them, and nothing before a social worker has approved (facility data
    only, never the volunteer's)."""
    contact = facility_contact_for_volunteer(placement)
    if contact is None:
        return {}
    people = contact.get("contact_persons") or []
    return {
        "contact_person": ", ".join(people) or contact["social_worker"],
        "contact_phone": contact.get("phone", ""),
        "address": contact.get("address", ""),
        "consultation_hours": contact.get("consultation_hours", ""),
        "social_worker": contact["social_worker"],
        "social_worker_email": contact["social_worker_email"],
    }


def notify_all(
    *,
    placement: Placement,
    event: str,
    recipients,
    actor: User | None,
    reason: str = "",
    extra: dict | None = None,
) -> None:
    """One outbox row per recipient (never the actor), idempotent per placement and event."""
    need = placement.need
    context = {
        "placement": placement.pk,
        "need": need.pk,
        "need_title": need.title,
        "place": need.facility.name if need.facility_id else need.neighbourhood.name,
        "state": placement.state,
        "actor_role": actor.role if actor is not None else "system",
        "reason": reason,
        **(extra or {}),
    }
    verb = event.removeprefix("placement_")
    seen = set()
    for user in recipients:
        if user.pk in seen or (actor is not None and user.pk == actor.pk):
            continue
        seen.add(user.pk)
        notify(
            recipient=user,
            event=event,
            context=context,
            dedupe_key=f"placement:{placement.pk}:{verb}:{user.pk}",
        )

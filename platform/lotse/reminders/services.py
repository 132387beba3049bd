"""Writes: staff message everyone placed on a need."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import User
from lotse.needs.models import Need
from lotse.needs.selectors import needs_editable_by
from notifications.services import notify

from .models import NeedMessage
from .selectors import place_name, placed_users

NOT_YOUR_NEED = _("You cannot send messages about this need.")
NOBODY_PLACED = _("Nobody is placed on this need yet.")
SUBJECT_REQUIRED = _("Please write a subject.")
BODY_REQUIRED = _("Please write a message.")


def _check(actor: User, need: Need, subject: str, body: str) -> None:
    if not needs_editable_by(actor).filter(pk=need.pk).exists():
        raise PermissionDenied(NOT_YOUR_NEED)
    errors = {}
    if not subject.strip():
        errors["subject"] = SUBJECT_REQUIRED
    if not body.strip():
        errors["body"] = BODY_REQUIRED
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def need_message_send(*, need: Need, actor: User, subject: str, body: str) -> NeedMessage:
    """Message every volunteer with an active placement on the need (in-app and as they chose)."""
    _check(actor, need, subject, body)
    recipients = list(placed_users(need))
    if not recipients:
        raise ValidationError(NOBODY_PLACED)
    message = NeedMessage(need=need, sender=actor, subject=subject.strip(), body=body.strip())
    message.full_clean(exclude=["need", "sender"])
    message.recipient_count = len(recipients)
    message.save()
    context = {
        "need_title": need.title,
        "place": place_name(need),
        "sender_name": actor.display_name,
        "subject": message.subject,
        "message": message.body,
    }
    for user in recipients:
        notify(
            recipient=user,
            event="need_message",
            context=context,
            dedupe_key=f"need_message:{message.pk}:{user.pk}",
        )
    return message

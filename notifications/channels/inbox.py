from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .base import Channel


class InboxChannel(Channel):
    """The in-app inbox: every notification lands here, whatever else the user chose."""

    name = "inbox"
    label = _("Inbox")

    def available_for(self, recipient, preference) -> bool:
        return True

    def send(self, *, notification, message, preference) -> None:
        notification.inbox_at = notification.inbox_at or timezone.now()

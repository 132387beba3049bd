"""Text messages: the channel asks a backend; the logging backend stands in for a provider."""

import logging

from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from .. import conf
from .base import Channel

log = logging.getLogger("notifications.sms")

SMS_MAX_LENGTH = 160


class SmsBackend:
    """A provider implements send(); it raises TemporaryFailure or PermanentFailure."""

    def send(self, *, to: str, text: str) -> None:
        raise NotImplementedError


class LoggingSmsBackend(SmsBackend):
    """Logs instead of sending (no provider contracted yet); the number is partly masked."""

    def send(self, *, to: str, text: str) -> None:
        log.info("SMS to %s: %s", mask(to), text)


def mask(number: str) -> str:
    return "…" + number[-3:] if len(number) > 3 else "…"


class SmsChannel(Channel):
    name = "sms"
    label = _("Text message (SMS)")

    def available_for(self, recipient, preference) -> bool:
        return bool(preference is not None and preference.sms_number)

    def send(self, *, notification, message, preference) -> None:
        backend = import_string(conf.sms_backend())()
        text = message.short
        if len(text) > SMS_MAX_LENGTH:
            text = text[: SMS_MAX_LENGTH - 1] + "…"
        backend.send(to=preference.sms_number, text=text)

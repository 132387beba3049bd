"""One class per channel; the inbox is always used, e-mail and SMS as the user chose."""

from .base import Channel, PermanentFailure, TemporaryFailure
from .email import EmailChannel
from .inbox import InboxChannel
from .sms import SmsChannel

CHANNELS: dict[str, Channel] = {
    channel.name: channel for channel in (InboxChannel(), EmailChannel(), SmsChannel())
}
# The channels a user may switch on or off per event kind.
CHOOSABLE = ("email", "sms")

__all__ = ["CHANNELS", "CHOOSABLE", "Channel", "PermanentFailure", "TemporaryFailure"]

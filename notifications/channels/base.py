"""What every channel does: say whether it can reach a recipient, and send one message."""

from django.utils.functional import Promise


class TemporaryFailure(Exception):
    """Worth another attempt later (server busy, connection refused, 4xx)."""


class PermanentFailure(Exception):
    """Another attempt cannot help (address refused, 5xx)."""


class Channel:
    name: str = ""
    label: str | Promise = ""

    def available_for(self, recipient, preference) -> bool:
        raise NotImplementedError

    def send(self, *, notification, message, preference) -> None:
        """Deliver or raise TemporaryFailure / PermanentFailure."""
        raise NotImplementedError

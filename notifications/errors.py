"""Errors a caller of notify() can cause; all are ValueErrors with a message naming the cause."""


class NotificationError(ValueError):
    pass


class UnknownEvent(NotificationError):
    """The event kind is not registered."""


class RecipientGone(NotificationError):
    """The recipient was deleted or deactivated."""


class InvalidContext(NotificationError):
    """The context is not a JSON object, or uses a name the templates reserve."""


class DedupeConflict(NotificationError):
    """The dedupe key was used before for a different payload."""


class MissingTemplateVariable(NotificationError):
    """A template used a variable the context does not have (raised in strict mode)."""

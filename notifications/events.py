"""The event kinds the platform may emit; each has templates under templates/notifications/."""

PLACEMENT_EVENTS = (
    "placement_proposed",
    "placement_accepted",
    "placement_declined",
    "placement_approved",
    "placement_rejected",
    "placement_withdrawn",
    "placement_ended",
)
OTHER_EVENTS = (
    "appointment_reminder",
    "opportunities_digest",
    "certificate_expiring",
    "certificate_expired",
    "decision_overdue",
    "need_unfilled",
    "need_message",
    "concern_raised",
    "concern_overdue",
    "account_invitation",
)
EVENT_KINDS = frozenset(PLACEMENT_EVENTS + OTHER_EVENTS)


class UnknownEvent(ValueError):
    pass


def check_event(kind: str) -> None:
    if kind not in EVENT_KINDS:
        raise UnknownEvent(f"unknown notification event: {kind!r}")

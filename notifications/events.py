"""The event kinds the platform may emit; each has a template notifications/events/<kind>.txt.

A platform app adds a kind with `register_event(...)` in its AppConfig.ready() and ships the
template in its own templates/notifications/events/ folder (see docs/notifications.md).
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from .errors import UnknownEvent

VOLUNTEER = "volunteer"
STAFF = ("social_worker", "facility_staff", "coordinator", "admin")


@dataclass(frozen=True)
class EventKind:
    kind: str
    label: str
    # Roles that receive this kind (empty: everyone); the preferences page lists only these.
    audience: tuple[str, ...] = ()
    # Channels besides the inbox (which always keeps a copy) when the user chose nothing.
    default_channels: tuple[str, ...] = ("email",)
    # A context that renders the template: documents what callers pass.
    example: dict = field(default_factory=dict)

    def is_for(self, role: str | None) -> bool:
        return not self.audience or role in self.audience


_PLACE = {"need_title": "Hausaufgabenhilfe", "place": "A1 Kinderhaus"}
_REGISTRY: dict[str, EventKind] = {}

__all__ = [
    "EVENT_KINDS",
    "EventKind",
    "UnknownEvent",
    "all_events",
    "check_event",
    "register_event",
]


def register_event(
    kind: str,
    *,
    label: str,
    audience: tuple[str, ...] = (),
    default_channels: tuple[str, ...] = ("email",),
    example: dict | None = None,
) -> EventKind:
    """Add an event kind (idempotent for the same kind); its template must exist."""
    if not kind.isidentifier() or len(kind) > 40:
        raise ValueError(f"event kind must be an identifier of at most 40 characters: {kind!r}")
    event = EventKind(kind, label, tuple(audience), tuple(default_channels), dict(example or {}))
    _REGISTRY[kind] = event
    return event


def get_event(kind: str) -> EventKind:
    try:
        return _REGISTRY[kind]
    except (KeyError, TypeError):
        raise UnknownEvent(f"unknown notification event: {kind!r}") from None


def check_event(kind: str) -> None:
    get_event(kind)


def all_events() -> list[EventKind]:
    return list(_REGISTRY.values())


def _placement(kind: str, label: str, audience=(), **extra) -> None:
    register_event(kind, label=label, audience=audience, example={**_PLACE, **extra})


_placement("placement_proposed", _("A placement was proposed"))
_placement("placement_accepted", _("A volunteer accepted a placement"), STAFF)
_placement("placement_declined", _("A volunteer declined a placement"), STAFF)
_placement(
    "placement_approved",
    _("A placement was approved"),
    (VOLUNTEER, *STAFF),
    contact_person="Frau Beispiel",
    contact_phone="0251 123456",
    address="Teststraße 1, 48159 Münster",
    consultation_hours="mon 09:00-12:00",
    social_worker="Alice B.",
    social_worker_email="alice@example.org",
)
_placement("placement_rejected", _("A placement was rejected"), reason="language")
_placement("placement_withdrawn", _("A placement was withdrawn"))
_placement("placement_ended", _("A placement ended"))
register_event(
    "appointment_reminder",
    label=_("Reminder the day before an appointment"),
    audience=(VOLUNTEER,),
    example={**_PLACE, "starts_at": "2026-12-03T09:00:00+01:00", "address": "Teststraße 1"},
)
register_event(
    "opportunities_digest",
    label=_("New opportunities near me (digest)"),
    audience=(VOLUNTEER,),
    example={
        "opportunities": [
            {"title": "Sprachcafé", "place": "Coerde", "distance_km": 2.5, "schedule": "…"}
        ],
        "days": 7,
    },
)
register_event(
    "certificate_expiring",
    label=_("My certificate of conduct is about to expire"),
    audience=(VOLUNTEER,),
    example={"valid_until": "2027-01-31", "days_left": 30},
)
register_event(
    "certificate_expired",
    label=_("My certificate of conduct has expired"),
    audience=(VOLUNTEER,),
    example={"valid_until": "2026-12-01"},
)
register_event(
    "decision_overdue",
    label=_("A placement waits for a decision"),
    audience=STAFF,
    example={"need_title": "Hausaufgabenhilfe", "waiting_since": "2026-11-20T10:00:00+01:00"},
)
register_event(
    "decision_escalated",
    label=_("Decisions overdue in my district"),
    audience=STAFF,
    example={**_PLACE, "district": "Nord", "waiting_days": 7},
)
register_event(
    "need_unfilled",
    label=_("A need is still unfilled shortly before its date"),
    audience=STAFF,
    example={**_PLACE, "starts_on": "2026-12-03", "open_slots": 2},
)
register_event(
    "need_message",
    label=_("Messages from staff about my placements"),
    audience=(VOLUNTEER,),
    example={**_PLACE, "sender_name": "Alice B.", "subject": "Raumänderung", "message": "…"},
)
_CONCERN = {"facility": "A1 Kinderhaus", "due": "2026-12-03T09:00:00+01:00", "url": "/concerns/1/"}
register_event("concern_raised", label=_("A concern was raised"), audience=STAFF, example=_CONCERN)
register_event(
    "concern_overdue", label=_("A concern waits for an answer"), audience=STAFF, example=_CONCERN
)
register_event(
    "account_invitation",
    label=_("Invitation to my account"),
    example={"first_name": "Vera", "set_password_path": "/set-password/abc/def/"},
)

PLACEMENT_EVENTS = tuple(k for k in _REGISTRY if k.startswith("placement_"))
OTHER_EVENTS = tuple(k for k in _REGISTRY if not k.startswith("placement_"))
# The built-in kinds; use all_events()/check_event() to include kinds that apps registered.
EVENT_KINDS = frozenset(_REGISTRY)

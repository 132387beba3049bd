"""Placements: a volunteer on a need, agreed by the volunteer and approved by a social worker."""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.errors import AppendOnlyError
from matching.timeslots import Schedule, parse_schedule


class State(models.TextChoices):
    PROPOSED = "proposed", _("proposed")
    ACTIVE = "active", _("active")
    DECLINED = "declined", _("declined by the volunteer")
    REJECTED = "rejected", _("rejected")
    WITHDRAWN = "withdrawn", _("withdrawn")
    COMPLETED = "completed", _("completed")
    ENDED_EARLY = "ended_early", _("ended early")


# States in which a placement with `approved_at` set holds one of the need's slots.
SLOT_STATES = (State.PROPOSED, State.ACTIVE, State.COMPLETED)
# States from which the placement can still change hands (one per need and volunteer).
LIVE_STATES = (State.PROPOSED, State.ACTIVE)
# States in which both sides have said yes: contact data flow, hours can be logged.
AGREED_STATES = (State.ACTIVE, State.COMPLETED, State.ENDED_EARLY)


class Origin(models.TextChoices):
    SOCIAL_WORKER = "social_worker", _("proposed by a social worker")
    VOLUNTEER = "volunteer", _("volunteer offered to help")
    GLOBAL_RUN = "global_run", _("suggested by the matching run")


class RejectReason(models.TextChoices):
    LANGUAGE = "language", _("language")
    DISTANCE = "distance", _("distance")
    AVAILABILITY = "availability", _("availability")
    SAFEGUARDING = "safeguarding", _("safeguarding")
    ENOUGH_HELP = "enough_help", _("already enough help")
    OTHER = "other", _("other")


class Placement(models.Model):
    """A volunteer on a need. Active only once the volunteer accepted and a social worker
    approved, in either order; `accepted_at` and `approved_at` say who has said yes so far."""

    State = State
    # Read by the matching side: placements that keep a volunteer busy, and those that count.
    BLOCKING_STATES = LIVE_STATES
    COUNTED_STATES = AGREED_STATES
    SLOT_STATES = SLOT_STATES

    need = models.ForeignKey(
        "needs.Need", verbose_name=_("need"), on_delete=models.PROTECT, related_name="placements"
    )
    # SET_NULL: erasing a volunteer keeps the anonymous placement for the aggregates.
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name=_("volunteer"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="placements",
    )
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.PROPOSED, db_index=True
    )
    origin = models.CharField(_("origin"), max_length=16, choices=Origin.choices)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("message from the volunteer"), max_length=1000, blank=True)
    explanation = models.JSONField(_("why this candidate"), default=list, blank=True)
    accepted_at = models.DateTimeField(_("accepted by the volunteer"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    activated_at = models.DateTimeField(_("active since"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    slot = models.PositiveSmallIntegerField(_("slot"), null=True, blank=True)
    reject_reason = models.CharField(
        _("reason for rejection"), max_length=16, choices=RejectReason.choices, blank=True
    )
    reason_note = models.TextField(_("reason"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("placement")
        verbose_name_plural = _("placements")
        ordering = ["-created_at"]
        constraints = [
            # The database backs the capacity rule: each of a need's slots is held once.
            models.UniqueConstraint(
                fields=["need", "slot"], condition=Q(slot__isnull=False), name="placement_slot_once"
            ),
            models.CheckConstraint(
                condition=Q(slot__isnull=True)
                | (Q(slot__gte=1) & Q(approved_at__isnull=False) & Q(state__in=SLOT_STATES)),
                name="placement_slot_only_when_approved",
            ),
            models.UniqueConstraint(
                fields=["need", "volunteer"],
                condition=Q(state__in=LIVE_STATES),
                name="placement_live_once_per_volunteer",
            ),
            models.CheckConstraint(
                condition=~Q(state=State.ACTIVE)
                | (Q(accepted_at__isnull=False) & Q(approved_at__isnull=False)),
                name="placement_active_needs_both_yes",
            ),
            models.CheckConstraint(
                condition=~Q(state=State.REJECTED) & Q(reject_reason="")
                | Q(state=State.REJECTED) & ~Q(reject_reason=""),
                name="placement_reject_reason_iff_rejected",
            ),
        ]
        indexes = [
            models.Index(fields=["need", "state"]),
            # The dashboard: a need's first approval (days to fill) and placements made per day.
            models.Index(fields=["need", "approved_at"], name="placement_need_approved"),
            models.Index(fields=["activated_at"], name="placement_activated_at"),
        ]

    def __str__(self) -> str:
        return f"{self.need} · {self.volunteer or '–'} ({self.get_state_display()})"

    @property
    def schedule(self) -> Schedule:
        return parse_schedule(self.need.schedule)

    def has_started(self, now: dt.datetime | None = None) -> bool:
        """Whether the need's first appointment has begun (schedules are local, naive)."""
        now = timezone.localtime(now).replace(tzinfo=None)
        return self.schedule.first_start <= now

    @property
    def holds_slot(self) -> bool:
        return self.approved_at is not None and self.state in SLOT_STATES

    @property
    def is_agreed(self) -> bool:
        return self.state in AGREED_STATES

    @property
    def waits_for_volunteer(self) -> bool:
        return self.state == State.PROPOSED and self.accepted_at is None

    @property
    def waits_for_approval(self) -> bool:
        return self.state == State.PROPOSED and self.approved_at is None

    @property
    def facility(self):
        return self.need.facility

    @property
    def organisation_id(self) -> int:
        """Whose social workers decide: the facility's operator, else the need's organisation."""
        need = self.need
        return need.facility.organisation_id if need.facility_id else need.organisation_id


class PlacementDecision(models.Model):
    """An approval or rejection with the matcher's score components at that moment."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="decisions")
    approved = models.BooleanField(_("approved"))
    components = models.JSONField(_("score components"), default=dict, blank=True)
    reason = models.CharField(_("reason"), max_length=16, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_at"]

    def __str__(self) -> str:
        return f"{self.placement_id}: {'approved' if self.approved else 'rejected'}"


class PlacementEvent(models.Model):
    """One transition of a placement: who, when, from, to and why. Never changed afterwards."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="events")
    action = models.CharField(_("action"), max_length=12)
    from_state = models.CharField(_("from"), max_length=12, choices=State.choices, blank=True)
    to_state = models.CharField(_("to"), max_length=12, choices=State.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # The role is kept when the account is erased, so reports still say who decided.
    actor_role = models.CharField(_("role"), max_length=20, blank=True)
    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    reason = models.CharField(_("reason"), max_length=16, blank=True)
    note = models.TextField(_("note"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("placement event")
        verbose_name_plural = _("placement events")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.placement_id}: {self.from_state or '∅'} → {self.to_state}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("placement events are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AppendOnlyError("placement events are append-only")


HOURS = [MinValueValidator(0), MaxValueValidator(24)]


class HoursEntry(models.Model):
    """Hours a volunteer gave on one day of a placement, confirmed or corrected by staff."""

    placement = models.ForeignKey(Placement, on_delete=models.PROTECT, related_name="hours")
    date = models.DateField(_("day"))
    hours = models.DecimalField(_("hours"), max_digits=4, decimal_places=2, validators=HOURS)
    note = models.CharField(_("note"), max_length=200, blank=True)
    logged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    logged_at = models.DateTimeField(auto_now_add=True)
    confirmed_hours = models.DecimalField(
        _("confirmed hours"),
        max_digits=4,
        decimal_places=2,
        null=True,
        blank=True,
        validators=HOURS,
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("hours entry")
        verbose_name_plural = _("hours entries")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["date"], name="hours_entry_date")]  # the dashboard's hours
        constraints = [
            models.UniqueConstraint(fields=["placement", "date"], name="hours_once_per_day"),
            models.CheckConstraint(
                condition=Q(hours__gt=0) & Q(hours__lte=24), name="hours_positive_within_a_day"
            ),
            models.CheckConstraint(
                condition=Q(confirmed_hours__isnull=True)
                | Q(confirmed_hours__gte=0) & Q(confirmed_hours__lte=24),
                name="hours_confirmed_within_a_day",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.date}: {self.hours} h"

    @property
    def is_confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def was_corrected(self) -> bool:
        return self.is_confirmed and self.confirmed_hours != self.hours


class Side(models.TextChoices):
    VOLUNTEER = "volunteer", _("volunteer")
    STAFF = "staff", _("facility and social work")


class PlacementFeedback(models.Model):
    """A short word from each side once a placement is over."""

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="feedback")
    side = models.CharField(_("side"), max_length=10, choices=Side.choices)
    text = models.TextField(_("feedback"), max_length=500)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(fields=["placement", "side"], name="feedback_once_per_side")
        ]

    def __str__(self) -> str:
        return f"{self.placement_id} ({self.side})"

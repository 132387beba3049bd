"""Concerns raised about a facility, a volunteer or a situation, and their case notes.

A concern is seen only by the facility's named contact persons and the coordinators of its
district (selectors.concerns_visible_to); it is not in the admin. Every read of a concern or of
certificate-of-conduct data leaves an entry in the access log (lotse.core.models.AccessLogEntry).
"""

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.errors import AppendOnlyError


class Category(models.TextChoices):
    VIOLENCE = "violence", _("violence")
    HARASSMENT = "harassment", _("harassment")
    HOUSE_RULES = "house_rules", _("house rules")
    VOLUNTEER_CONDUCT = "volunteer_conduct", _("conduct of a volunteer")
    OTHER = "other", _("something else")


class Subject(models.TextChoices):
    FACILITY = "facility", _("the facility")
    VOLUNTEER = "volunteer", _("a volunteer")
    SITUATION = "situation", _("a situation")


class Status(models.TextChoices):
    NEW = "new", _("new")
    IN_REVIEW = "in_review", _("in review")
    RESOLVED = "resolved", _("resolved")


class Concern(models.Model):
    facility = models.ForeignKey(
        "places.Facility",
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        related_name="concerns",
    )
    subject = models.CharField(
        _("the concern is about"), max_length=12, choices=Subject.choices, default=Subject.SITUATION
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    text = models.TextField(_("what happened"))
    person_named = models.CharField(_("person concerned (if known)"), max_length=200, blank=True)
    contact = models.CharField(_("your name or how to reach you"), max_length=200, blank=True)
    contact_email = models.EmailField(_("your e-mail address"), blank=True)
    contact_phone = models.CharField(_("your phone number"), max_length=50, blank=True)
    # A logged-in reporter is kept so they can follow the status; `reporter_hidden` keeps
    # their name from the contact persons.
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("raised by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="concerns_raised",
    )
    reporter_hidden = models.BooleanField(_("raised anonymously"), default=False)
    reference_digest = models.CharField(max_length=64, unique=True, editable=False)
    volunteer = models.ForeignKey(
        "volunteers.Volunteer",
        verbose_name=_("volunteer concerned"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    suspends_placements = models.BooleanField(
        _("new placements suspended pending review"), default=False
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW, db_index=True
    )
    created_at = models.DateTimeField(_("raised at"), default=timezone.now, db_index=True)
    response_due_at = models.DateTimeField(_("first response due"))
    acknowledged_at = models.DateTimeField(_("acknowledged at"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    resolution = models.TextField(_("outcome"), blank=True)

    class Meta:
        verbose_name = _("concern")
        verbose_name_plural = _("concerns")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=[s.value for s in Status]),
                name="concern_status_valid",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=Status.RESOLVED) | models.Q(resolved_at__isnull=False),
                name="concern_resolved_has_time",
            ),
        ]

    def __str__(self) -> str:
        return f"concern #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status != Status.RESOLVED

    def is_overdue(self, now: dt.datetime | None = None) -> bool:
        """No first response (acknowledgement) by the deadline."""
        return self.status == Status.NEW and self.response_due_at < (now or timezone.now())

    @property
    def is_anonymous(self) -> bool:
        """Whether the contact persons learn nothing about who raised it."""
        named = self.reporter_id is not None and not self.reporter_hidden
        return not (named or self.contact or self.contact_email or self.contact_phone)


class ConcernNote(models.Model):
    """A case note; the case file is kept as written (no edits, no deletes)."""

    concern = models.ForeignKey(Concern, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    author_role = models.CharField(_("role"), max_length=20, blank=True)
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("written at"), default=timezone.now)

    class Meta:
        verbose_name = _("case note")
        verbose_name_plural = _("case notes")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"note #{self.pk} on concern #{self.concern_id}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise AppendOnlyError("case notes are append-only")
        super().save(*args, **kwargs)

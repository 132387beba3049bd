from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _

from .events import get_event


class Notification(models.Model):
    """An outbox row: written in the caller's transaction, delivered after commit."""

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        CANCELLED = "cancelled", _("cancelled (recipient gone)")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    event = models.CharField(_("event"), max_length=40)
    context = models.JSONField(_("context"), default=dict, encoder=DjangoJSONEncoder)
    dedupe_key = models.CharField(_("dedupe key"), max_length=200, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("delivered"), null=True, blank=True)
    read_at = models.DateTimeField(_("read"), null=True, blank=True)
    # Set by the inbox channel: from then on the notification shows in the user's inbox.
    inbox_at = models.DateTimeField(_("in the inbox since"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.CharField(_("last error"), max_length=500, blank=True)
    # The channels chosen at the first attempt, and those that have delivered: a retry never
    # repeats a channel that already succeeded.
    channels = models.JSONField(_("channels"), default=list, blank=True)
    channels_done = models.JSONField(_("channels delivered"), default=list, blank=True)
    # Backoff: no attempt before this time. Sweep: publish again if still pending by then.
    not_before = models.DateTimeField(_("not before"), null=True, blank=True)
    sweep_at = models.DateTimeField(_("sweep at"), null=True, blank=True)
    failed_at = models.DateTimeField(_("failed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["status", "sweep_at"], name="notification_sweep_idx"),
            models.Index(fields=["recipient", "inbox_at"], name="notification_inbox_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.recipient_id}"

    @property
    def label(self) -> str:
        try:
            return str(get_event(self.event).label)
        except ValueError:
            return self.event

    @property
    def is_unread(self) -> bool:
        return self.read_at is None


class DigestFrequency(models.TextChoices):
    NEVER = "never", _("never")
    DAILY = "daily", _("daily")
    WEEKLY = "weekly", _("weekly")


def language_choices() -> list[tuple[str, str]]:
    """The choice "as in my account", then every interface language in its own name."""
    return [("", _("as in my account")), *settings.LANGUAGES]


class NotificationPreference(models.Model):
    """How one user wants to be told: channels per event kind, digest, language."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    # {event kind: [channel, …]} for the channels besides the inbox; a kind that is missing
    # uses the kind's default channels.
    channels = models.JSONField(_("channels per event"), default=dict, blank=True)
    digest = models.CharField(
        _("digest of new opportunities"),
        max_length=10,
        choices=DigestFrequency.choices,
        default=DigestFrequency.NEVER,
    )
    language = models.CharField(
        _("language of notifications"), max_length=8, blank=True, choices=language_choices
    )
    sms_number = models.CharField(
        _("mobile number for text messages"),
        max_length=30,
        blank=True,
        help_text=_("Only needed if you want text messages."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")

    def __str__(self) -> str:
        return str(self.user)

    def channels_for(self, kind: str) -> list[str]:
        if kind in self.channels:
            return list(self.channels[kind])
        return list(get_event(kind).default_channels)


class FailedNotification(Notification):
    """Notifications that failed for good, listed on their own admin page."""

    class Meta:
        proxy = True
        verbose_name = _("failed notification")
        verbose_name_plural = _("failed notifications")

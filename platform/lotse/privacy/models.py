"""What the privacy app keeps: consents to the texts in force, reminders before anonymising
inactive accounts, and a receipt of each erasure without any personal data (accountability,
GDPR Art. 5(2))."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Consent(models.Model):
    """Consent to a versioned text (privacy notice, code of conduct), with time and withdrawal."""

    class Kind(models.TextChoices):
        PRIVACY = "privacy", _("data processing")
        CODE_OF_CONDUCT = "code_of_conduct", _("code of conduct and house rules")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="consents"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    version = models.CharField(_("text version"), max_length=20)
    given_at = models.DateTimeField(_("given at"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)

    class Meta:
        # The table it had in the volunteers app, where consent once lived.
        db_table = "volunteers_consent"
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at"]

    def __str__(self) -> str:
        return f"{self.kind} {self.version}"

    @classmethod
    def current_version(cls, kind: str) -> str | None:
        """The version of the text in force (settings), or None for an unknown kind."""
        return {
            cls.Kind.PRIVACY: settings.LOTSE_PRIVACY_VERSION,
            cls.Kind.CODE_OF_CONDUCT: settings.LOTSE_CODE_OF_CONDUCT_VERSION,
        }.get(kind)


class RetentionReminder(models.Model):
    """An inactive volunteer was told their account will be anonymised unless they log in."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="retention_reminders"
    )
    sent_at = models.DateTimeField(_("reminded at"), default=timezone.now)
    erase_after = models.DateTimeField(_("anonymised after"))

    class Meta:
        verbose_name = _("retention reminder")
        verbose_name_plural = _("retention reminders")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"reminder {self.sent_at:%Y-%m-%d}"


class ErasureRecord(models.Model):
    """That an account was erased, when and why — nothing that points back to the person."""

    class Reason(models.TextChoices):
        SELF_SERVICE = "self_service", _("the person deleted their account")
        INACTIVITY = "inactivity", _("inactive beyond the retention period")

    erased_at = models.DateTimeField(_("erased at"), default=timezone.now)
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    summary = models.JSONField(_("what was removed (counts)"), default=dict)

    class Meta:
        verbose_name = _("erasure")
        verbose_name_plural = _("erasures")
        ordering = ["-erased_at"]

    def __str__(self) -> str:
        return f"erasure {self.erased_at:%Y-%m-%d %H:%M}"

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from matching import COMPONENTS, Weights

DEFAULT_WEIGHTS = Weights()
WEIGHTS_REFUSED = _("Weights must not be negative and must not all be zero.")


class MatchingSettings(models.Model):
    """Weights of the score per organisation, and what the learner made of decisions."""

    organisation = models.OneToOneField(
        "places.Organisation", on_delete=models.CASCADE, related_name="matching_settings"
    )
    weight_distance = models.FloatField(_("weight: distance"), default=DEFAULT_WEIGHTS.distance)
    weight_skills = models.FloatField(_("weight: skills"), default=DEFAULT_WEIGHTS.skills)
    weight_languages = models.FloatField(_("weight: languages"), default=DEFAULT_WEIGHTS.languages)
    weight_availability = models.FloatField(
        _("weight: availability"), default=DEFAULT_WEIGHTS.availability
    )
    weight_workload = models.FloatField(_("weight: workload"), default=DEFAULT_WEIGHTS.workload)
    weight_continuity = models.FloatField(
        _("weight: continuity"), default=DEFAULT_WEIGHTS.continuity
    )
    learning_enabled = models.BooleanField(
        _("learn weights from decisions"),
        default=True,
        help_text=_("Learnt weights never override the hard rules; switch off to use the above."),
    )
    min_decisions = models.PositiveIntegerField(_("decisions needed before learning"), default=30)
    learned_weights = models.JSONField(_("learnt weights"), null=True, blank=True)
    learned_examples = models.PositiveIntegerField(_("decisions learnt from"), default=0)
    learned_cv_auc = models.FloatField(
        _("cross-validated quality (ROC AUC)"), null=True, blank=True
    )
    current_auc = models.FloatField(
        _("quality of the configured weights (ROC AUC)"), null=True, blank=True
    )
    learned_note = models.CharField(_("learner's note"), max_length=300, blank=True)
    learned_at = models.DateTimeField(_("learnt at"), null=True, blank=True)

    class Meta:
        verbose_name = _("matching settings")
        verbose_name_plural = _("matching settings")

    def __str__(self) -> str:
        return str(self.organisation)

    def configured_weights(self) -> Weights:
        return Weights(**{name: getattr(self, f"weight_{name}") for name in COMPONENTS})

    def effective_weights(self) -> Weights:
        """Learnt weights when learning is on and a fit exists, else the configured ones."""
        if self.learning_enabled and self.learned_weights:
            return Weights.from_mapping(self.learned_weights)
        return self.configured_weights()

    def clean(self) -> None:
        try:
            self.configured_weights()
        except ValueError as exc:
            raise ValidationError(WEIGHTS_REFUSED) from exc


class MatchingRun(models.Model):
    """A global assignment over all open needs; it makes suggestions, never placements."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("queued")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "places.Organisation",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        help_text=_("Empty: all organisations."),
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    needs_count = models.PositiveIntegerField(default=0)
    total_slots = models.PositiveIntegerField(default=0)
    total_score = models.FloatField(null=True, blank=True)
    coverage = models.FloatField(null=True, blank=True)
    greedy_total_score = models.FloatField(null=True, blank=True)
    greedy_coverage = models.FloatField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    error = models.CharField(max_length=500, blank=True)

    class Meta:
        verbose_name = _("global matching run")
        verbose_name_plural = _("global matching runs")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"#{self.pk} {self.get_status_display()}"


class MatchSuggestion(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("open")
        PROPOSED = "proposed", _("proposed")
        DISMISSED = "dismissed", _("dismissed")

    run = models.ForeignKey(MatchingRun, on_delete=models.CASCADE, related_name="suggestions")
    need = models.ForeignKey("needs.Need", on_delete=models.CASCADE, related_name="suggestions")
    volunteer = models.ForeignKey(
        "volunteers.Volunteer", on_delete=models.CASCADE, related_name="suggestions"
    )
    score = models.FloatField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)

    class Meta:
        verbose_name = _("suggestion")
        verbose_name_plural = _("suggestions")
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["run", "need", "volunteer"], name="suggestion_once"),
        ]

    def __str__(self) -> str:
        return f"{self.need_id} ← {self.volunteer_id} ({self.score:.2f})"


class PoolRemoval(models.Model):
    """A volunteer deleted from the database, so every process's pool drops them on its next
    sync (a deleted row leaves no `updated_at` to find it by)."""

    volunteer_id = models.BigIntegerField()
    removed_at = models.DateTimeField(auto_now_add=True, db_index=True)

    def __str__(self) -> str:
        return f"volunteer {self.volunteer_id} removed at {self.removed_at:%Y-%m-%d %H:%M}"

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from lotse.core.words import schedule_words
from lotse.taxonomy.models import LanguageLevel
from matching.errors import ParseError
from matching.timeslots import parse_schedule


def schedule_display(text: str) -> str:
    """“dienstags 16–18 Uhr, ab 1. Dezember 2026” in the reader's language."""
    return schedule_words(text)


def validate_schedule(value: str) -> None:
    try:
        parse_schedule(value)
    except ParseError as exc:
        raise ValidationError(str(exc)) from exc


class Need(models.Model):
    """A support need posted for a facility or, in district work, for a neighbourhood."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        OPEN = "open", _("open")
        FILLED = "filled", _("filled")
        CLOSED = "closed", _("closed")
        CANCELLED = "cancelled", _("cancelled")

    class Urgency(models.TextChoices):
        LOW = "low", _("low")
        NORMAL = "normal", _("normal")
        HIGH = "high", _("high")

    external_id = models.CharField(
        _("external ID"), max_length=64, unique=True, null=True, blank=True
    )
    organisation = models.ForeignKey(
        "places.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="needs",
    )
    facility = models.ForeignKey(
        "places.Facility",
        verbose_name=_("facility"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="needs",
    )
    neighbourhood = models.ForeignKey(
        "places.Neighbourhood",
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        related_name="needs",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=4000, blank=True)
    main_skill = models.ForeignKey(
        "taxonomy.Skill",
        verbose_name=_("main skill"),
        on_delete=models.PROTECT,
        related_name="main_for_needs",
    )
    skills = models.ManyToManyField(
        "taxonomy.Skill", verbose_name=_("further skills"), blank=True, related_name="needs"
    )
    schedule = models.CharField(
        _("schedule"),
        max_length=200,
        validators=[validate_schedule],
        help_text=_(
            "One-off “2026-12-03 09:00-12:00” or recurring "
            "“weekly tue 16:00-18:00 from 2026-12-01 until 2027-03-31”."
        ),
    )
    volunteers_needed = models.PositiveSmallIntegerField(
        _("volunteers needed"), default=1, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    requires_certificate = models.BooleanField(_("requires a certificate of conduct"))
    max_distance_km = models.FloatField(
        _("at most km away (optional)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0.5), MaxValueValidator(settings.LOTSE_MAX_DISTANCE_KM)],
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("need")
        verbose_name_plural = _("needs")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "organisation"]),
            # The dashboard: needs opened per day, open needs per neighbourhood.
            models.Index(fields=["opened_at"], name="need_opened_at"),
            models.Index(fields=["status", "neighbourhood"], name="need_status_neighbourhood"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(volunteers_needed__gte=1), name="need_at_least_one_volunteer"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def schedule_text(self) -> str:
        return schedule_display(self.schedule)

    @property
    def place(self):
        """Where it takes place: the facility, or the neighbourhood for district work."""
        return self.facility or self.neighbourhood

    @property
    def location(self) -> tuple[float, float] | None:
        """The facility's point, or the neighbourhood's centre for district work."""
        if self.facility_id:
            return (self.facility.lat, self.facility.lon)
        hood = self.neighbourhood
        if hood.lat is None or hood.lon is None:
            return None
        return (hood.lat, hood.lon)

    def clean(self) -> None:
        if self.facility_id and self.facility.organisation_id != self.organisation_id:
            raise ValidationError({"facility": _("The facility belongs to another organisation.")})


class NeedLanguage(models.Model):
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="languages")
    language = models.ForeignKey("taxonomy.Language", on_delete=models.PROTECT)
    min_level = models.PositiveSmallIntegerField(_("minimum level"), choices=LanguageLevel.choices)
    required = models.BooleanField(_("required"), default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["need", "language"], name="need_language_once"),
        ]

    def __str__(self) -> str:
        return f"{self.language.code}:{self.min_level}"


class NeedRevision(models.Model):
    """A snapshot taken whenever an open need is edited: the need's history."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="revisions")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    snapshot = models.JSONField()

    class Meta:
        ordering = ["-changed_at"]

    def __str__(self) -> str:
        return f"{self.need_id} @ {self.changed_at:%Y-%m-%d %H:%M}"

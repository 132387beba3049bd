import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.phones import phone_display
from lotse.core.words import weekly_hours_words
from lotse.taxonomy.models import LanguageLevel
from matching.errors import ParseError
from matching.timeslots import availability_to_bytes, parse_availability


def availability_display(text: str) -> str:
    """“montags 17–20 Uhr; samstags 10–14 Uhr” in the reader's language."""
    return weekly_hours_words(text)


def availability_bits(text: str) -> bytes:
    """The stored week bits of an availability text; empty for text that does not parse."""
    try:
        return availability_to_bytes(parse_availability(text or ""))
    except ParseError:
        return b""


def validate_availability(value: str) -> None:
    try:
        parse_availability(value)
    except ParseError as exc:
        raise ValidationError(str(exc)) from exc


class TravelMode(models.TextChoices):
    FOOT = "foot", _("on foot")
    BIKE = "bike", _("by bike")
    PUBLIC_TRANSPORT = "public_transport", _("by bus and train")
    CAR = "car", _("by car")


class Volunteer(models.Model):
    """A volunteer's profile; the account (e-mail, name) lives on the user."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer"
    )
    external_id = models.CharField(
        _("external ID"), max_length=64, unique=True, null=True, blank=True
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    postcode = models.ForeignKey(
        "places.Postcode",
        verbose_name=_("postcode"),
        on_delete=models.PROTECT,
        related_name="volunteers",
    )
    street = models.CharField(
        _("street and number (optional)"),
        max_length=200,
        blank=True,
        help_text=_("Never shown to anyone before an approved placement."),
    )
    # A coarse point (the postcode centroid) is all matching needs: data minimisation.
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    max_distance_km = models.FloatField(
        _("how far I will travel (km)"),
        validators=[MinValueValidator(0.5), MaxValueValidator(settings.LOTSE_MAX_DISTANCE_KM)],
    )
    travel_modes = models.JSONField(_("how I travel"), default=list, blank=True)
    skills = models.ManyToManyField(
        "taxonomy.Skill", verbose_name=_("skills"), blank=True, related_name="volunteers"
    )
    availability = models.CharField(
        _("weekly availability"),
        max_length=500,
        validators=[validate_availability],
        help_text=_("e.g. “mon 17:00-20:00; sat 10:00-14:00”"),
    )
    max_hours_per_month = models.PositiveSmallIntegerField(
        _("at most hours per month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(200)],
    )
    available_from = models.DateField(_("available from"), null=True, blank=True)
    available_until = models.DateField(_("available until"), null=True, blank=True)
    paused_until = models.DateField(_("on a break until"), null=True, blank=True)
    # `availability` as week bits, derived on save: the matching pool reads these instead of
    # parsing 100,000 texts whenever it is built (empty: not derived yet, the text is parsed).
    availability_bits = models.BinaryField(max_length=88, default=b"", editable=False)
    motivation = models.TextField(_("a few words about me"), max_length=1000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        indexes = [
            # The pool's sync reads the volunteers changed since its last stamp.
            models.Index(fields=["updated_at"], name="volunteer_updated_at"),
            # The dashboard counts sign-ups in a period.
            models.Index(fields=["created_at"], name="volunteer_created_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(max_distance_km__gt=0) & models.Q(max_distance_km__lte=200),
                name="volunteer_distance_in_range",
            ),
        ]

    def __str__(self) -> str:
        return self.user.display_name

    def save(self, *args, **kwargs) -> None:
        self.availability_bits = availability_bits(self.availability)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and "availability" in update_fields:
            kwargs["update_fields"] = {*update_fields, "availability_bits"}
        super().save(*args, **kwargs)

    @property
    def display_name(self) -> str:
        return self.user.display_name

    @property
    def availability_text(self) -> str:
        return availability_display(self.availability)

    @property
    def phone_text(self) -> str:
        return phone_display(self.phone)

    @property
    def travel_mode_labels(self) -> list[str]:
        return [TravelMode(mode).label for mode in self.travel_modes if mode in TravelMode.values]

    def is_paused(self, today: dt.date | None = None) -> bool:
        today = today or timezone.localdate()
        return self.paused_until is not None and self.paused_until >= today

    def clean(self) -> None:
        if (
            self.available_from
            and self.available_until
            and self.available_until < self.available_from
        ):
            raise ValidationError({"available_until": _("“Until” must be after “from”.")})
        modes = set(self.travel_modes or [])
        if not modes <= set(TravelMode.values):
            raise ValidationError({"travel_modes": _("Unknown travel mode.")})


class VolunteerLanguage(models.Model):
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="languages")
    language = models.ForeignKey("taxonomy.Language", on_delete=models.PROTECT)
    level = models.PositiveSmallIntegerField(_("level"), choices=LanguageLevel.choices)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "language"], name="volunteer_language_once"
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4),
                name="volunteer_language_level_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.language.code}:{self.level}"


class CertificateInspection(models.Model):
    """That an eFZ was inspected — only the facts the law allows (no copy, no free text)."""

    volunteer = models.ForeignKey(
        Volunteer, on_delete=models.CASCADE, related_name="certificate_inspections"
    )
    certificate_date = models.DateField(_("date of the certificate"))
    inspected_on = models.DateField(_("inspected on"))
    inspected_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("inspected by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    disqualifying_conviction = models.BooleanField(_("disqualifying conviction"), default=False)
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("certificate of conduct inspection")
        verbose_name_plural = _("certificate of conduct inspections")
        ordering = ["-inspected_on"]

    def __str__(self) -> str:
        return f"{self.volunteer_id}: {self.inspected_on}"

    def was_recent_enough(self) -> bool:
        age = (self.inspected_on - self.certificate_date).days
        return 0 <= age <= settings.LOTSE_CERTIFICATE_MAX_AGE_DAYS

    def valid_until(self) -> dt.date | None:
        """The day until which this inspection counts, or None if it never counted."""
        if self.disqualifying_conviction or not self.was_recent_enough():
            return None
        years = settings.LOTSE_CERTIFICATE_RENEWAL_YEARS
        try:
            return self.certificate_date.replace(year=self.certificate_date.year + years)
        except ValueError:  # 29 February
            return self.certificate_date.replace(year=self.certificate_date.year + years, day=28)

    def is_valid_on(self, day: dt.date) -> bool:
        until = self.valid_until()
        return until is not None and day <= until


class SignupDraft(models.Model):
    """The sign-up wizard's answers so far: kept when the session ends mid-wizard.

    Deleted when the sign-up is finished, with the account, and after
    LOTSE_SIGNUP_DRAFT_DAYS without change (privacy retention)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="signup_draft"
    )
    answers = models.JSONField(_("answers so far"), default=dict)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        verbose_name = _("sign-up draft")
        verbose_name_plural = _("sign-up drafts")

    def __str__(self) -> str:
        return f"{self.user_id}: {sorted(self.answers)}"

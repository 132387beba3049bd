from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from matching.errors import ParseError
from matching.timeslots import parse_availability

LATITUDE = [MinValueValidator(-90), MaxValueValidator(90)]
LONGITUDE = [MinValueValidator(-180), MaxValueValidator(180)]


def validate_weekly_hours(value: str) -> None:
    if not value:
        return
    try:
        parse_availability(value)
    except ParseError as exc:
        raise ValidationError(str(exc)) from exc


class Organisation(models.Model):
    class Kind(models.TextChoices):
        MUNICIPAL = "municipal", _("municipal")
        INDEPENDENT = "independent", _("independent provider")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    lat = models.FloatField(_("latitude"), validators=LATITUDE, null=True, blank=True)
    lon = models.FloatField(_("longitude"), validators=LONGITUDE, null=True, blank=True)
    # GeoJSON MultiPolygon coordinates from the city data's optional districts.geojson
    # (city_loader.py); None when the city gives no boundaries.
    boundary = models.JSONField(_("boundary"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Neighbourhood(models.Model):
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        related_name="neighbourhoods",
    )
    name = models.CharField(_("name"), max_length=100)
    lat = models.FloatField(_("latitude"), validators=LATITUDE, null=True, blank=True)
    lon = models.FloatField(_("longitude"), validators=LONGITUDE, null=True, blank=True)

    class Meta:
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        ordering = ["district__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="neighbourhood_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.district.name})"


class Postcode(models.Model):
    """A postcode's centroid and the neighbourhood the city maps it to (city data, not code)."""

    code = models.CharField(_("postcode"), max_length=10, unique=True)
    lat = models.FloatField(_("latitude"), validators=LATITUDE)
    lon = models.FloatField(_("longitude"), validators=LONGITUDE)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("neighbourhood"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="postcodes",
    )
    # A neighbouring town's postcode: volunteers living there may register; it has no
    # neighbourhood and counts in no district's statistics.
    outside_city = models.BooleanField(_("outside the city"), default=False)
    town = models.CharField(_("town"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("postcode")
        verbose_name_plural = _("postcodes")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class Facility(models.Model):
    """A transitional facility (Übergangseinrichtung) run by one organisation."""

    external_id = models.CharField(
        _("external ID"), max_length=64, unique=True, null=True, blank=True
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("operator"),
        on_delete=models.PROTECT,
        related_name="facilities",
    )
    name = models.CharField(_("name"), max_length=200)
    street = models.CharField(_("street and number"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10)
    lat = models.FloatField(_("latitude"), validators=LATITUDE)
    lon = models.FloatField(_("longitude"), validators=LONGITUDE)
    neighbourhood = models.ForeignKey(
        Neighbourhood,
        verbose_name=_("neighbourhood"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="facilities",
    )
    capacity = models.PositiveIntegerField(_("capacity (residents)"), null=True, blank=True)
    consultation_hours = models.CharField(
        _("consultation hours"),
        max_length=300,
        blank=True,
        validators=[validate_weekly_hours],
        help_text=_("Weekly slots, e.g. “mon 09:00-12:00; thu 14:00-16:00”."),
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    contact_persons = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("contact persons for concerns"),
        blank=True,
        related_name="contact_for_facilities",
    )
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["name"]
        indexes = [models.Index(fields=["organisation", "is_active"])]

    def __str__(self) -> str:
        return self.name

    @property
    def district(self) -> District | None:
        return self.neighbourhood.district if self.neighbourhood_id else None

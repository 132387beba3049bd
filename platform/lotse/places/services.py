"""Writes on organisations and facilities."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from lotse.core.versioned import moved

from .geocoding import postcode_lookup
from .models import Facility, Neighbourhood, Organisation
from .selectors import FACILITIES

FACILITY_OUTSIDE_CITY = _(
    "%(code)s lies outside the city: a facility needs a postcode of one of the city's "
    "neighbourhoods (or name its neighbourhood)."
)


def organisation_get_or_create(*, name: str) -> Organisation:
    """An unknown organisation is created as an independent provider (contracts.md)."""
    name = name.strip()
    if not name:
        raise ValidationError("organisation: required")
    existing = Organisation.objects.filter(name__iexact=name).first()
    if existing:
        return existing
    return Organisation.objects.create(name=name, kind=Organisation.Kind.INDEPENDENT)


@transaction.atomic
def facility_upsert(
    *,
    organisation: Organisation,
    name: str,
    street: str,
    postcode: str,
    external_id: str | None = None,
    lat: float | None = None,
    lon: float | None = None,
    neighbourhood: Neighbourhood | None = None,
    capacity: int | None = None,
    consultation_hours: str = "",
) -> Facility:
    """Create or update (by external_id) a facility; without coordinates the postcode is used."""
    row = postcode_lookup(postcode)
    if neighbourhood is None and row.neighbourhood is None:
        # A postcode of a neighbouring town (volunteers may live there): a facility's needs
        # belong to a neighbourhood of the city.
        raise ValidationError({"postcode": FACILITY_OUTSIDE_CITY % {"code": row.code}})
    if (lat is None) != (lon is None):
        raise ValidationError("lat and lon go together: give both or neither")
    facility = Facility.objects.filter(external_id=external_id).first() if external_id else None
    facility = facility or Facility(external_id=external_id)
    facility.organisation = organisation
    facility.name = name.strip()
    facility.street = street.strip()
    facility.postcode = row.code
    facility.lat = row.lat if lat is None else lat
    facility.lon = row.lon if lon is None else lon
    facility.neighbourhood = neighbourhood or row.neighbourhood
    facility.capacity = capacity
    facility.consultation_hours = consultation_hours
    facility.full_clean()
    facility.save()
    if lat is None and settings.LOTSE_GEOCODER == "nominatim":
        from .tasks import facility_refine_location

        transaction.on_commit(lambda: facility_refine_location.delay(facility.pk))
    return facility


def facility_set_location(*, facility: Facility, lat: float, lon: float) -> None:
    Facility.objects.filter(pk=facility.pk).update(lat=lat, lon=lon)
    moved(FACILITIES)  # an update sends no signal

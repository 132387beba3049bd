from celery import shared_task
from django.conf import settings

from .geocoding import get_geocoder
from .models import Facility
from .services import facility_set_location


@shared_task(autoretry_for=(ConnectionError,), retry_backoff=True, max_retries=5)
def facility_refine_location(facility_id: int) -> None:
    """Street-level coordinates from Nominatim, off the request path."""
    facility = Facility.objects.filter(pk=facility_id).first()
    if facility is None:
        return
    point = get_geocoder().geocode(
        street=facility.street, postcode=facility.postcode, city=settings.LOTSE_CITY_NAME
    )
    if point is not None and point.precision == "address":
        facility_set_location(facility=facility, lat=point.lat, lon=point.lon)

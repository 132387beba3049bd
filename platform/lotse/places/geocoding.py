"""Geocoding behind one interface.

The offline gazetteer (postcode centroids loaded from the city's files) is the default and the
only thing a web request ever uses. Nominatim (geopy, rate-limited, cached) refines street
addresses in background tasks when LOTSE_GEOCODER=nominatim.
"""

import hashlib
import logging
import re
from dataclasses import dataclass
from functools import cache

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Postcode

logger = logging.getLogger(__name__)
POSTCODE_PATTERN = re.compile(r"^\d{5}$")
UNKNOWN_POSTCODE = _("Unknown postcode: %(code)s. Please enter a postcode of the city.")
INVALID_POSTCODE = _("A postcode has five digits.")
POSTCODE_NOT_SERVED = _(
    "%(code)s is not a postcode of %(city)s. Postcodes of %(city)s begin with %(prefixes)s"
)
NEARBY_TOWNS_SERVED = _("We also accept these neighbouring towns: %(towns)s.")


@dataclass(frozen=True)
class GeoPoint:
    lat: float
    lon: float
    precision: str  # "postcode" or "address"


def normalise_postcode(raw: str) -> str:
    code = (raw or "").strip()
    if not POSTCODE_PATTERN.match(code):
        raise ValidationError(INVALID_POSTCODE, code="invalid_postcode")
    return code


def postcode_lookup(raw: str) -> Postcode:
    """The Postcode row for a user's input, or a ValidationError users understand."""
    code = normalise_postcode(raw)
    try:
        return Postcode.objects.select_related("neighbourhood__district").get(code=code)
    except Postcode.DoesNotExist:
        raise ValidationError(postcode_not_served(code), code="unknown_postcode") from None


def postcode_not_served(code: str) -> str:
    """Why `code` is refused, naming the city, its postcodes' beginnings and the nearby towns."""
    rows = Postcode.objects.values_list("code", "outside_city", "town")
    prefixes = sorted({c[:3] for c, outside, _town in rows if not outside})
    city = settings.LOTSE_CITY_NAME
    message = POSTCODE_NOT_SERVED % {
        "code": code, "city": city, "prefixes": ", ".join(p + "…" for p in prefixes) or "–",
    }  # fmt: skip
    towns = sorted(f"{c} {town}".strip() for c, outside, town in rows if outside)
    if towns:
        message = f"{message} {NEARBY_TOWNS_SERVED % {'towns': ', '.join(towns)}}"
    return message


class OfflineGeocoder:
    """Postcode centroids only: private, instant, good enough for matching."""

    def geocode(self, *, street: str, postcode: str, city: str) -> GeoPoint | None:
        row = postcode_lookup(postcode)
        return GeoPoint(row.lat, row.lon, "postcode")


class NominatimGeocoder:
    """geopy's Nominatim with a proper user agent, RateLimiter (1/s) and a cache."""

    CACHE_SECONDS = 30 * 24 * 3600

    def __init__(self):
        from geopy.extra.rate_limiter import RateLimiter
        from geopy.geocoders import Nominatim

        client = Nominatim(
            user_agent=settings.LOTSE_GEOCODER_USER_AGENT, timeout=settings.LOTSE_GEOCODER_TIMEOUT
        )
        self._geocode = RateLimiter(client.geocode, min_delay_seconds=1.0, max_retries=2)

    def geocode(self, *, street: str, postcode: str, city: str) -> GeoPoint | None:
        fallback = OfflineGeocoder().geocode(street=street, postcode=postcode, city=city)
        if not street:
            return fallback
        query = f"{street}, {postcode} {city}, Germany"
        normalised = re.sub(r"\s+", " ", query.lower())
        key = "geocode:" + hashlib.sha256(normalised.encode()).hexdigest()
        cached = caches["default"].get(key)
        if cached is not None:
            return GeoPoint(*cached, "address")
        try:
            location = self._geocode(query)
        except Exception:  # geopy raises many kinds; the postcode centroid is a safe answer
            logger.warning("nominatim failed for a query; using the postcode centroid")
            return fallback
        if location is None:
            return fallback
        caches["default"].set(key, (location.latitude, location.longitude), self.CACHE_SECONDS)
        return GeoPoint(location.latitude, location.longitude, "address")


@cache
def _nominatim() -> NominatimGeocoder:
    return NominatimGeocoder()


def get_geocoder() -> OfflineGeocoder | NominatimGeocoder:
    if settings.LOTSE_GEOCODER == "nominatim":
        return _nominatim()
    return OfflineGeocoder()

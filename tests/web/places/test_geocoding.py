from unittest import mock

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from lotse.places.geocoding import NominatimGeocoder, OfflineGeocoder, postcode_lookup
from lotse.places.services import facility_upsert

pytestmark = pytest.mark.django_db


def test_it_finds_a_postcode_centroid():
    point = OfflineGeocoder().geocode(street="", postcode="48143", city="Münster")
    assert (point.lat, point.lon, point.precision) == (51.9625, 7.6259, "postcode")


def test_it_rejects_a_berlin_postcode_naming_the_city_and_its_postcodes():
    with translation.override("en"), pytest.raises(ValidationError) as excinfo:
        postcode_lookup("10115")
    message = excinfo.value.messages[0]
    assert "10115 is not a postcode of Münster" in message
    assert "Postcodes of Münster begin with 481…" in message
    assert "48268 Greven" in message


@pytest.mark.parametrize("raw", ["4814", "481433", "48a43", "", "  "])
def test_it_rejects_a_malformed_postcode(raw):
    with pytest.raises(ValidationError) as excinfo:
        postcode_lookup(raw)
    assert excinfo.value.code == "invalid_postcode"


def _fake_location(lat, lon):
    return mock.Mock(latitude=lat, longitude=lon)


def test_nominatim_geocodes_a_street_and_caches_it(settings):
    # The public geocoder is outside our reach: its client is the one thing mocked.
    with mock.patch(
        "geopy.geocoders.Nominatim.geocode", return_value=_fake_location(51.97, 7.61)
    ) as geocode:
        geocoder = NominatimGeocoder()
        first = geocoder.geocode(street="Domplatz 1", postcode="48143", city="Münster")
        second = geocoder.geocode(street="Domplatz 1", postcode="48143", city="Münster")
    assert (first.lat, first.lon, first.precision) == (51.97, 7.61, "address")
    assert second == first
    assert geocode.call_count == 1


def test_nominatim_falls_back_to_the_postcode_when_the_service_fails():
    from geopy.exc import GeocoderUnavailable

    with mock.patch("geopy.geocoders.Nominatim.geocode", side_effect=GeocoderUnavailable("down")):
        point = NominatimGeocoder().geocode(street="Nowhere 1", postcode="48159", city="Münster")
    assert point.precision == "postcode"


def test_nominatim_sends_a_proper_user_agent(settings):
    settings.LOTSE_GEOCODER_USER_AGENT = "lotse-test/1 (it@stadt.example)"
    geocoder = NominatimGeocoder()
    client = geocoder._geocode.func.__self__
    assert client.headers["User-Agent"] == "lotse-test/1 (it@stadt.example)"


def test_a_facility_save_never_waits_on_the_network(
    settings, stadt, django_capture_on_commit_callbacks
):
    settings.LOTSE_GEOCODER = "nominatim"
    with mock.patch(
        "geopy.geocoders.Nominatim.geocode", return_value=_fake_location(51.99, 7.60)
    ) as geocode:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            facility = facility_upsert(
                organisation=stadt, name="Neu", street="Weg 1", postcode="48159"
            )
        assert geocode.call_count == 0  # the request path used the postcode only
        assert (facility.lat, facility.lon) == (52.0149, 7.5981)
        for callback in callbacks:
            callback()  # the background task (eager in tests) refines the point
    facility.refresh_from_db()
    assert (facility.lat, facility.lon) == (51.99, 7.60)


def test_a_facility_with_an_unknown_postcode_is_not_saved(stadt):
    from lotse.places.models import Facility

    with pytest.raises(ValidationError):
        facility_upsert(organisation=stadt, name="X", street="Weg 1", postcode="99999")
    assert not Facility.objects.filter(name="X").exists()

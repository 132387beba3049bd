"""A neighbouring town's postcode lets a volunteer register, but a facility lies in the city:
its needs belong to a neighbourhood (a need without one cannot be stored)."""

import pytest
from django.core.exceptions import ValidationError

from lotse.places.models import Facility, Postcode
from lotse.places.services import facility_upsert

pytestmark = pytest.mark.django_db


def test_a_facility_with_a_neighbouring_towns_postcode_is_refused_with_a_message(stadt):
    nearby = Postcode.objects.filter(outside_city=True).first()
    if nearby is None:
        pytest.skip("the city pack lists no neighbouring towns")
    with pytest.raises(ValidationError, match="outside the city|außerhalb der Stadt"):
        facility_upsert(organisation=stadt, name="Haus Greven", street="Markt 1",
                        postcode=nearby.code)  # fmt: skip
    assert not Facility.objects.filter(name="Haus Greven").exists()

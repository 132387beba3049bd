"""Bodies that the JSON standard allows but nothing behind the API can store or answer: a 400
with a message, never a 500 (issue 17, finding 8)."""

import json

import pytest
from django.test import Client

from lotse.safeguarding.models import Concern

pytestmark = pytest.mark.django_db
CONCERNS = "/api/v1/concerns/"


def _post(body: str):
    return Client().post(CONCERNS, body, content_type="application/json")


@pytest.fixture(autouse=True)
def no_throttle(settings):
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": {}}
    from django.core.cache import cache

    cache.clear()


def test_a_lone_surrogate_is_a_400_not_a_500(facility_a1):
    response = _post('{"facility": %d, "category": "\\ud800", "text": "x"}' % facility_a1.pk)
    assert response.status_code == 400
    assert "surrogate" in response.json()["detail"] or "UTF-8" in response.json()["detail"]
    assert not Concern.objects.exists()


def test_a_nul_character_is_a_400(facility_a1):
    body = json.dumps({"facility": facility_a1.pk, "category": "other", "text": "a\x00b"})
    response = _post(body)
    assert response.status_code == 400
    assert not Concern.objects.exists()


@pytest.mark.parametrize("depth", [40, 3000, 100_000])
def test_deep_nesting_is_a_400(depth):
    response = _post("[" * depth + "]" * depth)
    assert response.status_code == 400
    assert "nested" in response.json()["detail"] or "verschachtelt" in response.json()["detail"]


def test_a_surrogate_in_a_key_is_a_400():
    assert _post('{"\\udfff": 1}').status_code == 400


def test_an_ordinary_concern_still_goes_through(facility_a1):
    body = {"facility": facility_a1.pk, "category": "other", "text": "Die Heizung ist kalt. ☃"}
    response = _post(json.dumps(body))
    assert response.status_code == 201, response.content

"""The ranked lists' bodies skip DRF's fields (matchmaking/api.py): each must be exactly what its
output serializer, which documents it, would write — no key more, none less, the same values."""

import pytest
from rest_framework.renderers import JSONRenderer

from lotse.matchmaking import api

pytestmark = pytest.mark.django_db


@pytest.fixture
def bodies(monkeypatch):
    """Every body the API module hands to a response."""
    seen, real = [], api.Response

    def keeping(data=None, *args, **kwargs):
        seen.append(data)
        return real(data, *args, **kwargs)

    monkeypatch.setattr(api, "Response", keeping)
    return seen


def _same(body, serializer) -> None:
    assert body["results"], "a body with ranked items, or the check proves nothing"
    render = JSONRenderer().render
    assert render(body) == render(serializer(body).data)


@pytest.mark.parametrize("lang", ["de", "en"])
@pytest.mark.parametrize("explain", ["false", "true"])
def test_a_candidates_body_is_what_its_serializer_writes(
    client, bodies, alice, arabic_need, amira, greta, farid, lang, explain
):
    client.force_login(alice)
    url = f"/api/v1/needs/{arabic_need.pk}/candidates/"
    assert client.get(url, {"explain": explain}, HTTP_ACCEPT_LANGUAGE=lang).status_code == 200
    (body,) = bodies
    assert ("excluded" in body) == (explain == "true")
    _same(body, api.CandidatesOutput)


@pytest.mark.parametrize("lang", ["de", "en"])
def test_an_opportunities_body_is_what_its_serializer_writes(
    client, bodies, arabic_need, amira, lang
):
    client.force_login(amira.user)
    response = client.get("/api/v1/volunteers/me/opportunities/", HTTP_ACCEPT_LANGUAGE=lang)
    assert response.status_code == 200
    (body,) = bodies
    _same(body, api.OpportunitiesOutput)


def test_the_check_sees_a_key_too_many(client, bodies, arabic_need, amira):
    client.force_login(amira.user)
    client.get("/api/v1/volunteers/me/opportunities/")
    (body,) = bodies
    body["results"][0]["components"]["secret"] = 1.0
    with pytest.raises(AssertionError):
        _same(body, api.OpportunitiesOutput)

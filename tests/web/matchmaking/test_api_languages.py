"""The API explains in the client's Accept-Language, from the engine's one catalogue (issue 18)."""

import pytest

from matching import translations
from matching.codes import language_name

pytestmark = pytest.mark.django_db


def _reasons(client, need, language):
    response = client.get(f"/api/v1/needs/{need.pk}/candidates/", HTTP_ACCEPT_LANGUAGE=language)
    return response.json()["results"][0]["reasons"]


def test_it_answers_in_turkish_when_asked(client, alice, arabic_need, amira):
    if "tr" not in translations.MODULES:
        pytest.skip("matching/translations/tr.py is not written yet")
    client.force_login(alice)
    assert any(
        language_name("ar", "tr") in reason for reason in _reasons(client, arabic_need, "tr")
    )


def test_it_answers_in_german_for_a_language_it_does_not_know(client, alice, arabic_need, amira):
    client.force_login(alice)
    assert any("Arabisch" in reason for reason in _reasons(client, arabic_need, "xx-YY"))

"""The pages a social worker and a volunteer read show words, not the engine's codes: no
`weekly tue 17:00-19:00`, no `distance`/`workload`, no ISO dates, in German and in English."""

import re

import pytest
from django.utils.html import strip_tags

from lotse.placements.services import placement_propose

pytestmark = pytest.mark.django_db

CODES = re.compile(
    r"\b(weekly|once|distance|skills|workload|continuity|availability)\b"
    r"|\b(mon|tue|wed|thu|fri|sat|sun) \d\d:\d\d|\b20\d\d-\d\d-\d\d\b"
)


def _visible(client, user, url, language):
    client.force_login(user)
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200
    main = response.content.decode().split("<main", 1)[-1].split("</main>", 1)[0]
    return " ".join(strip_tags(main).split())


@pytest.fixture
def weekly_need(need):
    need.schedule = "weekly tue 17:00-19:00 from 2027-01-05"
    need.save(update_fields=["schedule"])
    need.facility.consultation_hours = "mon 14:00-16:00; thu 09:00-12:00"
    need.facility.save(update_fields=["consultation_hours"])
    return need


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_propose_page_speaks_in_words(client, weekly_need, volunteer, alice, language):
    text = _visible(client, alice, f"/placements/propose/?need={weekly_need.pk}"
                    f"&volunteer={volunteer.pk}", language)  # fmt: skip
    assert not CODES.search(text), CODES.search(text)
    assert ("dienstags 17–19 Uhr" if language == "de" else "Tuesdays 17:00–19:00") in text


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_placement_page_speaks_in_words(client, weekly_need, volunteer, victor, alice,
                                            language):  # fmt: skip
    placement = placement_propose(need=weekly_need, volunteer=volunteer, actor=alice)
    for user in (alice, victor):
        text = _visible(client, user, f"/placements/{placement.pk}/", language)
        assert not CODES.search(text), (user, CODES.search(text))
    assert ("Entfernung" if language == "de" else "Distance") in _visible(
        client, alice, f"/placements/{placement.pk}/", language
    )

"""No dead ends for volunteers: why few needs fit, the one-click wider radius, all open needs,
and what is live first on the start page."""

import re

import pytest
from django.contrib.messages import get_messages
from django.utils import translation

from lotse.matchmaking.forms import RADIUS_CHOICE, UNKNOWN_CHOICE
from lotse.needs.services import need_create
from lotse.placements.services import placement_approve, placement_propose
from lotse.privacy.models import Consent
from lotse.privacy.services import consent_give
from lotse.volunteers.models import Volunteer

from .conftest import next_weekday, volunteer

pytestmark = pytest.mark.django_db

HOME, BROWSE, WIDEN = "/volunteer/", "/volunteer/opportunities/all/", "/volunteer/radius/"
DU_FORMS = re.compile(r"\b(du|dich|dir|dein|deine|deinen|deinem|deiner|euch|euer|eure)\b", re.I)


@pytest.fixture
def nora():
    """Lives in the city centre (48143), ~6 km from Kinderhaus, and travels only 2 km."""
    return volunteer(
        "nora@example.org",
        postcode="48143",
        max_distance_km=2,
        languages={"de": 4},
        skills=("accompaniment",),
        availability="tue 15:00-19:00",
    )


@pytest.fixture
def sewing_need(alice, facility_a1):
    """A sewing café in Kinderhaus on Tuesdays: a task nobody here has chosen."""
    start = next_weekday(1)
    return need_create(
        actor=alice, facility=facility_a1, title="Nähcafé", main_skill="repair_cafe",
        schedule=f"weekly tue 16:00-18:00 from {start}",
    )  # fmt: skip


@pytest.fixture
def accompaniment_need(alice, facility_a1):
    start = next_weekday(1)
    return need_create(
        actor=alice, facility=facility_a1, title="Begleitung zum Jobcenter",
        main_skill="accompaniment", schedule=f"weekly tue 16:00-18:00 from {start}",
    )  # fmt: skip


def in_german(text) -> str:
    with translation.override("de"):
        return str(text)


def german(client, url, **kwargs):
    with translation.override("de"):
        return client.get(url, HTTP_ACCEPT_LANGUAGE="de", **kwargs)


def test_it_says_how_many_needs_are_too_far_for_her_radius(client, nora, accompaniment_need):
    client.force_login(nora.user)
    page = german(client, HOME).content.decode()
    assert "1 Einsatz ist weiter als 2 km entfernt." in page
    assert "Wir melden uns" not in page


def test_it_offers_the_wider_radius_with_a_preview(client, nora, accompaniment_need):
    client.force_login(nora.user)
    page = german(client, HOME).content.decode()
    assert "Umkreis auf 10 km erweitern – dann passt 1 Einsatz" in page
    assert 'name="radius_km" value="10"' in page and "csrfmiddlewaretoken" in page


def test_one_click_widens_her_radius_and_then_she_sees_the_need(client, nora, accompaniment_need):
    client.force_login(nora.user)
    answer = client.post(WIDEN, {"radius_km": "10"}, HTTP_ACCEPT_LANGUAGE="de")
    assert answer.status_code == 302 and answer["Location"] == HOME
    assert Volunteer.objects.get(pk=nora.pk).max_distance_km == 10
    said = [str(m) for m in get_messages(answer.wsgi_request)]
    assert any("10 km" in text and "2 km" in text for text in said), said
    page = german(client, HOME).content.decode()
    assert accompaniment_need.title in page
    assert f"/placements/offer/{accompaniment_need.pk}/" in page


def test_the_widening_keeps_the_rest_of_her_profile(client, nora, accompaniment_need):
    skills_before = sorted(s.slug for s in nora.skills.all())
    client.force_login(nora.user)
    client.post(WIDEN, {"radius_km": "10"})
    nora = Volunteer.objects.get(pk=nora.pk)
    assert sorted(s.slug for s in nora.skills.all()) == skills_before
    assert nora.availability == "tue 15:00-19:00"


@pytest.mark.parametrize("value", ["10000", "-5", "zehn", "", "3"])
def test_bad_radius_input_is_refused_with_a_message_and_nothing_saved(client, nora, value):
    client.force_login(nora.user)
    answer = client.post(WIDEN, {"radius_km": value})
    assert answer.status_code == 400
    assert in_german(RADIUS_CHOICE) in answer.content.decode()
    assert Volunteer.objects.get(pk=nora.pk).max_distance_km == 2


def test_a_missing_radius_is_refused_with_a_message(client, nora):
    client.force_login(nora.user)
    answer = client.post(WIDEN, {})
    assert answer.status_code == 400
    assert Volunteer.objects.get(pk=nora.pk).max_distance_km == 2


def test_staff_cannot_widen_anything(client, alice):
    client.force_login(alice)
    assert client.post(WIDEN, {"radius_km": "10"}).status_code == 302


def test_a_need_outside_her_tasks_is_shown_under_also_possible_spoken_to_her(
    client, sewing_need, amira
):
    client.force_login(amira.user)
    page = german(client, HOME).content.decode()
    assert "Auch möglich" in page
    assert "Sie haben Nähen und Reparaturcafé nicht angegeben" in page
    assert "hat Nähen" not in page


def test_her_own_task_comes_before_also_possible(client, sewing_need, accompaniment_need, amira):
    client.force_login(amira.user)
    page = german(client, HOME).content.decode()
    assert page.index(accompaniment_need.title) < page.index("Auch möglich")
    assert page.index("Auch möglich") < page.index(sewing_need.title)


def test_the_social_workers_page_still_speaks_about_the_volunteer(
    client, alice, sewing_need, amira
):
    client.force_login(alice)
    page = german(client, f"/needs/{sewing_need.pk}/candidates/").content.decode()
    assert "hat Nähen und Reparaturcafé nicht angegeben" in page


def test_the_start_page_links_to_all_open_needs(client, amira):
    client.force_login(amira.user)
    assert BROWSE in german(client, HOME).content.decode()


def test_the_browse_list_shows_every_open_need_with_its_verdict(
    client, nora, accompaniment_need, sewing_need
):
    client.force_login(nora.user)
    page = german(client, BROWSE).content.decode()
    assert accompaniment_need.title in page and sewing_need.title in page
    assert "Passt noch nicht" in page and "Sie fahren höchstens 2 km" in page
    assert "dienstags" in page  # the schedule in words, not `weekly tue`
    assert "weekly tue" not in page


def test_the_browse_list_filters_by_task(client, nora, accompaniment_need, sewing_need):
    client.force_login(nora.user)
    page = german(client, BROWSE, data={"skill": "repair_cafe"}).content.decode()
    assert sewing_need.title in page and accompaniment_need.title not in page


def test_the_browse_list_filters_by_weekday(client, nora, accompaniment_need):
    client.force_login(nora.user)
    page = german(client, BROWSE, data={"weekday": "0"}).content.decode()
    assert accompaniment_need.title not in page
    assert "Entfernen Sie einen Filter" in page


def test_the_browse_list_never_shows_other_volunteers(client, nora, amira, accompaniment_need):
    client.force_login(nora.user)
    page = german(client, BROWSE).content.decode()
    assert amira.display_name not in page and amira.user.email not in page


@pytest.mark.parametrize(
    "query",
    [{"district": "999999"}, {"district": "Nord"}, {"skill": "juggling"}, {"language": "xx"},
     {"weekday": "9"}, {"weekday": "-1"}, {"weekday": "Montag"}],
)  # fmt: skip
def test_bad_filters_get_a_clear_400_never_a_500(client, nora, query):
    client.force_login(nora.user)
    answer = client.get(BROWSE, query)
    assert answer.status_code == 400
    assert in_german(UNKNOWN_CHOICE) in answer.content.decode()


def test_staff_are_sent_away_from_the_browse_list(client, alice):
    client.force_login(alice)
    assert client.get(BROWSE).status_code == 302


def test_anonymous_visitors_are_asked_to_log_in(client):
    assert "/accounts/login/" in client.get(BROWSE)["Location"]


def test_a_volunteer_with_an_active_placement_sees_it_first_and_not_nothing_fits(
    client, alice, nora, accompaniment_need
):
    consent_give(user=nora.user, kind=Consent.Kind.CODE_OF_CONDUCT, version="test")
    placement = placement_propose(need=accompaniment_need, volunteer=nora, actor=nora.user)
    placement_approve(placement=placement, actor=alice)
    client.force_login(nora.user)
    page = german(client, HOME).content.decode()
    assert "Ihr nächster Termin" in page and "Ihre Einsätze" in page
    assert accompaniment_need.title in page
    assert accompaniment_need.facility.street in page
    assert "Gerade passt kein offener Bedarf" not in page and "Wir melden uns" not in page


def test_german_texts_of_the_matchmaking_catalogue_use_sie_never_du():
    from pathlib import Path

    import lotse.matchmaking

    po = Path(lotse.matchmaking.__file__).parent / "locale/de/LC_MESSAGES/django.po"
    texts = re.findall(r'^msgstr(?:\[\d\])? "(.*)"', po.read_text(), re.M)
    assert texts and not [t for t in texts if DU_FORMS.search(t)]


def test_the_engine_texts_spoken_to_the_volunteer_use_sie_never_du():
    from matching.messages import MESSAGES_TO_VOLUNTEER

    german_texts = [
        text
        for texts in MESSAGES_TO_VOLUNTEER.values()
        for text in (texts["de"] if isinstance(texts["de"], tuple) else (texts["de"],))
    ]
    assert not [t for t in german_texts if DU_FORMS.search(t)]


def test_a_reason_speaks_to_the_volunteer_only_when_asked():
    from matching import Reason

    lacks = Reason("lacks_skill", {"skill": "repair_cafe"})
    assert lacks.text("de") == "hat Nähen und Reparaturcafé nicht angegeben"
    assert (
        lacks.text("de", to_volunteer=True) == "Sie haben Nähen und Reparaturcafé nicht angegeben"
    )
    assert lacks.text("en", to_volunteer=True) == "you have not listed sewing and repair café"

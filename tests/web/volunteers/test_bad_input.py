"""Errors where they happen (issue 16, item 4): each wizard step checks its own answers,
phone numbers are stored in one form, inputs bring the right keyboard, dates stay ISO."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.places.models import Postcode
from lotse.volunteers.models import SignupDraft, Volunteer

from ..placements.factories import NeedFactory, make_placement
from .test_api import ME, NEW_PROFILE
from .test_wizard import STEPS

pytestmark = pytest.mark.django_db


def _step(client, name, data):
    return client.post(reverse("volunteers:signup_step", kwargs={"step": name}), data)


def _register(client, user, **changes):
    client.force_login(user)
    for name, data in STEPS.items():
        response = _step(client, name, data | changes.get(name, {}))
        assert response.status_code == 302, response.content.decode()[:3000]
    return Volunteer.objects.get(user=user)


def test_a_berlin_postcode_is_refused_on_the_postcode_step_naming_muenster(client, wanda):
    client.force_login(wanda)
    response = _step(client, "place", STEPS["place"] | {"postcode": "10115"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "10115 ist keine Postleitzahl von Münster" in page
    assert "beginnen mit 481…" in page


def test_a_refused_step_neither_advances_nor_keeps_the_answer(client, wanda):
    client.force_login(wanda)
    _step(client, "place", STEPS["place"] | {"postcode": "10115"})
    assert "postcode" not in (client.session.get("volunteer_wizard") or {})
    assert not SignupDraft.objects.filter(user=wanda).exists()


def test_a_volunteer_from_greven_registers_with_the_greven_centroid(client, wanda):
    volunteer = _register(client, wanda, place={"postcode": "48268", "max_distance_km": "25"})
    greven = Postcode.objects.get(code="48268")
    assert (volunteer.lat, volunteer.lon) == (greven.lat, greven.lon)


def test_a_volunteer_from_greven_is_matchable_within_their_radius(client, wanda, alice):
    volunteer = _register(client, wanda, place={"postcode": "48268", "max_distance_km": "25"})
    client.force_login(alice)
    body = client.get("/api/v1/volunteers/", {"facility": alice.facilities.first().pk}).json()
    row = next(r for r in body["results"] if r["id"] == volunteer.pk)
    assert 5 < row["distance_km"] < 15  # Greven to Kinderhaus, from the centroids


def test_a_phone_that_is_no_number_is_refused_on_its_step(client, wanda):
    client.force_login(wanda)
    for junk in ("abc", "123", "0251 12345678901234567890"):
        response = _step(client, "about", STEPS["about"] | {"phone": junk})
        assert response.status_code == 200
        assert "sieht nicht wie eine Telefonnummer aus" in response.content.decode()


def test_the_wizard_stores_a_phone_in_e164(client, wanda):
    volunteer = _register(client, wanda, about={"phone": "0251 123456"})
    assert volunteer.phone == "+49251123456"


def test_the_api_stores_a_phone_in_e164(client, wanda):
    client.force_login(wanda)
    body = NEW_PROFILE | {"phone": "0251 123456"}
    assert client.put(ME, body, content_type="application/json").status_code == 200
    assert Volunteer.objects.get(user=wanda).phone == "+49251123456"


def test_the_api_refuses_a_phone_that_is_no_number(client, victor):
    client.force_login(victor)
    response = client.patch(ME, {"phone": "abc"}, "application/json")
    assert response.status_code == 400
    assert "phone" in response.json()
    assert Volunteer.objects.get(user=victor).phone == ""


def test_the_profile_shows_a_phone_in_the_national_format(client, victor):
    Volunteer.objects.filter(user=victor).update(phone="+49251123456")
    client.force_login(victor)
    assert "0251 123456" in client.get(reverse("volunteers:profile")).content.decode()


def test_an_old_phone_that_does_not_parse_still_shows(client, victor):
    Volunteer.objects.filter(user=victor).update(phone="abends: 0251-12")
    client.force_login(victor)
    assert "abends: 0251-12" in client.get(reverse("volunteers:profile")).content.decode()
    edit = client.get(reverse("volunteers:profile_edit")).content.decode()
    assert 'value="abends: 0251-12"' in edit


def test_fields_bring_the_right_keyboard_and_autofill(client, wanda):
    client.force_login(wanda)
    about = client.get(reverse("volunteers:signup_step", kwargs={"step": "about"}))
    place = client.get(reverse("volunteers:signup_step", kwargs={"step": "place"}))
    page = about.content.decode() + place.content.decode()
    for attrs in (
        'type="tel" name="phone" inputmode="tel" autocomplete="tel"',
        'autocomplete="given-name"',
        'autocomplete="family-name"',
        'autocomplete="street-address"',
    ):
        assert attrs in page, attrs
    assert re.search(
        r'name="postcode"[^>]*inputmode="numeric"[^>]*autocomplete="postal-code"', page
    ) or (
        re.search(r'name="postcode"[^>]*autocomplete="postal-code"[^>]*inputmode="numeric"', page)
    )


def test_the_error_summary_links_to_each_field_with_an_error(client, wanda):
    client.force_login(wanda)
    response = _step(client, "about", {"first_name": "", "last_name": "Weber", "phone": "abc"})
    summary = re.search(
        r'<div role="alert" class="error-summary".*?</div>', response.content.decode(), re.S
    )
    assert summary
    assert '<a href="#id_first_name">Vorname:' in summary.group(0)
    assert '<a href="#id_phone">Telefon (freiwillig): Das sieht nicht' in summary.group(0)


def test_the_profile_page_shows_the_error_summary_with_prefixed_ids(client, victor):
    client.force_login(victor)
    data = {"place-postcode": "10115", "place-max_distance_km": "5"}
    page = client.post(reverse("volunteers:profile_edit"), data).content.decode()
    assert 'href="#id_place-postcode"' in page


@pytest.mark.parametrize("step", list(STEPS))
def test_junk_on_any_step_is_never_a_500_and_saves_nothing(client, wanda, step):
    client.force_login(wanda)
    junk = dict.fromkeys(STEPS[step], "\u202e<script>" + "9" * 300)
    response = _step(client, step, junk)
    assert response.status_code in (200, 302)
    assert not Volunteer.objects.filter(user=wanda).exists()


def test_finishing_without_the_earlier_steps_goes_back_to_the_first_missing(client, wanda):
    client.force_login(wanda)
    response = _step(client, "consent", STEPS["consent"])
    assert response.url == reverse("volunteers:signup_step", kwargs={"step": "place"})
    assert not Volunteer.objects.filter(user=wanda).exists()


def test_the_hours_form_fills_the_date_in_iso_also_in_german(client, victor, alice, facility_a1):
    from lotse.privacy.models import Consent
    from lotse.privacy.services import consent_give

    consent_give(user=victor, kind=Consent.Kind.CODE_OF_CONDUCT, version="test")
    need = NeedFactory(facility=facility_a1, created_by=alice)
    placement = make_placement(need=need, volunteer=victor.volunteer, how="active", approver=alice)
    client.force_login(victor)
    page = client.get(reverse("placements:detail", args=[placement.pk])).content.decode()
    today = timezone.localdate().isoformat()
    assert f'type="date" name="date" value="{today}"' in page
    response = client.post(
        reverse("placements:log_hours", args=[placement.pk]), {"date": today, "hours": "2"}
    )
    assert response.status_code == 302
    assert placement.hours.get().date.isoformat() == today

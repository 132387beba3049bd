"""The sign-up journey after the account: six short steps, saved only at the end."""

import pytest
from django.urls import reverse

from lotse.privacy.models import Consent
from lotse.volunteers.models import Volunteer
from lotse.volunteers.services import PRIVACY_REQUIRED
from lotse.volunteers.slots import END_NOT_AFTER_START

pytestmark = pytest.mark.django_db

STEPS = {
    "about": {"first_name": "Wanda", "last_name": "Weber", "phone": ""},
    "place": {"postcode": "48145", "street": "", "max_distance_km": "4",
              "travel_modes": ["bike", "public_transport"]},
    "skills": {"skills": ["interpreting", "accompaniment"]},
    "languages": {"lang_de": "4", "lang_ar": "3"},
    "time": {"slot_0_day": "tue", "slot_0_start": "16:00", "slot_0_end": "19:00",
             "slot_1_day": "sat", "slot_1_start": "10:00", "slot_1_end": "12:30",
             "max_hours_per_month": "10"},
    "consent": {"motivation": "Ich spreche Arabisch.", "privacy": "on",
                "code_of_conduct": "on"},
}  # fmt: skip


def _step(client, name, data):
    return client.post(reverse("volunteers:signup_step", kwargs={"step": name}), data)


def test_a_new_volunteer_completes_the_wizard(client, wanda):
    client.force_login(wanda)
    assert client.get(reverse("volunteers:signup")).url.endswith("/signup/about/")
    for name, data in STEPS.items():
        response = _step(client, name, data)
        assert response.status_code == 302, response.content.decode()[:2000]
    assert response.url == reverse("volunteers:profile")
    volunteer = Volunteer.objects.get(user=wanda)
    assert volunteer.availability == "tue 16:00-19:00; sat 10:00-12:30"
    assert sorted(volunteer.skills.values_list("slug", flat=True)) == [
        "accompaniment",
        "interpreting",
    ]
    assert volunteer.travel_modes == ["bike", "public_transport"]
    assert Consent.objects.filter(user=wanda, withdrawn_at=None).count() == 2
    wanda.refresh_from_db()
    assert wanda.display_name == "Wanda W."


def test_nothing_is_saved_before_the_last_step(client, wanda):
    client.force_login(wanda)
    for name, data in list(STEPS.items())[:-1]:
        _step(client, name, data)
    assert not Volunteer.objects.filter(user=wanda).exists()


def test_each_step_is_german_and_shows_its_progress(client, wanda):
    client.force_login(wanda)
    page = client.get(reverse("volunteers:signup_step", kwargs={"step": "place"}))
    assert "Schritt 2 von 6" in page.content.decode()


def test_a_bad_postcode_is_shown_on_its_step(client, wanda):
    client.force_login(wanda)
    response = _step(client, "place", STEPS["place"] | {"postcode": "1234"})
    assert response.status_code == 200
    assert response.context["form"].errors["postcode"]
    assert 'aria-invalid="true"' in response.content.decode()


def test_a_slot_ending_before_it_starts_is_shown_on_its_row(client, wanda):
    client.force_login(wanda)
    response = _step(client, "time", STEPS["time"] | {"slot_1_end": "09:00"})
    assert response.context["form"].errors["slot_1_day"] == [str(END_NOT_AFTER_START)]


def test_without_consent_the_profile_is_not_saved(client, wanda):
    client.force_login(wanda)
    for name, data in list(STEPS.items())[:-1]:
        _step(client, name, data)
    response = _step(client, "consent", {"motivation": "", "code_of_conduct": "on"})
    assert response.context["form"].errors["privacy"] == [str(PRIVACY_REQUIRED)]
    assert not Volunteer.objects.filter(user=wanda).exists()


def test_a_volunteer_with_a_profile_is_sent_to_editing(client, victor):
    client.force_login(victor)
    response = client.get(reverse("volunteers:signup_step", kwargs={"step": "about"}))
    assert response.url == reverse("volunteers:profile_edit")


def test_staff_cannot_open_the_wizard(client, alice):
    client.force_login(alice)
    assert client.get(reverse("volunteers:signup")).status_code == 403


def test_the_wizard_is_offered_in_english_too(client, wanda):
    client.force_login(wanda)
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("volunteers:signup_step", kwargs={"step": "about"}))
    assert "Step 1 of 6" in page.content.decode()

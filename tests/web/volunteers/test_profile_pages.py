import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from lotse.privacy.models import Consent
from lotse.volunteers.models import Volunteer

pytestmark = pytest.mark.django_db


def test_my_profile_shows_my_own_data(client, victor):
    client.force_login(victor)
    page = client.get(reverse("volunteers:profile")).content.decode()
    assert victor.email in page
    assert "dienstags 16–19 Uhr; samstags 10–14 Uhr" in page


@pytest.mark.parametrize(
    ("start", "end", "shown"),
    [
        (None, None, "Ohne zeitliche Begrenzung"),
        (dt.date(2027, 2, 1), None, "ab 01.02.2027"),
        (None, dt.date(2027, 2, 1), "bis 01.02.2027"),
        (dt.date(2027, 2, 1), dt.date(2027, 6, 30), "01.02.2027 – 30.06.2027"),
    ],
)
def test_my_profile_says_in_words_when_i_am_available(client, victor, start, end, shown):
    Volunteer.objects.filter(user=victor).update(available_from=start, available_until=end)
    client.force_login(victor)
    page = client.get(reverse("volunteers:profile"), HTTP_ACCEPT_LANGUAGE="de").content.decode()
    assert f"<dt>Verfügbar</dt><dd>{shown}</dd>" in page


def test_editing_saves_every_section(client, victor):
    client.force_login(victor)
    form = client.get(reverse("volunteers:profile_edit")).context["forms"]
    data = {}
    for section in form:
        for name, field in section.fields.items():
            value = section.initial.get(name, field.initial)
            if value is not None:
                data[f"{section.prefix}-{name}"] = value
    data["place-max_distance_km"] = "12"
    data["time-slot_0_start"] = "17:00"
    response = client.post(reverse("volunteers:profile_edit"), data)
    assert response.status_code == 302, response.context and [
        f.errors for f in response.context["forms"]
    ]
    volunteer = Volunteer.objects.get(user=victor)
    assert volunteer.max_distance_km == 12
    assert volunteer.availability == "tue 17:00-19:00; sat 10:00-14:00"


def test_a_volunteer_takes_a_break_and_comes_back(client, victor):
    client.force_login(victor)
    until = timezone.localdate() + dt.timedelta(days=10)
    client.post(reverse("volunteers:pause"), {"paused_until": until.isoformat()})
    assert Volunteer.objects.get(user=victor).paused_until == until
    client.post(reverse("volunteers:pause"), {"resume": "1"})
    assert Volunteer.objects.get(user=victor).paused_until is None


def test_a_break_in_the_past_is_refused_with_a_message(client, victor):
    client.force_login(victor)
    response = client.post(reverse("volunteers:pause"), {"paused_until": "2020-01-01"}, follow=True)
    assert "Zukunft" in response.content.decode()
    assert Volunteer.objects.get(user=victor).paused_until is None


def test_a_volunteer_withdraws_and_gives_consent_again(client, victor):
    client.force_login(victor)
    url = reverse("volunteers:consent_change", kwargs={"kind": "privacy", "action": "give"})
    client.post(url)
    client.post(url.replace("/give/", "/withdraw/"))
    records = Consent.objects.filter(user=victor, kind="privacy")
    assert records.count() == 1
    assert records.get().withdrawn_at is not None
    page = client.get(reverse("volunteers:profile")).content.decode()
    assert "Nicht zugestimmt" in page


def test_the_consent_texts_show_their_version(client, settings):
    settings.LOTSE_PRIVACY_VERSION = "2031-02"
    page = client.get(reverse("volunteers:consent_text", kwargs={"kind": "privacy"}))
    assert "2031-02" in page.content.decode()


def test_the_profile_is_for_volunteers_only(client, alice):
    client.force_login(alice)
    assert client.get(reverse("volunteers:profile")).status_code == 403


def test_the_start_page_links_to_the_wizard_until_the_profile_exists(client, wanda):
    client.force_login(wanda)
    page = client.get(reverse("web:volunteer_home")).content.decode()
    assert reverse("volunteers:signup") in page


@pytest.mark.parametrize(("stored", "shown"), [(5.0, 'value="5"'), (2.5, 'value="2.5"')])
def test_the_travel_distance_shows_as_people_write_it(client, victor, stored, shown):
    """A whole number of kilometres without ".0" (the browser shows 2.5 as "2,5" itself)."""
    Volunteer.objects.filter(user=victor).update(max_distance_km=stored)
    client.force_login(victor)
    page = client.get(reverse("volunteers:profile_edit")).content.decode()
    field = re.search(r'<input[^>]*name="place-max_distance_km"[^>]*>', page).group(0)
    assert shown in field

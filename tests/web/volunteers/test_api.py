"""/api/v1/volunteers: myself via /me; staff read within scope, without contact details."""

import pytest
from django.utils import timezone

from lotse.accounts.tokens import issue_token
from lotse.privacy.models import Consent
from lotse.volunteers.models import CertificateInspection, Volunteer

pytestmark = pytest.mark.django_db
ME = "/api/v1/volunteers/me/"
LIST = "/api/v1/volunteers/"
NEW_PROFILE = {
    "first_name": "Wanda", "last_name": "Weber", "postcode": "48145", "max_distance_km": 4,
    "travel_modes": ["bike"], "skills": ["interpreting"], "languages": {"ar": "native"},
    "availability": "tue 16:00-19:00", "max_hours_per_month": 8,
    "privacy_accepted": True, "code_of_conduct_accepted": True,
}  # fmt: skip


def test_a_volunteer_reads_their_own_profile(client, victor):
    client.force_login(victor)
    body = client.get(ME).json()
    assert body["email"] == victor.email
    assert body["languages"] == {"de": "native", "ar": "native"}
    assert {c["kind"] for c in body["consents"]} == {"privacy", "code_of_conduct"}


def test_a_new_volunteer_creates_the_profile_with_both_consents(client, wanda):
    client.force_login(wanda)
    response = client.put(ME, NEW_PROFILE, content_type="application/json")
    assert response.status_code == 200, response.json()
    assert Volunteer.objects.get(user=wanda).availability == "tue 16:00-19:00"
    assert Consent.objects.filter(user=wanda).count() == 2


def test_creating_without_consent_is_refused(client, wanda):
    client.force_login(wanda)
    body = NEW_PROFILE | {"privacy_accepted": False}
    response = client.put(ME, body, content_type="application/json")
    assert response.status_code == 400
    assert "privacy" in response.json()
    assert not Volunteer.objects.filter(user=wanda).exists()


def test_the_profile_round_trips_through_the_api(client, victor):
    client.force_login(victor)
    before = client.get(ME).json()
    writable = {k: before[k] for k in NEW_PROFILE if k in before}
    response = client.put(ME, writable, content_type="application/json")
    assert response.status_code == 200
    assert response.json() == before


def test_patch_changes_only_what_is_sent(client, victor):
    client.force_login(victor)
    response = client.patch(ME, {"availability": "fri 09:00-11:00"}, "application/json")
    assert response.status_code == 200
    volunteer = Volunteer.objects.get(user=victor)
    assert volunteer.availability == "fri 09:00-11:00"
    assert set(volunteer.skills.values_list("slug", flat=True)) == {
        "accompaniment",
        "german_practice",
    }


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"availability": "mon 20:00-17:00"}, "availability"),
        ({"languages": {"ar": "expert"}}, "languages"),
        ({"max_distance_km": 0}, "max_distance_km"),
        ({"skills": ["juggling"]}, "skills"),
    ],
)
def test_bad_input_is_a_400_and_changes_nothing(client, victor, change, field):
    client.force_login(victor)
    response = client.patch(ME, change, "application/json")
    assert response.status_code == 400
    assert field in response.json()
    volunteer = Volunteer.objects.get(user=victor)
    assert (volunteer.availability, volunteer.max_distance_km) == (
        "tue 16:00-19:00; sat 10:00-14:00",
        10,
    )


def test_me_is_404_before_the_profile_exists(client, wanda):
    client.force_login(wanda)
    assert client.get(ME).status_code == 404


def test_staff_have_no_me(client, alice):
    client.force_login(alice)
    assert client.get(ME).status_code == 403


def test_a_volunteer_withdraws_consent_through_the_api(client, victor):
    client.force_login(victor)
    client.post(ME + "consents/privacy/")
    body = client.delete(ME + "consents/privacy/").json()
    assert next(c for c in body if c["kind"] == "privacy")["agreed_version"] is None


def test_a_social_worker_lists_volunteers_without_contact_details(client, alice, victor):
    client.force_login(alice)
    body = client.get(LIST, {"facility": alice.facilities.first().pk}).json()
    row = next(r for r in body["results"] if r["id"] == victor.volunteer.pk)
    assert row["display_name"] == victor.display_name
    assert row["distance_km"] > 0
    assert row["contact"] is None
    assert victor.email not in str(body)


def test_the_list_is_nearest_first_for_a_facility(client, alice, facility_a2, victor, far_away):
    client.force_login(alice)
    results = client.get(LIST, {"facility": facility_a2.pk}).json()["results"]
    assert results[0]["id"] == far_away.pk
    assert [r["distance_km"] for r in results] == sorted(r["distance_km"] for r in results)


def test_a_facility_outside_the_scope_is_a_400(client, alice, facility_c1):
    client.force_login(alice)
    assert client.get(LIST, {"facility": facility_c1.pk}).status_code == 400


def test_volunteers_out_of_reach_are_not_listed(client, charlie, far_away, victor):
    client.force_login(charlie)
    ids = {r["id"] for r in client.get(LIST).json()["results"]}
    assert victor.volunteer.pk in ids and far_away.pk not in ids
    assert client.get(f"{LIST}{far_away.pk}/").status_code == 404


def test_the_list_filters_by_external_id(client, erin, victor, far_away):
    Volunteer.objects.filter(pk=far_away.pk).update(external_id="EA-7")
    client.force_login(erin)
    body = client.get(LIST, {"external_id": "EA-7"}).json()
    assert [r["id"] for r in body["results"]] == [far_away.pk]


@pytest.mark.parametrize("name", ["bob", "dora", "victor"])
def test_others_get_403_on_the_volunteer_list(client, everyone, name):
    client.force_login(everyone[name])
    assert client.get(LIST).status_code == 403


def test_a_client_uses_a_token(client, alice, victor):
    _, key = issue_token(alice)
    response = client.get(LIST, HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200
    assert response.json()["count"] >= 1


def test_a_social_worker_records_an_inspection_through_the_api(client, alice, victor):
    client.force_login(alice)
    today = timezone.localdate().isoformat()
    response = client.post(
        f"{LIST}{victor.volunteer.pk}/certificate-inspections/",
        {"certificate_date": today, "inspected_on": today},
        "application/json",
    )
    assert response.status_code == 201
    assert response.json()["state"] == "valid"
    assert CertificateInspection.objects.get().inspected_by == alice

"""What staff see of volunteers: never contact details or address before an agreement."""

import pytest
from django.urls import reverse

from lotse.volunteers.models import CertificateInspection
from lotse.volunteers.services import volunteer_profile_save

pytestmark = pytest.mark.django_db
SECRET_STREET = "Geheimweg 7"
SECRET_PHONE = "0251 999888"  # as shown: stored as +49251999888


@pytest.fixture
def victor_with_contact(victor):
    volunteer_profile_save(
        user=victor, postcode="48143", max_distance_km=10, availability="tue 16:00-19:00",
        skills=["interpreting"], languages={"ar": 4}, street=SECRET_STREET, phone=SECRET_PHONE,
    )  # fmt: skip
    return victor


def _assert_no_contact(page: str, victor) -> None:
    for secret in (victor.email, SECRET_STREET, SECRET_PHONE, victor.last_name):
        assert secret not in page


def test_a_social_worker_sees_the_public_profile_and_distance(client, alice, victor_with_contact):
    client.force_login(alice)
    page = client.get(reverse("volunteers:list")).content.decode()
    assert victor_with_contact.display_name in page
    assert "Sprachmittlung" in page and "Arabisch" in page and "km" in page
    _assert_no_contact(page, victor_with_contact)


def test_the_detail_page_hides_contact_details_before_a_placement(
    client, alice, victor_with_contact
):
    client.force_login(alice)
    url = reverse("volunteers:detail", kwargs={"pk": victor_with_contact.volunteer.pk})
    page = client.get(url).content.decode()
    assert "Distanz" in page or "Entfernung" in page
    _assert_no_contact(page, victor_with_contact)


def test_an_agreed_placement_releases_the_contact_details(client, alice, victor_with_contact):
    from ..placements.factories import NeedFactory, make_placement

    need = NeedFactory(facility=alice.facilities.first(), created_by=alice)
    make_placement(need=need, volunteer=victor_with_contact.volunteer, how="active")
    client.force_login(alice)
    url = reverse("volunteers:detail", kwargs={"pk": victor_with_contact.volunteer.pk})
    page = client.get(url).content.decode()
    assert victor_with_contact.email in page and SECRET_PHONE in page


def test_a_social_worker_sees_only_volunteers_within_reach(client, charlie, far_away, victor):
    client.force_login(charlie)
    listed = client.get(reverse("volunteers:list")).context["volunteers"]
    assert victor.volunteer in listed
    assert far_away not in listed
    url = reverse("volunteers:detail", kwargs={"pk": far_away.pk})
    assert client.get(url).status_code == 404


@pytest.mark.parametrize("name", ["bob", "dora", "victor"])
def test_others_do_not_see_volunteers(client, everyone, name):
    client.force_login(everyone[name])
    assert client.get(reverse("volunteers:list")).status_code == 403
    url = reverse("volunteers:detail", kwargs={"pk": everyone["victor"].volunteer.pk})
    assert client.get(url).status_code == 403


def test_a_social_worker_records_an_inspection_on_the_page(client, alice, victor):
    client.force_login(alice)
    url = reverse("volunteers:certificate_record", kwargs={"pk": victor.volunteer.pk})
    from django.utils import timezone

    today = timezone.localdate().isoformat()
    response = client.post(
        url, {"certificate_date": today, "inspected_on": today, "disqualifying_conviction": "no"}
    )
    assert response.status_code == 302
    assert CertificateInspection.objects.get().inspected_by == alice


def test_a_bad_inspection_is_refused_on_the_page(client, alice, victor):
    client.force_login(alice)
    url = reverse("volunteers:certificate_record", kwargs={"pk": victor.volunteer.pk})
    response = client.post(
        url,
        {"certificate_date": "2020-01-01", "inspected_on": "2020-12-01",
         "disqualifying_conviction": "no"},
    )  # fmt: skip
    assert response.status_code == 400
    assert response.context["form"].errors["certificate_date"]
    assert not CertificateInspection.objects.exists()


def test_a_volunteer_who_withdrew_consent_is_no_longer_shown(client, alice, victor):
    from lotse.privacy.services import consent_give_current, consent_withdraw

    consent_give_current(user=victor, kind="privacy")
    consent_withdraw(user=victor, kind="privacy")
    client.force_login(alice)
    assert victor.volunteer not in client.get(reverse("volunteers:list")).context["volunteers"]

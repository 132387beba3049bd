"""One scoped lookup for every path that names a volunteer by id (issue 17, finding 2): an id
outside the caller's scope, in the path, a query parameter or a POST body, answers like an id
that does not exist — nothing about the person leaks, nothing is created."""

import pytest
from django.test import Client

from lotse.placements.models import Placement
from lotse.privacy.models import Consent
from lotse.privacy.services import consent_give
from lotse.safeguarding.services import concern_raise, concern_volunteer_link
from lotse.volunteers.selectors import volunteer_in_scope, volunteers_visible_to

from ..factories import UserFactory, VolunteerFactory
from ..placements.factories import NeedFactory, make_placement

pytestmark = pytest.mark.django_db


@pytest.fixture
def anna(facility_a1, alice, bob):
    """Lives in Kinderhaus and travels 3 km: in reach of A1 (Stadt), not of C1 (Caritas)."""
    user = UserFactory(email="anna@example.org", first_name="Anna", last_name="Schmidt")
    volunteer = VolunteerFactory(user=user, postcode="48159", max_distance_km=3)
    consent_give(user=user, kind=Consent.Kind.CODE_OF_CONDUCT, version="test")
    make_placement(need=NeedFactory(facility=facility_a1), volunteer=volunteer, how="completed")
    facility_a1.contact_persons.add(bob)
    raised = concern_raise(facility_id=facility_a1.pk, category="volunteer_conduct",
                           text="Unpünktlich.")  # fmt: skip
    concern_volunteer_link(concern=raised.concern, actor=bob, volunteer_id=volunteer.pk,
                           suspend=True)  # fmt: skip
    return volunteer


@pytest.fixture
def charlies_need(facility_c1, charlie):
    return NeedFactory(facility=facility_c1, created_by=charlie, title="Begleitung Coerde")


def _as(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_anna_is_outside_charlies_scope_but_inside_alices(anna, alice, charlie):
    assert anna not in volunteers_visible_to(charlie)
    assert anna in volunteers_visible_to(alice)
    assert volunteer_in_scope(alice, anna.pk) == anna
    with pytest.raises(anna.DoesNotExist):
        volunteer_in_scope(charlie, anna.pk)


def test_the_propose_page_answers_404_for_a_volunteer_outside_my_scope(anna, charlie,
                                                                       charlies_need):  # fmt: skip
    response = _as(charlie).get(f"/placements/propose/?need={charlies_need.pk}&volunteer={anna.pk}")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Anna" not in page and "Schmidt" not in page and "offenes Anliegen" not in page


def test_proposing_on_the_page_outside_my_scope_creates_nothing(anna, charlie, charlies_need):
    response = _as(charlie).post("/placements/propose/",
                                 {"need": charlies_need.pk, "volunteer": anna.pk})  # fmt: skip
    assert response.status_code == 404
    assert not Placement.objects.filter(need=charlies_need).exists()


def test_the_api_answers_404_for_a_volunteer_outside_my_scope(anna, charlie, charlies_need):
    response = _as(charlie).post("/api/v1/placements/",
                                 {"need": charlies_need.pk, "volunteer": anna.pk},
                                 content_type="application/json")  # fmt: skip
    assert response.status_code == 404
    assert not Placement.objects.filter(need=charlies_need).exists()


def test_an_unknown_id_and_an_id_outside_my_scope_answer_alike(anna, charlie, charlies_need):
    client = _as(charlie)
    outside = client.post("/api/v1/placements/", {"need": charlies_need.pk, "volunteer": anna.pk},
                          content_type="application/json")  # fmt: skip
    unknown = client.post("/api/v1/placements/", {"need": charlies_need.pk, "volunteer": 999999},
                          content_type="application/json")  # fmt: skip
    assert (outside.status_code, _without_request_id(outside)) == (
        unknown.status_code,
        _without_request_id(unknown),
    )


def _without_request_id(response) -> dict:
    return {key: value for key, value in response.json().items() if key != "request_id"}


def test_the_volunteer_page_answers_404_outside_my_scope(anna, charlie, alice):
    assert _as(charlie).get(f"/volunteers/{anna.pk}/").status_code == 404
    assert _as(alice).get(f"/volunteers/{anna.pk}/").status_code == 200


@pytest.mark.parametrize("volunteer", ["abc", "-1", "99999999999999999999999", "", "1e3", "\x00"])
def test_a_malformed_volunteer_id_is_a_404_not_a_500(charlie, charlies_need, volunteer):
    response = _as(charlie).get(f"/placements/propose/?need={charlies_need.pk}",
                                {"volunteer": volunteer})  # fmt: skip
    assert response.status_code == 404


def test_a_volunteer_cannot_propose_someone_else_and_learns_nothing(anna, victor, facility_a1):
    need = NeedFactory(facility=facility_a1)
    response = _as(victor).post("/api/v1/placements/", {"need": need.pk, "volunteer": anna.pk},
                                content_type="application/json")  # fmt: skip
    assert response.status_code == 404
    assert not Placement.objects.filter(need=need).exists()


def test_a_social_worker_in_scope_sees_the_person_and_the_safety_gate(anna, alice, facility_a1):
    need = NeedFactory(facility=facility_a1, created_by=alice)
    page = _as(alice).get(f"/placements/propose/?need={need.pk}&volunteer={anna.pk}")
    assert page.status_code == 200
    assert "Anna" in page.content.decode() and "offenes Anliegen" in page.content.decode()


def test_proposing_a_volunteer_who_withdrew_consent_is_a_plain_404(anna, alice, facility_a1):
    from lotse.privacy.services import consent_withdraw

    consent_give(user=anna.user, kind=Consent.Kind.PRIVACY, version="test")
    consent_withdraw(user=anna.user, kind=Consent.Kind.PRIVACY)
    need = NeedFactory(facility=facility_a1, created_by=alice)
    client = _as(alice)
    api = client.post("/api/v1/placements/", {"need": need.pk, "volunteer": anna.pk},
                      content_type="application/json")  # fmt: skip
    page = client.get(f"/placements/propose/?need={need.pk}&volunteer={anna.pk}")
    assert (api.status_code, page.status_code) == (404, 404)
    assert "withdr" not in api.content.decode().lower() and "widerr" not in page.content.decode()

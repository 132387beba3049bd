import pytest
from django.test import Client, override_settings
from django.utils.html import escape

from lotse.safeguarding import services
from lotse.safeguarding.models import Concern, Status
from lotse.safeguarding.selectors import concern_by_reference
from lotse.safeguarding.throttles import TOO_MANY_CONCERNS
from notifications.models import Notification

pytestmark = pytest.mark.django_db
API = "/api/v1/concerns/"


def _body(facility, **extra):
    return {"facility": facility.pk, "category": "violence", "text": "Streit im Hof.", **extra}


def test_it_shows_the_form_without_login_and_preselects_the_facility(client, facility_a1):
    response = client.get(f"/concerns/new/?facility={facility_a1.pk}")
    assert response.status_code == 200
    assert f'<option value="{facility_a1.pk}" selected>' in response.content.decode()


def test_it_links_the_form_from_the_footer_of_every_page(client):
    assert 'href="/concerns/new/"' in client.get("/").content.decode()


def test_it_links_the_form_from_the_facility_page(client, alice, facility_a1):
    client.force_login(alice)
    page = client.get(f"/facilities/{facility_a1.pk}/").content.decode()
    assert f'href="/concerns/new/?facility={facility_a1.pk}"' in page


def test_it_takes_an_anonymous_concern_from_the_page_and_shows_a_reference(client, facility_a1):
    response = client.post(
        "/concerns/new/",
        {"facility": facility_a1.pk, "subject": "situation", "category": "house_rules",
         "text": "Nachts ist es laut."},
        follow=True,
    )  # fmt: skip
    concern = Concern.objects.get()
    assert concern.is_anonymous and concern.reporter is None
    reference = response.context["reference"]
    assert concern_by_reference(reference) == concern
    assert reference in response.content.decode()


def test_it_takes_a_concern_through_the_api_without_login(client, facility_a1):
    response = client.post(API, _body(facility_a1, contact="Mira, 0251 555"), "application/json")
    assert response.status_code == 201
    assert set(response.json()) == {"id", "status", "reference"}
    assert Concern.objects.get().contact == "Mira, 0251 555"


def test_it_refuses_an_oversized_text_and_saves_nothing(client, facility_a1, settings):
    settings.LOTSE_CONCERN_MAX_CHARS = 100
    response = client.post(API, _body(facility_a1, text="x" * 101), "application/json")
    assert response.status_code == 400
    assert response.json()["text"] == [str(services.TEXT_TOO_LONG % {"max": 100})]
    assert not Concern.objects.exists()


@pytest.mark.parametrize("facility", [0, 999999, "abc", None])
def test_it_refuses_a_forged_facility_and_saves_nothing(client, facility, facility_a1):
    response = client.post(API, {**_body(facility_a1), "facility": facility}, "application/json")
    assert response.status_code == 400
    assert not Concern.objects.exists()


def test_it_refuses_an_inactive_facility(client, facility_a1):
    facility_a1.is_active = False
    facility_a1.save()
    response = client.post(API, _body(facility_a1), "application/json")
    assert response.json()["facility"] == [str(services.UNKNOWN_FACILITY)]


def test_it_refuses_an_unknown_category_and_a_bad_email(client, facility_a1):
    response = client.post(
        API, _body(facility_a1, category="spam", contact_email="nope"), "application/json"
    )
    assert response.status_code == 400
    assert {"category", "contact_email"} <= set(response.json())
    assert not Concern.objects.exists()


def test_it_refuses_an_empty_text_on_the_page(client, facility_a1):
    response = client.post(
        "/concerns/new/",
        {"facility": facility_a1.pk, "subject": "situation", "category": "other", "text": "  "},
    )
    assert response.status_code == 400
    assert not Concern.objects.exists()


@override_settings(LOTSE_CONCERN_RATE="2/h")
def test_it_limits_anonymous_concerns_through_the_api(client, facility_a1):
    codes = [client.post(API, _body(facility_a1), "application/json").status_code for _ in "abc"]
    assert codes == [201, 201, 429]
    assert Concern.objects.count() == 2


@override_settings(LOTSE_CONCERN_RATE="1/h")
def test_it_limits_concerns_on_the_page_with_a_message(client, facility_a1):
    data = {"facility": facility_a1.pk, "subject": "situation", "category": "other", "text": "x"}
    assert client.post("/concerns/new/", data).status_code == 302
    response = client.post("/concerns/new/", data)
    assert response.status_code == 429
    assert escape(str(TOO_MANY_CONCERNS)) in response.content.decode()
    assert Concern.objects.count() == 1


def test_it_lets_a_volunteer_stay_anonymous_and_follow_the_status(client, victor, facility_a1):
    client.force_login(victor)
    client.post(
        "/concerns/new/",
        {"facility": facility_a1.pk, "subject": "facility", "category": "house_rules",
         "text": "Die Tür schließt nicht.", "anonymous": "on"},
    )  # fmt: skip
    concern = Concern.objects.get()
    assert concern.reporter == victor and concern.reporter_hidden and concern.is_anonymous
    page = client.get("/concerns/mine/").content.decode()
    assert "A1 Kinderhaus" in page and "noch nicht beantwortet" in page
    mine = client.get("/api/v1/concerns/mine/").json()
    assert [c["status"] for c in mine["results"]] == [Status.NEW]
    assert "text" not in mine["results"][0]


def test_it_shows_the_status_for_a_reference_code_and_nothing_else(client, raised):
    response = client.post(
        "/api/v1/concerns/status/", {"reference": raised.reference}, "application/json"
    )
    assert response.status_code == 200
    assert response.json()["status"] == Status.NEW and "text" not in response.json()
    wrong = client.post("/api/v1/concerns/status/", {"reference": "guess"}, "application/json")
    assert wrong.status_code == 404
    page = client.post("/concerns/status/", {"reference": raised.reference})
    assert "noch nicht beantwortet" in page.content.decode()


def test_it_tells_the_contact_persons_and_the_coordinator_only_and_without_the_text(
    raised, alice, dora, bob, erin
):
    notes = Notification.objects.filter(event="concern_raised")
    assert sorted(n.recipient.email for n in notes) == [alice.email, dora.email]
    for note in notes:
        assert "bedrängt" not in str(note.context) and "Mira" not in str(note.context)
        assert note.context["url"] == f"/concerns/{raised.concern.pk}/"


def test_it_tells_administrators_the_bare_fact_when_nobody_handles_the_facility(
    client, facility_c1, erin
):
    facility_c1.neighbourhood = None
    facility_c1.save()
    client.post(API, _body(facility_c1), "application/json")
    note = Notification.objects.get(event="concern_raised")
    assert note.recipient == erin
    assert note.context["url"] == f"/admin/places/facility/{facility_c1.pk}/change/"


def test_it_needs_a_csrf_token_from_a_logged_in_browser(victor, facility_a1):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(victor)
    assert browser.post(API, _body(facility_a1), "application/json").status_code == 403
    assert browser.post("/concerns/new/", {"facility": facility_a1.pk}).status_code == 403
    assert not Concern.objects.exists()


def test_it_escapes_markup_on_the_handlers_page(client, contact_alice, facility_a1):
    client.post(API, _body(facility_a1, text="<script>alert(1)</script>"), "application/json")
    client.force_login(contact_alice)
    page = client.get(f"/concerns/{Concern.objects.get().pk}/").content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page

"""Optimistic concurrency (issue 19): an ETag on needs, profiles and placements, 304 on a
matching If-None-Match, 412 `precondition-failed` on a stale If-Match with nothing changed, two
writers with one tag on PostgreSQL (one wins); and a Location on every 201.

alice, a social worker, owns the need at A2; victor is the volunteer placed on it."""

import datetime as dt
import time

import pytest
from django.test import Client
from django.utils import timezone

from lotse.api.concurrency import entity_tags, etag_for, if_match_holds
from lotse.api.errors import PROBLEM_JSON
from lotse.api.schema import EnglishSchemaGenerator
from lotse.needs import services as need_services
from lotse.needs.models import Need
from lotse.placements.models import Placement, State
from lotse.privacy.models import Consent
from lotse.privacy.services import consent_give
from lotse.volunteers import services as volunteer_services
from lotse.volunteers.models import Volunteer
from tests.threads import concurrently

from ..factories import UserFactory
from ..placements.factories import NeedFactory, make_placement

NEEDS = "/api/v1/needs/"
PLACEMENTS = "/api/v1/placements/"
ME = "/api/v1/volunteers/me/"
JSON = "application/json"
STALE = '"0123456789abcdef0123456789abcdef"'


@pytest.fixture
def need(facility_a2, alice):
    return NeedFactory(facility=facility_a2, created_by=alice, title="Begleitung zum Jobcenter")


@pytest.fixture
def draft(facility_a2, alice):
    return NeedFactory(facility=facility_a2, created_by=alice, status=Need.Status.DRAFT)


@pytest.fixture
def volunteer(victor):
    consent_give(user=victor, kind=Consent.Kind.CODE_OF_CONDUCT, version="test")
    return victor.volunteer


@pytest.fixture
def accepted(need, volunteer):
    return make_placement(need=need, volunteer=volunteer, how="accepted")


def _tag(client, user, url) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response["ETag"]


def _write(client, method, url, body=None, **headers):
    call = getattr(client, method)
    if body is None:
        return call(url, content_type=JSON, headers=headers)
    return call(url, body, content_type=JSON, headers=headers)


def _refused(response) -> bool:
    return (
        response.status_code == 412
        and response["Content-Type"] == PROBLEM_JSON
        and response.json()["code"] == "precondition-failed"
    )


# --- ETag and If-None-Match -------------------------------------------------------------


@pytest.mark.django_db
def test_it_sends_a_strong_etag_that_stays_the_same_while_nothing_changes(client, alice, need):
    first = _tag(client, alice, f"{NEEDS}{need.pk}/")
    assert first.startswith('"') and first.endswith('"') and len(first) == 34
    assert _tag(client, alice, f"{NEEDS}{need.pk}/") == first


@pytest.mark.django_db
def test_it_sends_an_etag_on_the_profile_the_placement_and_a_volunteer(
    client, alice, victor, accepted
):
    assert _tag(client, victor, ME)
    assert _tag(client, victor, f"{PLACEMENTS}{accepted.pk}/")
    assert _tag(client, alice, f"/api/v1/volunteers/{victor.volunteer.pk}/")


@pytest.mark.django_db
def test_it_tags_what_each_caller_sees(client, alice, victor, accepted):
    # alice may approve, victor may withdraw: the same placement, two representations.
    url = f"{PLACEMENTS}{accepted.pk}/"
    assert _tag(client, alice, url) != _tag(client, victor, url)


@pytest.mark.django_db
def test_it_sends_no_etag_on_a_list(client, alice, need):
    client.force_login(alice)
    assert "ETag" not in client.get(NEEDS)


@pytest.mark.django_db
def test_a_write_answers_with_the_new_tag_that_the_next_read_gives(client, alice, need):
    url = f"{NEEDS}{need.pk}/"
    before = _tag(client, alice, url)
    changed = _write(client, "patch", url, {"title": "Begleitung zur Ausländerbehörde"})
    assert changed.status_code == 200
    assert changed["ETag"] != before
    assert client.get(url)["ETag"] == changed["ETag"]


@pytest.mark.django_db
def test_a_lifecycle_action_answers_with_the_new_tag(client, alice, need):
    url = f"{NEEDS}{need.pk}/"
    before = _tag(client, alice, url)
    closed = _write(client, "post", f"{url}close/", If_Match=before)
    assert closed.status_code == 200
    assert closed["ETag"] not in (before, None)
    assert client.get(url)["ETag"] == closed["ETag"]


@pytest.mark.django_db
def test_a_transition_answers_with_the_tag_the_next_read_gives(client, alice, accepted):
    url = f"{PLACEMENTS}{accepted.pk}/"
    before = _tag(client, alice, url)
    approved = _write(client, "post", f"{url}approve/", If_Match=before)
    assert approved.status_code == 200, approved.json()
    assert client.get(url)["ETag"] == approved["ETag"] != before


@pytest.mark.django_db
def test_a_profile_change_changes_the_tag(client, victor, volunteer):
    before = _tag(client, victor, ME)
    changed = _write(client, "patch", ME, {"motivation": "Ich helfe gern."}, If_Match=before)
    assert changed.status_code == 200
    assert client.get(ME)["ETag"] == changed["ETag"] != before


@pytest.mark.django_db
@pytest.mark.parametrize("sent", ["{tag}", "W/{tag}", '"other", {tag}', "*"])
def test_a_read_with_the_current_tag_in_if_none_match_answers_304(client, alice, need, sent):
    url = f"{NEEDS}{need.pk}/"
    tag = _tag(client, alice, url)
    response = client.get(url, headers={"If-None-Match": sent.format(tag=tag)})
    assert response.status_code == 304
    assert response.content == b""
    assert response["ETag"] == tag


@pytest.mark.django_db
def test_a_read_of_the_profile_and_placement_answers_304_too(client, victor, accepted):
    for url in (ME, f"{PLACEMENTS}{accepted.pk}/"):
        tag = _tag(client, victor, url)
        assert client.get(url, headers={"If-None-Match": tag}).status_code == 304


@pytest.mark.django_db
@pytest.mark.parametrize("sent", [STALE, "stale", ""])
def test_a_read_with_an_old_or_malformed_tag_answers_200(client, alice, need, sent):
    client.force_login(alice)
    response = client.get(f"{NEEDS}{need.pk}/", headers={"If-None-Match": sent})
    assert response.status_code == 200
    assert response.json()["id"] == need.pk


@pytest.mark.django_db
def test_a_read_after_a_change_answers_200_with_the_new_tag(client, alice, need):
    url = f"{NEEDS}{need.pk}/"
    old = _tag(client, alice, url)
    need_services.need_update(need=need, actor=alice, title="Neu")
    response = client.get(url, headers={"If-None-Match": old})
    assert response.status_code == 200 and response["ETag"] != old


# --- If-Match -------------------------------------------------------------------------


def _need_title(need) -> str:
    return Need.objects.get(pk=need.pk).title


NEED_WRITES = {
    "patch": ("patch", "", {"title": "Geändert"}),
    "put": ("put", "", None),  # the body: the need as read, retitled
    "close": ("post", "close/", None),
}


@pytest.mark.django_db
@pytest.mark.parametrize("write", list(NEED_WRITES))
def test_a_stale_if_match_on_a_need_is_a_412_and_changes_nothing(client, alice, need, write):
    method, suffix, body = NEED_WRITES[write]
    url = f"{NEEDS}{need.pk}/"
    client.force_login(alice)
    if write == "put":
        body = _put_body(client.get(url).json())
    response = _write(client, method, f"{url}{suffix}", body, If_Match=STALE)
    assert _refused(response), response.content
    assert "GET" in response.json()["detail"]
    need.refresh_from_db()
    assert (need.title, need.status) == ("Begleitung zum Jobcenter", Need.Status.OPEN)


def _put_body(read: dict) -> dict:
    keep = ("facility", "main_skill", "skills", "schedule", "volunteers_needed", "urgency")
    return {key: read[key] for key in keep} | {"title": "Ganz neu"}


@pytest.mark.django_db
def test_a_stale_if_match_on_delete_keeps_the_need(client, alice, draft):
    client.force_login(alice)
    response = _write(client, "delete", f"{NEEDS}{draft.pk}/", If_Match=STALE)
    assert _refused(response)
    assert Need.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
def test_a_matching_if_match_deletes_the_draft(client, alice, draft):
    tag = _tag(client, alice, f"{NEEDS}{draft.pk}/")
    assert _write(client, "delete", f"{NEEDS}{draft.pk}/", If_Match=tag).status_code == 204
    assert not Need.objects.filter(pk=draft.pk).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["put", "patch"])
def test_a_matching_if_match_lets_the_change_through(client, alice, need, method):
    url = f"{NEEDS}{need.pk}/"
    tag = _tag(client, alice, url)
    body = _put_body(client.get(url).json()) if method == "put" else {"title": "Ganz neu"}
    response = _write(client, method, url, body, If_Match=tag)
    assert response.status_code == 200, response.json()
    assert _need_title(need) == "Ganz neu"


@pytest.mark.django_db
def test_if_match_star_matches_any_version_of_an_existing_need(client, alice, need):
    client.force_login(alice)
    response = _write(client, "patch", f"{NEEDS}{need.pk}/", {"title": "Stern"}, If_Match="*")
    assert response.status_code == 200
    assert _need_title(need) == "Stern"


@pytest.mark.django_db
def test_one_of_several_tags_may_match(client, alice, need):
    tag = _tag(client, alice, f"{NEEDS}{need.pk}/")
    sent = f"{STALE}, {tag}"
    response = _write(client, "patch", f"{NEEDS}{need.pk}/", {"title": "Liste"}, If_Match=sent)
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    "sent", ["stale", "W/{tag}", "{tag} stale", '"unterminated', "{tag}, *", "", "{bare}"]
)
def test_a_malformed_or_weak_if_match_never_matches(client, alice, need, sent):
    tag = _tag(client, alice, f"{NEEDS}{need.pk}/")
    header = sent.format(tag=tag, bare=tag.strip('"'))
    response = _write(client, "patch", f"{NEEDS}{need.pk}/", {"title": "Nein"}, If_Match=header)
    assert _refused(response)
    assert _need_title(need) == "Begleitung zum Jobcenter"


@pytest.mark.django_db
def test_a_write_without_if_match_goes_through_as_before(client, alice, need):
    client.force_login(alice)
    response = _write(client, "patch", f"{NEEDS}{need.pk}/", {"title": "Ohne"})
    assert response.status_code == 200
    assert _need_title(need) == "Ohne"


@pytest.mark.django_db
def test_a_stale_tag_is_checked_before_the_body(client, alice, need):
    client.force_login(alice)
    response = _write(
        client, "patch", f"{NEEDS}{need.pk}/", {"volunteers_needed": 0}, If_Match=STALE
    )
    assert _refused(response)


@pytest.mark.django_db
def test_another_organisations_need_stays_a_404_with_if_match(client, charlie, need):
    client.force_login(charlie)
    response = _write(client, "patch", f"{NEEDS}{need.pk}/", {"title": "x"}, If_Match="*")
    assert response.status_code == 404


@pytest.mark.django_db
def test_a_stale_if_match_on_a_transition_is_a_412_and_changes_nothing(client, alice, accepted):
    client.force_login(alice)
    response = _write(client, "post", f"{PLACEMENTS}{accepted.pk}/approve/", If_Match=STALE)
    assert _refused(response)
    placement = Placement.objects.get(pk=accepted.pk)
    assert (placement.state, placement.events.count()) == (State.PROPOSED, 0)


@pytest.mark.django_db
def test_a_tag_read_before_the_other_side_acted_is_stale(client, alice, victor, need, volunteer):
    placement = make_placement(need=need, volunteer=volunteer, how="proposed")
    url = f"{PLACEMENTS}{placement.pk}/"
    read_by_alice = _tag(client, alice, url)
    victor_client = Client()
    victor_client.force_login(victor)
    assert _write(victor_client, "post", f"{url}accept/").status_code == 200
    response = _write(client, "post", f"{url}approve/", If_Match=read_by_alice)
    assert _refused(response)
    assert Placement.objects.get(pk=placement.pk).approved_at is None


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["patch", "put"])
def test_a_stale_if_match_on_the_profile_is_a_412_and_changes_nothing(
    client, victor, volunteer, method
):
    client.force_login(victor)
    body = {
        "motivation": "Geändert",
        "postcode": "48159",
        "max_distance_km": 7,
        "availability": volunteer.availability,
    }
    response = _write(client, method, ME, body, If_Match=STALE)
    assert _refused(response)
    assert Volunteer.objects.get(pk=volunteer.pk).motivation == volunteer.motivation


@pytest.mark.django_db
def test_a_stale_if_match_on_erasure_keeps_the_account(client, victor, volunteer):
    client.force_login(victor)
    assert _refused(_write(client, "delete", ME, If_Match=STALE))
    assert Volunteer.objects.filter(pk=volunteer.pk).exists()


@pytest.mark.django_db
def test_a_matching_if_match_erases_the_account(client, victor, volunteer):
    tag = _tag(client, victor, ME)
    assert _write(client, "delete", ME, If_Match=tag).status_code == 204
    assert not Volunteer.objects.filter(pk=volunteer.pk).exists()


@pytest.mark.django_db
def test_if_match_star_on_put_creates_no_profile(client):
    newcomer = UserFactory(email="nina@example.org")
    client.force_login(newcomer)
    body = {
        "postcode": "48159",
        "max_distance_km": 5,
        "availability": "tue 16:00-19:00",
        "privacy_accepted": True,
        "code_of_conduct_accepted": True,
    }
    assert _refused(_write(client, "put", ME, body, If_Match="*"))
    assert not Volunteer.objects.filter(user=newcomer).exists()
    assert _write(client, "put", ME, body).status_code == 200  # without: created as before


@pytest.mark.django_db
def test_patch_without_a_profile_stays_a_404_with_if_match(client):
    client.force_login(UserFactory(email="nina@example.org"))
    assert _write(client, "patch", ME, {"motivation": "x"}, If_Match="*").status_code == 404


# --- Two writers with one tag (PostgreSQL row locks) ------------------------------------


def _slowly(monkeypatch, module, name):
    """Let the write take a while after its check: without the lock both writers would pass."""
    original = getattr(module, name)

    def slow(**kwargs):
        time.sleep(0.3)
        return original(**kwargs)

    monkeypatch.setattr(module, name, slow)


def _clients(user, count=2) -> list[Client]:
    clients = [Client() for _ in range(count)]
    for each in clients:
        each.force_login(user)
    return clients


@pytest.mark.usefixtures("postgres")
@pytest.mark.django_db(transaction=True)
def test_two_writers_with_one_tag_on_a_need_one_gets_412(alice, need, monkeypatch):
    url = f"{NEEDS}{need.pk}/"
    clients = _clients(alice)
    tag = clients[0].get(url)["ETag"]
    _slowly(monkeypatch, need_services, "need_update")
    results = concurrently(
        [
            lambda c=c, t=title: _write(c, "patch", url, {"title": t}, If_Match=tag)
            for c, title in zip(clients, ("Titel A", "Titel B"), strict=True)
        ]
    )
    codes = sorted(r.status_code for r in results)
    assert codes == [200, 412], [r.content for r in results]
    winner = next(r for r in results if r.status_code == 200)
    assert _need_title(need) == winner.json()["title"]


@pytest.mark.usefixtures("postgres")
@pytest.mark.django_db(transaction=True)
def test_two_writers_with_one_tag_on_a_profile_one_gets_412(victor, volunteer, monkeypatch):
    clients = _clients(victor)
    tag = clients[0].get(ME)["ETag"]
    _slowly(monkeypatch, volunteer_services, "volunteer_profile_save")
    results = concurrently(
        [
            lambda c=c, m=m: _write(c, "patch", ME, {"motivation": m}, If_Match=tag)
            for c, m in zip(clients, ("A", "B"), strict=True)
        ]
    )
    assert sorted(r.status_code for r in results) == [200, 412]


# --- Location on every 201 -------------------------------------------------------------


@pytest.mark.django_db
def test_logged_hours_point_to_the_placement_that_lists_them(client, victor, need, volunteer):
    active = make_placement(need=need, volunteer=volunteer, how="active")
    client.force_login(victor)
    body = {"date": str(timezone.localdate()), "hours": 2}
    response = _write(client, "post", f"{PLACEMENTS}{active.pk}/hours/", body)
    assert response.status_code == 201
    assert response["Location"] == f"http://testserver{PLACEMENTS}{active.pk}/"
    assert response.json()["id"] in [
        h["id"] for h in client.get(response["Location"]).json()["hours"]
    ]


@pytest.mark.django_db
def test_feedback_points_to_its_placement(client, victor, need, volunteer):
    completed = make_placement(need=need, volunteer=volunteer, how="completed")
    client.force_login(victor)
    response = _write(client, "post", f"{PLACEMENTS}{completed.pk}/feedback/", {"text": "Schön"})
    assert response.status_code == 201
    assert response["Location"] == f"http://testserver{PLACEMENTS}{completed.pk}/"


@pytest.mark.django_db
def test_a_certificate_inspection_points_to_the_volunteer(client, alice, victor):
    client.force_login(alice)
    day = (timezone.localdate() - dt.timedelta(days=3)).isoformat()
    url = f"/api/v1/volunteers/{victor.volunteer.pk}/"
    response = _write(
        client,
        "post",
        f"{url}certificate-inspections/",
        {"certificate_date": day, "inspected_on": day},
    )
    assert response.status_code == 201
    assert response["Location"] == f"http://testserver{url}"
    assert client.get(response["Location"]).json()["certificate"]["state"] == "valid"


@pytest.mark.django_db
def test_a_proposal_and_a_need_point_to_themselves(client, alice, need, volunteer):
    client.force_login(alice)
    proposed = _write(client, "post", PLACEMENTS, {"need": need.pk, "volunteer": volunteer.pk})
    assert proposed["Location"].endswith(f"{PLACEMENTS}{proposed.json()['id']}/")
    body = _put_body(client.get(f"{NEEDS}{need.pk}/").json())
    created = _write(client, "post", NEEDS, body)
    assert created["Location"].endswith(f"{NEEDS}{created.json()['id']}/")


@pytest.mark.django_db
def test_a_concern_points_to_itself(client, facility_a1):
    body = {"facility": facility_a1.pk, "category": "harassment", "text": "Laute Drohungen."}
    response = _write(client, "post", "/api/v1/concerns/", body)
    assert response.status_code == 201
    assert response["Location"].endswith(f"/api/v1/concerns/{response.json()['id']}/")


# --- The schema ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema():
    return EnglishSchemaGenerator().get_schema(request=None, public=True)


def _headers(operation) -> set[str]:
    return {p["name"] for p in operation.get("parameters", []) if p["in"] == "header"}


def test_the_schema_declares_etag_and_if_none_match_on_the_reads(schema):
    for path in (f"{NEEDS}{{id}}/", f"{PLACEMENTS}{{id}}/", ME, "/api/v1/volunteers/{id}/"):
        read = schema["paths"][path]["get"]
        assert "If-None-Match" in _headers(read), path
        assert "ETag" in read["responses"]["200"]["headers"]
        assert "content" not in read["responses"]["304"]


def test_the_schema_declares_if_match_and_412_on_the_writes(schema):
    writes = [(f"{NEEDS}{{id}}/", m) for m in ("put", "patch", "delete")]
    writes += [(f"{NEEDS}{{id}}/close/", "post"), (f"{PLACEMENTS}{{id}}/{{verb}}/", "post")]
    writes += [(ME, m) for m in ("put", "patch", "delete")]
    for path, method in writes:
        operation = schema["paths"][path][method]
        assert "If-Match" in _headers(operation), (path, method)
        problem = operation["responses"]["412"]["content"][PROBLEM_JSON]["schema"]
        assert problem == {"$ref": "#/components/schemas/Error"}


def test_the_schema_declares_location_on_every_201(schema):
    created = {
        path: operation["responses"]["201"]
        for path, operations in schema["paths"].items()
        for operation in operations.values()
        if "201" in operation["responses"]
    }
    assert all("Location" in response["headers"] for response in created.values())
    # Each one sends it (the tests above): a new 201 needs its Location and a test here.
    assert set(created) == {
        NEEDS,
        PLACEMENTS,
        f"{PLACEMENTS}{{id}}/hours/",
        f"{PLACEMENTS}{{id}}/feedback/",
        "/api/v1/volunteers/{id}/certificate-inspections/",
        "/api/v1/concerns/",
    }


# --- The header grammar (RFC 9110 8.8.3, 13.1) -----------------------------------------


def test_it_reads_a_list_of_tags_with_commas_inside_quotes():
    assert entity_tags(' "a,b" , W/"c",,"" ') == [(False, "a,b"), (True, "c"), (False, "")]


def test_it_reads_a_star():
    assert entity_tags(" * ") == "*"


@pytest.mark.parametrize("value", ["stale", '"a" "b"', 'w/"a"', '"a', '*, "a"', '"a"x'])
def test_it_reads_a_malformed_value_as_no_tags(value):
    assert entity_tags(value) == []


def test_if_match_compares_strongly_and_star_needs_a_resource():
    tag = etag_for({"id": 1})
    assert if_match_holds(tag, tag)
    assert not if_match_holds(f"W/{tag}", tag)
    assert if_match_holds("*", tag)
    assert not if_match_holds("*", None)
    assert if_match_holds(None, None)


def test_the_tag_depends_on_the_data_and_the_format_only():
    assert etag_for({"a": 1, "b": [2]}) == etag_for({"b": [2], "a": 1})
    assert etag_for({"a": 1}) != etag_for({"a": 2})
    assert etag_for({"a": 1}, "json") != etag_for({"a": 1}, "api")

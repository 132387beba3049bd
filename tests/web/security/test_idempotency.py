"""Idempotency-Key on the API's creating POSTs (lotse/api/idempotency.py, issue 19): a retry
replays the first answer and creates nothing; another body is a 422; a request still running
is a 409; keys belong to their caller and expire after LOTSE_IDEMPOTENCY_HOURS.

alice (social worker) posts needs, proposes and records certificate inspections; victor
(volunteer) logs hours and gives feedback; concerns are raised anonymously; charlie (another
organisation's social worker) uses the same keys as alice."""

import datetime as dt
import threading
from dataclasses import dataclass, replace

import pytest
from django.core.cache import cache
from django.db import connections
from django.test import Client
from django.utils import timezone

from lotse.accounts.tokens import issue_token
from lotse.api.errors import Problem
from lotse.api.idempotency import body_hash
from lotse.api.models import IdempotencyRecord
from lotse.api.schema import EnglishSchemaGenerator
from lotse.api.tasks import prune_idempotency_records
from lotse.needs import services as need_services
from lotse.needs.models import Need
from lotse.placements.models import HoursEntry, Placement, PlacementFeedback
from lotse.privacy.models import Consent
from lotse.privacy.services import account_erase, consent_give
from lotse.safeguarding.models import Concern
from lotse.volunteers.models import CertificateInspection
from tests.threads import concurrently

from ..placements.factories import NeedFactory, make_placement

pytestmark = pytest.mark.django_db
NEEDS = "/api/v1/needs/"
PROBLEM = "application/problem+json"
REPLAYED = "Idempotent-Replayed"


@pytest.fixture(autouse=True)
def fresh_cache():
    """Concerns are rate-limited (5/h) on the shared cache."""
    cache.clear()
    yield
    cache.clear()


@dataclass
class Operation:
    caller: object  # None: anonymous
    url: str
    body: dict
    other_body: dict
    rows: object  # counts what the operation creates
    token: str = ""  # sent instead of a session (a session ends when the clock jumps)

    def post(self, client, key: str | None = "retry-1", body: dict | None = None, **headers):
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        elif self.caller is not None:
            client.force_login(self.caller)
        if key is not None:
            headers["Idempotency-Key"] = key
        return client.post(self.url, body or self.body, "application/json", headers=headers)


def _need_body(facility, **changes) -> dict:
    day = timezone.localdate() + dt.timedelta(days=7)
    return {
        "facility": facility.pk, "title": "Hausaufgabenhilfe", "main_skill": "homework_help",
        "schedule": f"{day} 15:00-17:00",
    } | changes  # fmt: skip


def _placement_need(alice, facility_a2, victor, how):
    consent_give(user=victor, kind=Consent.Kind.CODE_OF_CONDUCT, version="test")
    need = NeedFactory(facility=facility_a2, created_by=alice, title="Begleitung zum Jobcenter")
    if how is None:
        return need
    return make_placement(need=need, volunteer=victor.volunteer, how=how, approver=alice)


def need_post(alice, facility_a1, **_):
    body = _need_body(facility_a1)
    return Operation(alice, NEEDS, body, body | {"title": "Fahrradwerkstatt"}, Need.objects.count)


def placement_post(alice, facility_a2, victor, **_):
    need = _placement_need(alice, facility_a2, victor, None)
    body = {"need": need.pk, "volunteer": victor.volunteer.pk}
    other = body | {"message": "Passt gut."}
    return Operation(alice, "/api/v1/placements/", body, other, Placement.objects.count)


def hours_post(alice, facility_a2, victor, **_):
    placement = _placement_need(alice, facility_a2, victor, "active")
    body = {"date": str(timezone.localdate()), "hours": "2.5"}
    url = f"/api/v1/placements/{placement.pk}/hours/"
    return Operation(victor, url, body, body | {"hours": "3"}, HoursEntry.objects.count)


def feedback_post(alice, facility_a2, victor, **_):
    placement = _placement_need(alice, facility_a2, victor, "completed")
    url = f"/api/v1/placements/{placement.pk}/feedback/"
    body, other = {"text": "Schön war's."}, {"text": "Sehr schön."}
    return Operation(victor, url, body, other, PlacementFeedback.objects.count)


def inspection_post(alice, victor, **_):
    today = timezone.localdate().isoformat()
    body = {"certificate_date": today, "inspected_on": today}
    url = f"/api/v1/volunteers/{victor.volunteer.pk}/certificate-inspections/"
    other = body | {"disqualifying_conviction": True}
    return Operation(alice, url, body, other, CertificateInspection.objects.count)


def concern_post(facility_a1, **_):
    body = {"facility": facility_a1.pk, "category": "violence", "text": "Streit im Hof."}
    other = body | {"text": "Laute Drohungen."}
    return Operation(None, "/api/v1/concerns/", body, other, Concern.objects.count)


OPERATIONS = [need_post, placement_post, hours_post, feedback_post, inspection_post, concern_post]


@pytest.fixture(params=OPERATIONS, ids=lambda build: build.__name__)
def operation(request, alice, facility_a1, facility_a2, victor):
    return request.param(
        alice=alice, facility_a1=facility_a1, facility_a2=facility_a2, victor=victor
    )


def _code(response) -> str:
    return response.json()["code"]


# --- a retry --------------------------------------------------------------------------------


def test_it_replays_the_first_answer_to_a_retry_and_creates_nothing(client, operation):
    before = operation.rows()
    first = operation.post(client)
    again = operation.post(client)
    assert first.status_code == 201, first.json()
    assert (again.status_code, again.json()) == (201, first.json())
    assert again.get("Location") == first.get("Location")
    assert again[REPLAYED] == "true" and REPLAYED not in first
    assert operation.rows() == before + 1


def test_it_answers_another_body_with_the_same_key_with_422_and_creates_nothing(client, operation):
    before = operation.rows()
    operation.post(client)
    response = operation.post(client, body=operation.other_body)
    assert (response.status_code, _code(response)) == (422, "idempotency-key-reused")
    assert response["Content-Type"] == PROBLEM
    assert operation.rows() == before + 1


def test_it_answers_the_same_key_on_another_operation_with_422(client, alice, facility_a1):
    need = need_post(alice, facility_a1).post(client, key="k-1").json()
    proposal = Operation(
        alice, "/api/v1/placements/", {"need": need["id"]}, {}, Placement.objects.count
    )
    response = proposal.post(client, key="k-1")
    assert (response.status_code, _code(response)) == (422, "idempotency-key-reused")
    assert proposal.rows() == 0


def test_it_keeps_working_without_the_header_and_stores_nothing(client, alice, facility_a1):
    need = need_post(alice, facility_a1)
    assert need.post(client, key=None).status_code == 201
    assert need.post(client, key=None).status_code == 201
    assert Need.objects.count() == 2
    assert not IdempotencyRecord.objects.exists()


# --- whose key ------------------------------------------------------------------------------


def test_another_users_same_key_is_independent(client, alice, charlie, facility_a1, facility_c1):
    need_post(alice, facility_a1).post(client, key="shared")
    charlies = Operation(charlie, NEEDS, _need_body(facility_c1), {}, Need.objects.count)
    response = charlies.post(client, key="shared")
    assert response.status_code == 201 and REPLAYED not in response
    assert response.json()["facility"] == facility_c1.pk
    assert Need.objects.count() == 2


def test_a_token_and_a_session_of_one_user_share_their_keys(client, alice, facility_a1):
    _, token = issue_token(alice)
    body = _need_body(facility_a1)
    headers = {"Idempotency-Key": "sync-1", "Authorization": f"Bearer {token}"}
    first = Client().post(NEEDS, body, "application/json", headers=headers)
    again = need_post(alice, facility_a1).post(client, key="sync-1")
    assert (first.status_code, again[REPLAYED]) == (201, "true")
    assert Need.objects.count() == 1


def test_anonymous_callers_share_a_key_only_with_the_very_same_body(facility_a1):
    concern = concern_post(facility_a1=facility_a1)
    first = concern.post(Client(), key="k")
    same = concern.post(Client(), key="k")
    other = concern.post(Client(), key="k", body=concern.other_body)
    assert same.json() == first.json() and same[REPLAYED] == "true"
    assert _code(other) == "idempotency-key-reused" and "reference" not in other.json()
    assert Concern.objects.count() == 1


def test_a_signed_in_reporters_key_is_not_the_anonymous_one(client, victor, facility_a1):
    concern = concern_post(facility_a1=facility_a1)
    concern.post(Client(), key="k")
    mine = Operation(victor, concern.url, concern.body, {}, Concern.objects.count)
    assert REPLAYED not in mine.post(client, key="k")
    assert Concern.objects.count() == 2


# --- bad keys -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "key",
    ["", "x" * 256, "schlüssel", "tab\there", "del\x7f"],
    ids=["empty", "256", "umlaut", "tab", "del"],
)
def test_it_refuses_a_bad_key_with_400_naming_the_header(client, alice, facility_a1, key):
    response = need_post(alice, facility_a1).post(client, key=key)
    assert (response.status_code, _code(response)) == (400, "validation")
    assert [e["field"] for e in response.json()["errors"]] == ["Idempotency-Key"]
    assert not Need.objects.exists() and not IdempotencyRecord.objects.exists()


def test_it_takes_a_key_of_255_printable_characters_and_the_drafts_quoted_form(
    client, alice, facility_a1
):
    need = need_post(alice, facility_a1)
    assert need.post(client, key="~" * 255).status_code == 201
    assert need.post(client, key='"8e03978e-40d5-43e8-bc93-6894a57f9324"').status_code == 201


@pytest.mark.parametrize(
    ("body", "content_type", "status"),
    [("{not json", "application/json", 400), ("title=x", "application/x-www-form-urlencoded", 415)],
    ids=["broken-json", "form"],
)
def test_a_body_it_cannot_read_is_refused_and_keeps_no_record(
    client, alice, body, content_type, status
):
    client.force_login(alice)
    headers = {"Idempotency-Key": "retry-1"}
    response = client.post(NEEDS, body, content_type, headers=headers)
    assert response.status_code == status and response["Content-Type"] == PROBLEM
    assert not IdempotencyRecord.objects.exists()


# --- which answers are kept -----------------------------------------------------------------


def test_it_stores_and_replays_a_refusal_it_gave(client, alice, facility_a1):
    need = need_post(alice, facility_a1)
    bad = need.body | {"volunteers_needed": 0}
    first = need.post(client, body=bad)
    again = need.post(client, body=bad)
    assert (first.status_code, again.status_code) == (400, 400)
    assert again.json() == first.json() and again[REPLAYED] == "true"
    assert again["Content-Type"] == PROBLEM
    assert not Need.objects.exists()


def test_a_corrected_body_after_a_refusal_needs_a_new_key(client, alice, facility_a1):
    need = need_post(alice, facility_a1)
    need.post(client, body=need.body | {"volunteers_needed": 0})
    assert _code(need.post(client)) == "idempotency-key-reused"
    assert need.post(client, key="retry-2").status_code == 201


# A service made to fail answers 500/503, which no operation promises.
@pytest.mark.no_schema_check
def test_an_exception_stores_nothing_and_a_retry_runs_again(
    client, alice, facility_a1, monkeypatch
):
    def broken(**kwargs):
        raise RuntimeError("database on fire")

    monkeypatch.setattr(need_services, "need_create", broken)
    client.raise_request_exception = False
    need = need_post(alice, facility_a1)
    assert need.post(client).status_code == 500
    assert not IdempotencyRecord.objects.exists()
    monkeypatch.undo()
    response = need.post(client)
    assert response.status_code == 201 and REPLAYED not in response


# A service made to fail answers 500/503, which no operation promises.
@pytest.mark.no_schema_check
def test_a_5xx_answer_undoes_the_work_and_frees_the_key(client, alice, facility_a1, monkeypatch):
    real = need_services.need_create

    def unavailable(**kwargs):
        real(**kwargs)
        raise Problem("down", code="server-error", status_code=503)

    monkeypatch.setattr(need_services, "need_create", unavailable)
    need = need_post(alice, facility_a1)
    assert need.post(client).status_code == 503
    assert not Need.objects.exists() and not IdempotencyRecord.objects.exists()


# --- a request still running, an abandoned one ----------------------------------------------


def _by_token(operation: Operation) -> Operation:
    _, token = issue_token(operation.caller)
    return replace(operation, token=token)


def _pending(user, operation, *, age=dt.timedelta(0), key="retry-1") -> IdempotencyRecord:
    return IdempotencyRecord.objects.create(
        scope=f"user:{user.pk}", key=key, endpoint=f"POST {operation.url}",
        body_hash=body_hash(operation.body), created_at=timezone.now() - age,
    )  # fmt: skip


def test_a_retry_while_the_first_still_runs_is_409_with_retry_after(client, alice, facility_a1):
    need = need_post(alice, facility_a1)
    _pending(alice, need)
    response = need.post(client)
    assert (response.status_code, _code(response)) == (409, "idempotency-key-in-use")
    assert response["Retry-After"] == "1"
    assert not Need.objects.exists()


def test_a_request_abandoned_minutes_ago_frees_its_key(client, alice, facility_a1):
    need = need_post(alice, facility_a1)
    _pending(alice, need, age=dt.timedelta(minutes=3))
    response = need.post(client)
    assert response.status_code == 201 and REPLAYED not in response
    assert IdempotencyRecord.objects.get().state == IdempotencyRecord.State.DONE


# --- expiry ---------------------------------------------------------------------------------


def test_the_prune_job_removes_records_older_than_24_hours_and_frees_the_key(
    client, clock, alice, facility_a1
):
    need = _by_token(need_post(alice, facility_a1))
    need.post(client)
    clock.shift(dt.timedelta(hours=25))
    assert prune_idempotency_records() == 1
    response = need.post(client)
    assert response.status_code == 201 and REPLAYED not in response
    assert Need.objects.count() == 2


def test_the_prune_job_keeps_younger_records(client, clock, alice, facility_a1):
    need = _by_token(need_post(alice, facility_a1))
    need.post(client)
    clock.shift(dt.timedelta(hours=23))
    assert prune_idempotency_records() == 0
    assert need.post(client)[REPLAYED] == "true"


def test_an_expired_record_frees_its_key_before_the_prune(
    client, clock, settings, alice, facility_a1
):
    settings.LOTSE_IDEMPOTENCY_HOURS = 1
    need = _by_token(need_post(alice, facility_a1))
    need.post(client)
    clock.shift(dt.timedelta(hours=2))
    assert REPLAYED not in need.post(client)
    assert Need.objects.count() == 2


def test_the_prune_job_runs_hourly_on_beat(settings):
    jobs = {job["task"]: job["schedule"] for job in settings.CELERY_BEAT_SCHEDULE.values()}
    assert prune_idempotency_records.name == "web.idempotency_prune"
    assert jobs["web.idempotency_prune"].minute == {35}


# --- the schema -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def schema():
    return EnglishSchemaGenerator().get_schema(request=None, public=True)


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/needs/", "/api/v1/placements/", "/api/v1/placements/{id}/hours/",
        "/api/v1/placements/{id}/feedback/", "/api/v1/concerns/",
        "/api/v1/volunteers/{id}/certificate-inspections/",
    ],
)  # fmt: skip
def test_the_schema_documents_the_header_and_its_answers(schema, path):
    operation = schema["paths"][path]["post"]
    header = [p for p in operation["parameters"] if p["in"] == "header"]
    assert [(p["name"], p.get("required", False)) for p in header] == [("Idempotency-Key", False)]
    responses = operation["responses"]
    assert "idempotency-key-in-use" in responses["409"]["description"]
    assert "Retry-After" in responses["409"]["headers"]
    assert "idempotency-key-reused" in responses["422"]["description"]
    assert PROBLEM in responses["422"]["content"]
    assert REPLAYED in responses["201"]["headers"]


# --- concurrency, on PostgreSQL -------------------------------------------------------------


def _sender(token, body, key):
    headers = {"Idempotency-Key": key, "Authorization": f"Bearer {token}"}
    # The schema check of every answer (tests/conftest.py) is built on first use; built by
    # threads at once it fails, so a first request in this thread builds it.
    assert Client().get(NEEDS, headers={"Authorization": f"Bearer {token}"}).status_code == 200
    return lambda: Client().post(NEEDS, body, "application/json", headers=headers)


@pytest.mark.django_db(transaction=True)
def test_concurrent_requests_with_one_key_create_one_need(postgres, alice, facility_a1):
    _, token = issue_token(alice)
    body = _need_body(facility_a1)
    for round_ in range(5):
        results = concurrently([_sender(token, body, f"race-{round_}")] * 4)
        created = [r for r in results if r.status_code == 201 and REPLAYED not in r]
        others = [r for r in results if r not in created]
        assert len(created) == 1, [r.status_code for r in results]
        for response in others:
            assert (response.status_code, response.get(REPLAYED)) in ((201, "true"), (409, None))
        assert Need.objects.count() == round_ + 1


@pytest.mark.django_db(transaction=True)
def test_a_retry_during_the_first_request_is_409_then_the_replay(
    postgres, alice, facility_a1, monkeypatch
):
    started, release, real = threading.Event(), threading.Event(), need_services.need_create

    def slow(**kwargs):
        started.set()
        release.wait(timeout=10)
        return real(**kwargs)

    monkeypatch.setattr(need_services, "need_create", slow)
    _, token = issue_token(alice)
    send = _sender(token, _need_body(facility_a1), "slow-1")
    first = []
    runner = threading.Thread(target=lambda: (first.append(send()), connections.close_all()))
    runner.start()
    assert started.wait(timeout=10)
    during = send()
    release.set()
    runner.join(timeout=30)
    assert (during.status_code, during["Retry-After"]) == (409, "1")
    assert first[0].status_code == 201
    assert send()[REPLAYED] == "true"
    assert Need.objects.count() == 1


def test_erasing_a_volunteer_deletes_the_answers_stored_for_their_keys(
    client, alice, facility_a2, victor
):
    """A stored answer may hold the person's data (a placement's contacts) for 24 h: it goes
    with the account, while other people's records stay."""
    hours_post(alice=alice, facility_a2=facility_a2, victor=victor).post(client)
    need_post(alice=alice, facility_a1=facility_a2).post(client)
    assert IdempotencyRecord.objects.filter(user=victor).count() == 1
    account_erase(user=victor)
    assert IdempotencyRecord.objects.filter(scope=f"user:{victor.pk}").count() == 0
    assert IdempotencyRecord.objects.filter(user=alice).count() == 1

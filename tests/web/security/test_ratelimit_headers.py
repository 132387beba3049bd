"""Rate limits a client can see (issue 19, item 7): the throttled operations state their limit in
RateLimit-* fields on every answer, a 429 is a problem document with Retry-After, and the
operations without a throttle send no such fields (lotse.api.ratelimit)."""

import pytest
from django.core.cache import cache
from django.test import Client
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from lotse.api.ratelimit import FIELDS, RateLimitHeadersMixin
from lotse.api.schema import EnglishSchemaGenerator
from lotse.safeguarding.services import concern_raise

pytestmark = pytest.mark.django_db
DATE_INDEPENDENT = "the throttles' windows run on a test clock of seconds, not on dates"
RAISE = "/api/v1/concerns/"
STATUS = "/api/v1/concerns/status/"
EXPORT = "/api/v1/volunteers/me/export/"
PROBLEM = "application/problem+json"


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def clock(monkeypatch):
    """The throttles' time, set by the test: `clock["now"] = 1600.0`."""
    now = {"now": 1000.0}
    monkeypatch.setattr(SimpleRateThrottle, "timer", staticmethod(lambda: now["now"]))
    return now


def _raise(client, facility, **extra):
    body = {"facility": facility.pk, "category": "other", "text": "Die Tür klemmt."}
    return client.post(RAISE, body, "application/json", **extra)


def _fields(response) -> dict:
    return {name: response.headers.get(name) for name in FIELDS}


def _remaining(response) -> str | None:
    return response.headers.get("RateLimit-Remaining")


def test_raising_a_concern_states_the_limit_and_counts_down(settings, client, facility_a1):
    settings.LOTSE_CONCERN_RATE = "3/h"
    answers = [_raise(client, facility_a1) for _ in range(3)]
    assert [a.status_code for a in answers] == [201, 201, 201]
    assert [_remaining(a) for a in answers] == ["2", "1", "0"]
    assert {a["RateLimit-Limit"] for a in answers} == {"3"}
    assert {a["RateLimit-Policy"] for a in answers} == {"3;w=3600"}


def test_looking_up_a_status_states_the_limit_and_counts_down(settings, client, facility_a1):
    settings.LOTSE_CONCERN_STATUS_RATE = "3/h"
    raised = concern_raise(facility_id=facility_a1.pk, category="other", text="x", reporter=None)
    found = client.post(STATUS, {"reference": raised.reference}, "application/json")
    guessed = client.post(STATUS, {"reference": "guess"}, "application/json")
    assert (found.status_code, guessed.status_code) == (200, 404)
    assert (_remaining(found), _remaining(guessed)) == ("2", "1")
    assert guessed["RateLimit-Limit"] == "3" and guessed["RateLimit-Policy"] == "3;w=3600"


def test_a_refused_body_is_counted_and_says_so(settings, client):
    settings.LOTSE_CONCERN_RATE = "3/h"
    response = client.post(RAISE, "{not json", "application/json")
    assert response.status_code == 400
    assert _remaining(response) == "2"


def test_past_the_limit_the_answer_is_a_throttled_problem(settings, client, facility_a1):
    settings.LOTSE_CONCERN_RATE = "1/h"
    _raise(client, facility_a1)
    response = _raise(client, facility_a1)
    assert response.status_code == 429 and response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["code"] == "throttled"
    assert 3590 <= body["retry_after"] <= 3600
    assert response["Retry-After"] == str(body["retry_after"])
    assert _fields(response) == {
        "RateLimit-Limit": "1",
        "RateLimit-Remaining": "0",
        "RateLimit-Reset": response["Retry-After"],
        "RateLimit-Policy": "1;w=3600",
    }


def test_reset_is_the_time_until_the_oldest_request_leaves_the_window(
    settings, client, facility_a1, clock
):
    settings.LOTSE_CONCERN_RATE = "3/h"
    resets = []
    for now in (1000.0, 1600.0, 2000.0):
        clock["now"] = now
        resets.append(_raise(client, facility_a1)["RateLimit-Reset"])
    clock["now"] = 2200.0
    refused = _raise(client, facility_a1)
    assert resets == ["3600", "3000", "2600"]
    assert (refused.status_code, refused["Retry-After"], refused["RateLimit-Reset"]) == (
        429,
        "2400",
        "2400",
    )


def test_after_retry_after_the_client_is_let_in_again(settings, client, facility_a1, clock):
    settings.LOTSE_CONCERN_RATE = "1/h"
    _raise(client, facility_a1)
    clock["now"] += 1
    refused = _raise(client, facility_a1)
    clock["now"] += int(refused["Retry-After"])
    again = _raise(client, facility_a1)
    assert (refused.status_code, again.status_code, _remaining(again)) == (429, 201, "0")


def test_a_lowered_limit_still_says_when_to_retry(settings, client, facility_a1, clock):
    """DRF's own wait has no answer when more requests are counted than the new limit allows."""
    settings.LOTSE_CONCERN_RATE = "5/h"
    for now in (1000.0, 1100.0, 1200.0):
        clock["now"] = now
        _raise(client, facility_a1)
    settings.LOTSE_CONCERN_RATE = "2/h"
    clock["now"] = 1300.0
    refused = _raise(client, facility_a1)
    # Two of the three must leave the window: the one sent at 1100 s goes at 4700 s.
    assert (refused.status_code, refused["Retry-After"]) == (429, "3400")
    assert refused.json()["retry_after"] == 3400


def test_the_data_export_states_its_limit(settings, client, victor):
    settings.LOTSE_EXPORT_RATE = "2/h"
    client.force_login(victor)
    answers = [client.get(EXPORT) for _ in range(3)]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert [_remaining(a) for a in answers] == ["1", "0", "0"]
    assert answers[0]["RateLimit-Policy"] == "2;w=3600"


def test_the_concern_form_and_the_api_share_one_limit(settings, client, facility_a1):
    settings.LOTSE_CONCERN_RATE = "2/h"
    form = {"facility": facility_a1.pk, "subject": "situation", "category": "other", "text": "x"}
    assert client.post("/concerns/new/", form).status_code == 302
    assert _remaining(_raise(client, facility_a1)) == "0"
    assert client.post("/concerns/new/", form).status_code == 429


def test_behind_nginx_each_client_sees_its_own_count(settings, facility_a1):
    settings.LOTSE_TRUSTED_PROXY_COUNT = 1
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": 1}
    settings.LOTSE_CONCERN_RATE = "3/h"
    proxy = Client(REMOTE_ADDR="10.9.9.9")
    first = [_raise(proxy, facility_a1, HTTP_X_FORWARDED_FOR="198.51.100.1") for _ in range(2)]
    other = _raise(proxy, facility_a1, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert ([_remaining(a) for a in first], _remaining(other)) == (["2", "1"], "2")


def test_operations_without_a_throttle_send_no_rate_limit_fields(client, alice, dora):
    client.force_login(alice)
    needs = client.get("/api/v1/needs/")
    client.force_login(dora)
    concerns = client.get(RAISE)  # only raising one is limited, not the handlers' list
    assert (needs.status_code, concerns.status_code) == (200, 200)
    for response in (needs, concerns):
        assert set(_fields(response).values()) == {None} and "Retry-After" not in response


class _Everyone(RateLimitHeadersMixin, SimpleRateThrottle):
    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": "everyone"}


class _Hourly(_Everyone):
    scope, rate = "test_hourly", "10/h"


class _PerMinute(_Everyone):
    scope, rate = "test_per_minute", "2/m"


class _TwoLimits(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [_Hourly, _PerMinute]

    def get(self, request):
        return Response({})


def test_with_two_limits_the_one_closest_to_its_limit_is_stated():
    view, factory = _TwoLimits.as_view(), APIRequestFactory()
    first, second, third = (view(factory.get("/two-limits/")) for _ in range(3))
    assert _fields(first) == {
        "RateLimit-Limit": "2",
        "RateLimit-Remaining": "1",
        "RateLimit-Reset": "60",
        "RateLimit-Policy": "2;w=60, 10;w=3600",
    }
    assert (_remaining(second), third.status_code, _remaining(third)) == ("0", 429, "0")
    assert third["RateLimit-Limit"] == "2" and third["Retry-After"] == third["RateLimit-Reset"]


@pytest.fixture(scope="module")
def schema():
    return EnglishSchemaGenerator().get_schema(request=None, public=True)


def test_the_schema_declares_the_fields_on_the_throttled_operations(schema):
    raise_ = schema["paths"][RAISE]["post"]["responses"]
    assert set(raise_["201"]["headers"]) >= set(FIELDS)
    assert set(raise_["429"]["headers"]) >= {*FIELDS, "Retry-After"}
    assert "RateLimit-Limit" not in raise_["401"].get("headers", {})
    export = schema["paths"][EXPORT]["get"]["responses"]["200"]
    assert set(export["headers"]) >= set(FIELDS)
    assert schema["components"]["headers"]["Retry-After"]["schema"]["type"] == "integer"
    assert "retry_after" in schema["components"]["schemas"]["Error"]["properties"]


def test_the_schema_declares_no_fields_where_nothing_is_limited(schema):
    declared = {
        (path, method)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        for response in operation["responses"].values()
        if "RateLimit-Limit" in response.get("headers", {})
    }
    assert declared == {(RAISE, "post"), (STATUS, "post"), (EXPORT, "get")}

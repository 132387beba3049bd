"""Bad filters: a clear 400 naming the problem on the page, the exports and the API."""

import pytest
from django.utils import translation

from lotse.dashboard import filters as messages
from lotse.needs.models import Need

API = "/api/v1/districts/demand/"
INJECTIONS = ["1 OR 1=1", "'; DROP TABLE needs_need; --", "9" * 25, "x" * 5000]


def german(message, **params) -> str:
    with translation.override("de"):
        return str(message) % params if params else str(message)


@pytest.fixture
def as_dora(client, dora):
    client.force_login(dora)
    return client


def test_it_refuses_a_period_that_ends_before_it_starts(as_dora):
    response = as_dora.get(API, {"start": "2026-06-01", "end": "2026-01-01"})
    assert response.status_code == 400
    assert response.json()["end"] == [german(messages.RANGE_REVERSED)]


def test_it_refuses_a_period_of_a_hundred_years(as_dora):
    response = as_dora.get(API, {"start": "2001-01-01", "end": "2100-12-31"})
    assert response.status_code == 400
    assert "2000-01-01" in response.json()["detail"][0]


def test_it_refuses_a_period_longer_than_the_limit(as_dora, settings):
    settings.LOTSE_DASHBOARD_MAX_RANGE_DAYS = 30
    response = as_dora.get(API, {"start": "2026-01-01", "end": "2026-03-01"})
    assert response.status_code == 400
    assert response.json()["end"] == [german(messages.RANGE_TOO_LONG, days=30)]


def test_it_refuses_dates_long_before_the_service_existed(as_dora):
    response = as_dora.get(API, {"start": "1900-01-01", "end": "1900-02-01"})
    assert response.status_code == 400
    expected = german(messages.RANGE_OUT_OF_BOUNDS, first="2000-01-01", last="LAST")
    assert response.json()["detail"][0].split("2000-01-01")[0] == expected.split("2000-01-01")[0]


def test_it_refuses_a_date_it_cannot_read(as_dora):
    assert as_dora.get(API, {"start": "yesterday"}).status_code == 400


@pytest.mark.parametrize(
    ("name", "message"),
    [("skill", messages.UNKNOWN_SKILL), ("language", messages.UNKNOWN_LANGUAGE),
     ("organisation", messages.UNKNOWN_ORGANISATION), ("district", messages.UNKNOWN_DISTRICT)],
)  # fmt: skip
@pytest.mark.parametrize("value", INJECTIONS)
def test_it_refuses_unknown_or_hostile_filter_values(as_dora, name, message, value):
    response = as_dora.get(API, {name: value})
    assert response.status_code == 400
    assert response.json()[name] == [german(message, value=value)]


def test_it_leaves_the_database_alone_after_an_injection_attempt(as_dora, nord):
    before = Need.objects.count()
    as_dora.get(API, {"skill": "'; DELETE FROM needs_need; --"})
    assert Need.objects.count() == before


def test_it_shows_the_error_next_to_the_field_on_the_page(as_dora):
    response = as_dora.get("/dashboard/", {"start": "2026-06-01", "end": "2026-01-01"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'aria-describedby="id_end-errors"' in page
    assert german(messages.RANGE_REVERSED) in page


def test_it_escapes_hostile_values_on_the_page(as_dora):
    response = as_dora.get("/dashboard/", {"skill": "<script>alert(1)</script>"})
    assert response.status_code == 400
    assert "<script>alert(1)</script>" not in response.content.decode()


def test_it_answers_a_bad_export_request_with_400(as_dora):
    response = as_dora.get("/dashboard/export/districts.xlsx", {"language": "klingon"})
    assert response.status_code == 400


def test_it_answers_an_unknown_table_or_format_with_404(as_dora):
    assert as_dora.get("/dashboard/export/salaries.csv").status_code == 404
    assert as_dora.get("/dashboard/export/districts.pdf").status_code == 404

"""Lists that behave alike (issue 19): one page (`count`, `next`, `previous`, `results`) with
`page_size` up to a maximum, a documented `ordering`, real `external_id` and `updated_since`
filters, and query parameters an operation does not take refused with the ones it does —
on lists, single resources and the other views alike."""

import datetime as dt
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.utils import timezone

from lotse.api.query import allowed_query_parameters
from lotse.api.schema import EnglishSchemaGenerator
from lotse.matchmaking.need_cache import needs_forget
from lotse.matchmaking.pool_cache import pool_forget
from lotse.needs.models import Need
from lotse.needs.services import need_create, need_sync_status
from lotse.placements.models import Placement
from lotse.safeguarding.services import concern_raise
from lotse.volunteers.models import Volunteer

from ..factories import FacilityFactory, OrganisationFactory
from ..placements.factories import NeedFactory, in_days, make_placement

pytestmark = pytest.mark.django_db
DATE_INDEPENDENT = (
    "pages, ordering and filters; its instants are relative (30 days ago), and ranking at the "
    "hard dates is the job of the candidates' and opportunities' own tests"
)

PAGE = {"count", "next", "previous", "results"}
# Every paged list, the role that reaches it, and how a row is told apart.
LISTS = {
    "needs": ("erin", "/api/v1/needs/"),
    "placements": ("alice", "/api/v1/placements/"),
    "organisations": ("erin", "/api/v1/organisations/"),
    "facilities": ("erin", "/api/v1/facilities/"),
    "volunteers": ("erin", "/api/v1/volunteers/"),
    "notifications": ("bob", "/api/v1/notifications/"),
    "concerns": ("dora", "/api/v1/concerns/"),
    "my concerns": ("victor", "/api/v1/concerns/mine/"),
    "district demand": ("erin", "/api/v1/districts/demand/"),
    "candidates": ("alice", "/api/v1/needs/{need}/candidates/"),
    "opportunities": ("victor", "/api/v1/volunteers/me/opportunities/"),
}
# Small reference lists stay plain arrays (docs/api.md), ordered all the same.
REFERENCE_LISTS = {
    "skills": ("erin", "/api/v1/skills/"),
    "languages": ("erin", "/api/v1/languages/"),
    "neighbourhoods": ("erin", "/api/v1/neighbourhoods/"),
}
ORDERING = {
    "needs": ["id", "created_at", "updated_at", "opened_at", "title"],
    "placements": ["id", "created_at", "updated_at"],
    "organisations": ["id", "name"],
    "facilities": ["id", "name"],
    "volunteers": ["id", "updated_at"],
    "notifications": ["id", "created_at"],
    "concerns": ["id", "created_at", "response_due_at"],
    "my concerns": ["id", "created_at"],
    "district demand": [
        "name", "open_needs", "open_slots", "hours_per_week", "volunteers_within_reach",
        "coverage",
    ],
    "candidates": ["score", "distance_km"],
    "opportunities": ["score", "distance_km"],
    "skills": ["slug"],
    "languages": ["code"],
    "neighbourhoods": ["id", "name"],
}  # fmt: skip
ALL_LISTS = {**LISTS, **REFERENCE_LISTS}
ORDERED = [(name, field) for name, fields in ORDERING.items() for field in fields]


@pytest.fixture(autouse=True)
def fresh_pool():
    """Each test's database is new; so must the process's pool and need table be."""
    pool_forget()
    needs_forget()
    yield
    pool_forget()
    needs_forget()


@pytest.fixture
def lists(world, alice, victor, wim, facility_a1):
    """The security `world` with two of each where it matters: two needs that both volunteers
    can help with at their default times (Tuesday afternoon, Saturday morning), so that each
    has two opportunities and the first need two candidates."""
    need = _weekly_need(alice, facility_a1, "Hausaufgabenhilfe", "tue 16:00-18:00")
    other = _weekly_need(alice, facility_a1, "Sprachcafé", "sat 10:00-12:00")
    make_placement(need=other, volunteer=wim.volunteer)
    concern_raise(facility_id=facility_a1.pk, category="other", text="Zweite.", reporter=victor)
    return {"need": need.pk}


def _weekly_need(alice, facility, title: str, times: str) -> Need:
    start = in_days(1)
    return need_create(
        actor=alice,
        facility=facility,
        title=title,
        main_skill="accompaniment",
        requires_certificate=False,
        volunteers_needed=2,
        schedule=f"weekly {times} from {start} until {start + dt.timedelta(days=90)}",
    )


def _url(name: str, lists: dict) -> str:
    return ALL_LISTS[name][1].format(**lists)


def _get(client, everyone, name: str, lists: dict, **params):
    role, _path = ALL_LISTS[name]
    client.force_login(everyone[role])
    return client.get(_url(name, lists), params)


def _rows(response) -> list:
    body = response.json()
    return body if isinstance(body, list) else body["results"]


@pytest.fixture(scope="module")
def schema():
    return EnglishSchemaGenerator().get_schema(request=None, public=True)


# --- one page shape -----------------------------------------------------------------------


@pytest.mark.parametrize("name", LISTS)
def test_every_list_answers_the_same_page(client, everyone, lists, name):
    response = _get(client, everyone, name, lists)
    assert response.status_code == 200
    body = response.json()
    assert set(body) >= PAGE and body["count"] == len(body["results"])


@pytest.mark.parametrize("name", [name for name in LISTS if name != "notifications"])
def test_every_list_is_split_by_page_size(client, everyone, lists, name):
    first = _get(client, everyone, name, lists, page_size=1).json()
    assert first["count"] > 1 and len(first["results"]) == 1 and first["previous"] is None
    query = parse_qs(urlsplit(first["next"]).query)
    assert (query["page"], query["page_size"]) == (["2"], ["1"])
    second = _get(client, everyone, name, lists, page_size=1, page=2).json()
    assert second["results"] != first["results"] and second["previous"]


@pytest.mark.parametrize("name", LISTS)
def test_a_page_past_the_last_is_a_404(client, everyone, lists, name):
    response = _get(client, everyone, name, lists, page=999)
    assert (response.status_code, response.json()["code"]) == (404, "not-found")


@pytest.mark.parametrize("name", LISTS)
def test_a_page_size_above_the_maximum_is_a_400(client, everyone, lists, name):
    response = _get(client, everyone, name, lists, page_size=201)
    body = response.json()
    assert (response.status_code, body["code"]) == (400, "validation")
    assert [e["field"] for e in body["errors"]] == ["page_size"]
    assert "200" in body["page_size"][0]


@pytest.mark.parametrize("size", ["0", "-1", "abc", "1.5", "²", "9" * 5000])
def test_a_page_size_that_is_no_whole_number_in_range_is_a_400(client, erin, size):
    client.force_login(erin)
    response = client.get("/api/v1/organisations/", {"page_size": size})
    assert (response.status_code, response.json()["errors"][0]["field"]) == (400, "page_size")


def test_the_maximum_page_size_is_a_setting(client, erin, settings):
    settings.LOTSE_API_MAX_PAGE_SIZE = 2
    OrganisationFactory.create_batch(3)
    client.force_login(erin)
    assert len(client.get("/api/v1/organisations/", {"page_size": 2}).json()["results"]) == 2
    assert client.get("/api/v1/organisations/", {"page_size": 3}).status_code == 400


def test_a_list_has_fifty_per_page_unless_asked(client, erin):
    OrganisationFactory.create_batch(51)
    client.force_login(erin)
    assert len(client.get("/api/v1/organisations/").json()["results"]) == 50
    assert len(client.get("/api/v1/organisations/", {"page_size": 51}).json()["results"]) == 51


def test_the_schema_states_the_page_size_and_its_maximum(schema):
    parameters = schema["paths"]["/api/v1/needs/"]["get"]["parameters"]
    page_size = next(p for p in parameters if p["name"] == "page_size")
    assert page_size["schema"] == {"type": "integer", "minimum": 1, "maximum": 200}


@pytest.mark.parametrize("name", REFERENCE_LISTS)
def test_small_reference_lists_stay_plain_arrays(client, everyone, lists, name):
    assert isinstance(_get(client, everyone, name, lists).json(), list)


# --- ordering -----------------------------------------------------------------------------


def _values(rows: list, field: str) -> list:
    values = [row[field] for row in rows if row[field] is not None]
    if field.endswith("_at"):
        return [dt.datetime.fromisoformat(v) for v in values]
    # Letters and digits only: the database's collation may skip spaces and punctuation.
    return [_letters(v) if isinstance(v, str) else v for v in values]


def _letters(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


@pytest.mark.parametrize(("name", "field"), ORDERED)
def test_every_list_orders_by_each_documented_field(client, everyone, lists, name, field):
    ascending = _rows(_get(client, everyone, name, lists, ordering=field))
    descending = _rows(_get(client, everyone, name, lists, ordering=f"-{field}"))
    assert _values(ascending, field) == sorted(_values(ascending, field))
    assert _values(descending, field) == sorted(_values(ascending, field), reverse=True)


@pytest.mark.parametrize("name", ORDERING)
def test_the_schema_documents_each_lists_ordering_fields(schema, name, lists):
    path = ALL_LISTS[name][1].replace("{need}", "{id}")
    parameters = schema["paths"][path]["get"]["parameters"]
    ordering = next(p for p in parameters if p["name"] == "ordering")
    assert ordering["schema"]["enum"][::2] == ORDERING[name]


@pytest.mark.parametrize("name", ALL_LISTS)
def test_an_unknown_ordering_field_is_a_400(client, everyone, lists, name):
    response = _get(client, everyone, name, lists, ordering="-password")
    body = response.json()
    assert (response.status_code, body["code"]) == (400, "validation")
    assert [e["field"] for e in body["errors"]] == ["ordering"]


def test_ties_are_broken_by_id_in_the_direction_asked(client, erin, facility_a1):
    twins = [NeedFactory(facility=facility_a1, title="Zwilling").pk for _ in range(3)]
    client.force_login(erin)
    up = client.get("/api/v1/needs/", {"ordering": "title"}).json()["results"]
    down = client.get("/api/v1/needs/", {"ordering": "-title"}).json()["results"]
    assert [n["id"] for n in up if n["title"] == "Zwilling"] == twins
    assert [n["id"] for n in down if n["title"] == "Zwilling"] == twins[::-1]


def test_several_fields_may_be_joined(client, erin, facility_a1):
    older = NeedFactory(facility=facility_a1, title="B").pk
    newer = NeedFactory(facility=facility_a1, title="B").pk
    first = NeedFactory(facility=facility_a1, title="A").pk
    client.force_login(erin)
    rows = client.get("/api/v1/needs/", {"ordering": "title,-id"}).json()["results"]
    assert [n["id"] for n in rows] == [first, newer, older]


def test_needs_come_newest_first_without_ordering(client, erin, facility_a1):
    ids = [NeedFactory(facility=facility_a1).pk for _ in range(3)]
    client.force_login(erin)
    assert [n["id"] for n in client.get("/api/v1/needs/").json()["results"]] == ids[::-1]


# --- external_id --------------------------------------------------------------------------


def _make_with_external_id(kind: str, external_id: str, facility_a1):
    if kind == "needs":
        return NeedFactory(facility=facility_a1, external_id=external_id)
    if kind == "facilities":
        return FacilityFactory(organisation=facility_a1.organisation, external_id=external_id)
    volunteer = Volunteer.objects.order_by("pk").filter(external_id=None).first()
    Volunteer.objects.filter(pk=volunteer.pk).update(external_id=external_id)
    return volunteer


@pytest.mark.parametrize("kind", ["needs", "facilities", "volunteers"])
def test_the_external_id_filter_returns_only_that_object(client, erin, lists, facility_a1, kind):
    wanted = _make_with_external_id(kind, "KH-7", facility_a1)
    _make_with_external_id(kind, "KH-8", facility_a1)
    client.force_login(erin)
    rows = client.get(f"/api/v1/{kind}/", {"external_id": "KH-7"}).json()["results"]
    assert [(row["id"], row["external_id"]) for row in rows] == [(wanted.pk, "KH-7")]


@pytest.mark.parametrize("kind", ["placements", "organisations"])
def test_external_id_matches_nothing_where_the_records_have_none(client, erin, lists, kind):
    """It used to answer the whole list. These records carry no external id, so no value
    matches; the parameter stays accepted, as contracts.md promises for every list."""
    client.force_login(erin)
    assert client.get(f"/api/v1/{kind}/").json()["count"] > 0
    response = client.get(f"/api/v1/{kind}/", {"external_id": "KH-7"})
    assert response.status_code == 200
    assert (response.json()["count"], response.json()["results"]) == (0, [])


# --- updated_since ------------------------------------------------------------------------

CHANGED = {"needs": Need, "placements": Placement, "volunteers": Volunteer}


@pytest.mark.parametrize("kind", CHANGED)
def test_updated_since_returns_only_what_changed_since(client, erin, lists, kind):
    model = CHANGED[kind]
    recent = model.objects.order_by("-pk").first()
    long_ago = timezone.now() - dt.timedelta(days=30)
    model.objects.exclude(pk=recent.pk).update(updated_at=long_ago)
    since = (long_ago + dt.timedelta(days=1)).isoformat()
    client.force_login(erin)
    rows = client.get(f"/api/v1/{kind}/", {"updated_since": since}).json()["results"]
    assert [row["id"] for row in rows] == [recent.pk]


def test_updated_since_includes_the_moment_itself(client, erin, lists):
    need = Need.objects.get(pk=lists["need"])
    client.force_login(erin)
    since = need.updated_at.isoformat()
    rows = client.get("/api/v1/needs/", {"updated_since": since}).json()["results"]
    assert need.pk in [row["id"] for row in rows]


@pytest.mark.parametrize("since", ["2026-05-01T08:00:00Z", "2026-05-01T10:00:00+02:00"])
def test_updated_since_takes_an_offset_as_z_or_in_hours(client, erin, since):
    client.force_login(erin)
    assert client.get(f"/api/v1/needs/?updated_since={quote(since)}").status_code == 200


# No offset (it would depend on our time zone), a `+` sent unencoded (read as a space), no
# time, no date.
@pytest.mark.parametrize(
    "since",
    ["2026-05-01T10:00:00", "2026-05-01T10:00:00 02:00", "2026-05-01", "2026-13-01T00:00Z", "-1"],
)
def test_updated_since_without_a_date_time_and_offset_is_a_400(client, erin, since):
    client.force_login(erin)
    response = client.get("/api/v1/needs/", {"updated_since": since}, HTTP_ACCEPT_LANGUAGE="en")
    body = response.json()
    assert (response.status_code, [e["field"] for e in body["errors"]]) == (400, ["updated_since"])
    assert "ISO 8601" in body["updated_since"][0]


def test_a_need_filled_by_its_last_place_counts_as_changed(facility_a1, victor):
    need = NeedFactory(facility=facility_a1)
    long_ago = timezone.now() - dt.timedelta(days=30)
    Need.objects.filter(pk=need.pk).update(updated_at=long_ago)
    make_placement(need=need, volunteer=victor.volunteer, how="active")
    need_sync_status(need=need)
    need.refresh_from_db()
    assert need.status == Need.Status.FILLED and need.updated_at > long_ago


@pytest.mark.parametrize("kind", CHANGED)
def test_each_synced_resource_shows_when_it_changed(client, erin, lists, kind):
    client.force_login(erin)
    rows = client.get(f"/api/v1/{kind}/").json()["results"]
    assert rows and all(dt.datetime.fromisoformat(row["updated_at"]) for row in rows)


# --- unknown query parameters -------------------------------------------------------------

# (role, method, path): a list, a single resource, and views that are not lists.
ELSEWHERE = [
    ("erin", "get", "/api/v1/needs/"),
    ("erin", "get", "/api/v1/needs/{need}/"),
    ("alice", "post", "/api/v1/needs/{need}/close/"),
    ("alice", "get", "/api/v1/needs/{need}/candidates/"),
    ("alice", "get", "/api/v1/needs/{need}/candidates/{volunteer}/"),
    ("victor", "get", "/api/v1/volunteers/me/opportunities/"),
    ("victor", "get", "/api/v1/volunteers/me/"),
    ("victor", "get", "/api/v1/volunteers/me/export/"),
    ("erin", "get", "/api/v1/districts/demand/"),
    (None, "post", "/api/v1/concerns/status/"),
    ("erin", "get", "/api/v1/skills/accompaniment/"),
    ("bob", "get", "/api/v1/notifications/unread/"),
]


@pytest.mark.parametrize(("role", "method", "path"), ELSEWHERE)
def test_an_unknown_query_parameter_is_a_400_naming_the_allowed_ones(
    client, everyone, lists, victor, role, method, path
):
    if role:
        client.force_login(everyone[role])
    url = path.format(volunteer=victor.volunteer.pk, **lists) + "?externalid=KH-7"
    if method == "get":
        response = client.get(url)
    else:
        response = client.post(url, {}, content_type="application/json")
    body = response.json()
    assert (response.status_code, body["code"]) == (400, "unknown-query-parameter")
    assert "externalid" in body["detail"] and "format" in body["allowed"]
    assert all(name in body["detail"] for name in body["allowed"])


def test_the_allowed_ones_are_those_of_the_operation(client, erin):
    client.force_login(erin)
    allowed = client.get("/api/v1/needs/", {"externalid": "KH-7"}).json()["allowed"]
    assert allowed == sorted([
        "external_id", "facility", "format", "main_skill", "neighbourhood", "ordering", "page",
        "page_size", "status", "updated_since", "urgency",
    ])  # fmt: skip


def test_a_filter_of_the_list_is_unknown_on_a_single_resource(client, erin, lists):
    client.force_login(erin)
    response = client.get(f"/api/v1/needs/{lists['need']}/", {"status": "open"})
    assert response.json()["allowed"] == ["format"]


def test_format_is_taken_everywhere(client, erin, lists):
    client.force_login(erin)
    assert client.get(f"/api/v1/needs/{lists['need']}/", {"format": "json"}).status_code == 200


def test_the_refusal_comes_in_the_callers_language(client, erin):
    client.force_login(erin)
    english = client.get("/api/v1/needs/", {"x": "1"}, HTTP_ACCEPT_LANGUAGE="en").json()
    assert english["detail"].startswith("Unknown query parameter: x.")


def test_every_operation_takes_exactly_the_query_parameters_it_documents(schema):
    from lotse.api.query import _endpoints

    documented, checked = {}, {}
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            query = {p["name"] for p in operation.get("parameters", []) if p["in"] == "query"}
            documented[(path, method.upper())] = sorted(query | {"format"})
    for (callback, method), (path, _regex) in _endpoints().items():
        key = (_coerced(path), method)
        if key in documented:
            checked[key] = allowed_query_parameters(callback, method)
    assert checked == documented


def _coerced(path: str) -> str:
    """The schema names the primary key `id` (drf-spectacular's coerce_path)."""
    return path.replace("{pk}", "{id}")


@pytest.mark.parametrize(
    ("value", "status"),
    [("3600-07-29T11:55:29-23:11", 200), ("9999-12-31T23:59:59-23:59", 400)],
)
def test_updated_since_takes_any_iso_offset_and_refuses_what_leaves_the_calendar(
    client, erin, value, status
):
    """Schemathesis on PostgreSQL found it: an offset of -23:11 is ISO 8601 but beyond what
    PostgreSQL takes (±15:59), and the list answered 500. The time is compared in UTC."""
    client.force_login(erin)
    response = client.get("/api/v1/needs/", {"updated_since": value})
    assert response.status_code == status

"""Queries per request for every page and endpoint of the load mix (tests/load/locustfile.py).

Each case logs in its role, sends the request once (which fills the process's caches: the
matching pool, the need table, the dashboard's supply), then sends it again inside
`django_assert_max_num_queries(budget)`. `pytest -s` prints the table of what each request
took (docs/performance.md, "Queries per request"):

    pytest -s -p no:cacheprovider tests/web/perf/test_query_budgets.py
"""

import os

import pytest

from tests.load.forms import form_fields

DATE_INDEPENDENT = "counts queries; the district's dates are all relative to today"

pytestmark = pytest.mark.django_db

# name: (budget, why it is above 6). Every request of a logged-in user reads its session and
# its user (2); staff their TOTP state (kept in the shared cache since issue 21: 0 when warm)
# and every page the unread count of the bell (likewise).
# Budgets are the measured counts, never more: a page that reads more fails here and says
# which queries it sent.
BUDGETS = {
    "/volunteer/opportunities/": (3, ""),  # the ranked needs' rows kept per process: were 4
    "API opportunities": (3, ""),
    "/volunteer/profile/": (
        7, "the profile, its skills, its languages with their names, the newest certificate "
        "inspection and the consents (issue 21: 10 — languages and their names, whether a "
        "skill needs an eFZ, and consent states and history were read apart; the inspection "
        "as four subqueries of the profile's row was measured: 1.3 ms more CPU than its query)",
    ),
    "/volunteer/profile/edit/": (
        5, "",
    ),
    "/needs/?status=open": (
        5, "",  # the count and the page of needs, the held slots of the page's needs (one
        # query for all); the filter's facilities are the process's list of her
        # organisation's (since issue 21: one query)
    ),
    "API candidates": (
        4, "",  # the need and the ranked volunteers (the open need's spec from the process's
        # need table since issue 21: its languages, skills and slots were 3; the operator's
        # weights kept per process under their stamp: 1)
    ),
    "API candidates, need filled": (
        7, "a need the process's need table does not hold (filled or closed: the load mix asks "
        "for those once approvals fill them): its spec is read — its languages, skills and "
        "held slots (3); the need is read with its place and skill, which the spec needs",
    ),
    "/needs/[id]/candidates/": (
        5, "",  # what the API reads (4), plus for 'why not this person?' the rows the reach
        # index names, measured exactly, with their names (one read since issue 21: the
        # facilities' positions come from the process's list, the names came apart: 8)
    ),
    "/placements/queue/": (
        5, "",  # the proposals with their gates (code of conduct and open concerns as Exists
        # inside the proposals' query since issue 21: a query each before, 41 at first), the
        # eFZ inspections, the last matching run with its open suggestions (one query since
        # issue 21: 2); the filter's facilities are the process's list of her organisation's
        # and its needs those of the rows (were 2 queries)
    ),
    "/dashboard/": (
        6, "",  # the refresh state, neighbourhoods, facilities on the map and her districts
        # (operators, skills and languages kept per process, the current, daily and open-demand
        # rows in the shared cache under the refresh state, and her districts read once for
        # the filter and its options, since issue 21)
    ),
    "/coordinator/": (5, ""),
    "API demand": (5, ""),
    "/dashboard/stale/": (4, ""),
    "login form": (0, ""),
    "POST /volunteer/profile/edit/": (
        16, "a write: the form reads the profile and the option lists, the service reads and "
        "checks the postcode, skills and languages again and writes the profile",
    ),
    "API propose": (
        41, "a write: the service re-ranks the volunteer for the need (all matching inputs), "
        "writes placement, event and notification, and answers with the placement",
    ),
    "API approve": (
        45, "a write: the gates and the engine's components for the decision record, slots, "
        "need status, event and notification, and the placement in the answer",
    ),
}  # fmt: skip
MEASURED: dict[str, tuple[int, list[str]]] = {}
JSON = "application/json"

# (name, named user or "" for anonymous, path; {need} is the district's first need)
GETS = [
    ("/volunteer/opportunities/", "victor", "/volunteer/opportunities/"),
    ("API opportunities", "victor", "/api/v1/volunteers/me/opportunities/"),
    ("/volunteer/profile/", "victor", "/volunteer/profile/"),
    ("/volunteer/profile/edit/", "victor", "/volunteer/profile/edit/"),
    ("/needs/?status=open", "alice", "/needs/?status=open"),
    ("API candidates", "alice", "/api/v1/needs/{need}/candidates/?limit=20"),
    ("/needs/[id]/candidates/", "alice", "/needs/{need}/candidates/"),
    ("/placements/queue/", "alice", "/placements/queue/"),
    ("/dashboard/", "dora", "/dashboard/"),
    ("/coordinator/", "dora", "/coordinator/"),
    ("API demand", "dora", "/api/v1/districts/demand/"),
    ("/dashboard/stale/", "dora", "/dashboard/stale/"),
    ("login form", "", "/accounts/login/"),
]


@pytest.fixture(scope="module", autouse=True)
def table():
    """After the module, with `pytest -s`: the count of each request (LOTSE_PRINT_SQL=1: and
    its SQL, to see what repeats)."""
    yield
    if MEASURED:
        print("\n\nqueries per request (second request, caches warm)")
        for name, (count, sql) in MEASURED.items():
            print(f"  {count:>4}  {name}")
            if os.environ.get("LOTSE_PRINT_SQL"):
                print("".join(f"          {line[:300]}\n" for line in sql))


def measure(name, django_assert_max_num_queries, send, status: int):
    budget, _why = BUDGETS[name]
    with django_assert_max_num_queries(budget) as captured:
        response = send()
    MEASURED[name] = (len(captured), [q["sql"] for q in captured.captured_queries])
    assert response.status_code == status, response.content[:300]
    return response


@pytest.mark.parametrize(("name", "role", "path"), GETS, ids=[g[0] for g in GETS])
def test_it_keeps_the_page_within_its_budget(
    name, role, path, client, district, everyone, django_assert_max_num_queries
):
    if role:
        client.force_login(everyone[role])
    path = path.format(need=district["needs"][0].pk)
    assert client.get(path).status_code == 200  # warms the pool, the need table, supply
    measure(name, django_assert_max_num_queries, lambda: client.get(path), 200)


def _profile_post(client, distance: int):
    """The edit page's form as a browser sends it, with another travel distance."""
    page = client.get("/volunteer/profile/edit/").content.decode()
    data: dict[str, list[str]] = {}
    for name, value in form_fields(page):
        changed = str(distance) if name.endswith("max_distance_km") else value
        data.setdefault(name, []).append(changed)
    return lambda: client.post("/volunteer/profile/edit/", data)


def test_it_keeps_saving_the_profile_within_its_budget(
    client, district, everyone, django_assert_max_num_queries
):
    client.force_login(everyone["victor"])
    assert _profile_post(client, 8)().status_code == 302
    saving = _profile_post(client, 15)
    measure("POST /volunteer/profile/edit/", django_assert_max_num_queries, saving, 302)


def test_it_keeps_proposing_and_approving_within_their_budgets(
    client, district, everyone, django_assert_max_num_queries
):
    client.force_login(everyone["alice"])
    need = district["needs"][7].pk

    def propose(volunteer):
        body = {"need": need, "volunteer": volunteer.pk}
        return lambda: client.post("/api/v1/placements/", body, content_type=JSON)

    def approve(pk):
        return lambda: client.post(f"/api/v1/placements/{pk}/approve/", {}, content_type=JSON)

    warm = propose(district["volunteers"][5])()
    assert approve(warm.json()["id"])().status_code == 200
    proposing = propose(district["volunteers"][6])
    proposed = measure("API propose", django_assert_max_num_queries, proposing, 201)
    measure("API approve", django_assert_max_num_queries, approve(proposed.json()["id"]), 200)


def test_candidates_of_a_filled_need_read_its_place_with_it(
    client, district, everyone, django_assert_max_num_queries
):
    """Not in the process's need table: the spec is built from the need as read (issue 21: a
    need read without its facility and skill cost two queries more here)."""
    from lotse.needs.models import Need

    need = district["needs"][0]
    Need.objects.filter(pk=need.pk).update(status=Need.Status.FILLED)
    client.force_login(everyone["alice"])
    path = f"/api/v1/needs/{need.pk}/candidates/?limit=20"
    assert client.get(path).status_code == 200
    measure("API candidates, need filled", django_assert_max_num_queries,
            lambda: client.get(path), 200)  # fmt: skip

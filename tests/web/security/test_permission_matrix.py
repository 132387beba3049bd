"""The permission matrix: every URL of the site (walked from the root URLconf, path parameters
filled with real objects) × every role → the expected outcome class. A URL without a row in
the table fails the test, so no endpoint goes in unchecked; no answer may be a 5xx.

The objects live at facility A1 (Stadt, district Nord). Columns, one per role: anon; victor,
the volunteer placed there (the placement, hours, concern and certificate are his); wim, another
volunteer with a profile; alice, a social worker of A1's organisation; charlie, one of another
organisation (Caritas); bob, A1's facility staff and named contact person; dora, the coordinator
of Nord; dirk, a coordinator of another district (Hiltrup); erin, an administrator.

Outcome classes:
  ok     2xx
  away   a redirect to a page other than the login (e.g. a start page that sends each role
         to its own, or a form that acts and returns)
  login  a redirect to the login page (the site's or the admin's)
  deny   401, 403 or 404 — refused, or the object does not exist for this user
  bad    400, 405, 409 — the view was reached and refused the (empty) request

Rows are `url-name method` and one outcome per role. POST rows are sent with an empty body
(`{}` as JSON to the API), each request in a transaction that is rolled back, so every request
sees the same objects.
`LOTSE_MATRIX_PRINT=1` prints the observed table (to add rows for new URLs).

Beside the table, a rule (OUTSIDERS): whoever has no business with the object a path names never
gets a 2xx there (nor a redirect on a POST), and no 2xx shows them what is HIDDEN_FROM them.
"""

import os

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

from . import urlmatrix

pytestmark = pytest.mark.django_db

ROLES = ("anon", "victor", "wim", "alice", "charlie", "bob", "dora", "dirk", "erin")
OUTCOMES = {"ok", "away", "login", "deny", "bad"}

MATRIX = """
# url name                            meth anon  victor wim   alice charlie bob   dora  dirk  erin
# The admin site (its per-model views: ADMIN_MODELS below)
admin:index                           GET  login login  login login login   login login login ok
admin:login                           GET  login deny   deny  deny  deny    deny  deny  deny  away
admin:logout                          GET  away  away   away  away  away    away  away  away  bad
admin:password_change                 GET  login login  login login login   login login login ok
admin:password_change_done            GET  login login  login login login   login login login ok
admin:autocomplete                    GET  login login  login login login   login login login deny
admin:jsi18n                          GET  login login  login login login   login login login ok
admin:view_on_site                    GET  login login  login login login   login login login deny
admin:auth_user_password_change       GET  login login  login login login   login login login ok
admin:app_list                        GET  login login  login login login   login login login ok
admin/(?P<url>.*)$                    GET  login login  login login login   login login login deny

# Accounts (allauth): login, sign-up, password, two-factor
account_login                         GET  ok    away   away  away  away    away  away  away  away
account_logout                        GET  away  ok     ok    ok    ok      ok    ok    ok    ok
account_inactive                      GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
account_signup                        GET  ok    away   away  away  away    away  away  away  away
account_reauthenticate                GET  login ok     ok    ok    ok      ok    ok    ok    ok
# allauth 65.22: reauthentication by an e-mailed code, turned off (ACCOUNT_REAUTHENTICATION_METHODS)
account_request_reauthentication_code GET  login deny   deny  deny  deny    deny  deny  deny  deny
account_confirm_reauthentication_code GET  login deny   deny  deny  deny    deny  deny  deny  deny
account_email                         GET  login ok     ok    ok    ok      ok    ok    ok    ok
account_email_verification_sent       GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
account_change_password               GET  login ok     ok    ok    ok      ok    ok    ok    ok
account_set_password                  GET  login away   away  away  away    away  away  away  away
account_reset_password                GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
account_confirm_login_code            GET  login away   away  away  away    away  away  away  away
account_confirm_email                 GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
account_reset_password_from_key_done  GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
account_reset_password_from_key       GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
account_reset_password_done           GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
mfa_index                             GET  login ok     ok    ok    ok      ok    ok    ok    ok
mfa_authenticate                      GET  login away   away  away  away    away  away  away  away
mfa_reauthenticate                    GET  login away   away  ok    ok      ok    ok    ok    ok
mfa_activate_totp                     GET  login away   away  away  away    away  away  away  away
mfa_deactivate_totp                   GET  login deny   deny  away  away    away  away  away  away
mfa_view_recovery_codes               GET  login deny   deny  deny  deny    deny  deny  deny  deny
mfa_generate_recovery_codes           GET  login away   away  away  away    away  away  away  away
mfa_download_recovery_codes           GET  login deny   deny  deny  deny    deny  deny  deny  deny
# API tokens: staff only, each their own (the token in the URL is alice's)
accounts:api_tokens                   GET  login deny   deny  ok    ok      ok    ok    ok    ok
accounts:api_token_revoke             POST login deny   deny  away  deny    deny  deny  deny  deny

# API /api/v1/
api:district-demand                   GET  deny  deny   deny  deny  deny    deny  ok    ok    ok
api:need-candidates                   GET  deny  deny   deny  ok    deny    ok    deny  deny  ok
api:need-candidate-why-not            GET  deny  deny   deny  ok    deny    deny  deny  deny  ok
api:my-opportunities                  GET  deny  ok     ok    deny  deny    deny  deny  deny  ok
api:my-data-export                    GET  deny  ok     ok    ok    ok      ok    ok    ok    ok
api:volunteer-me                      GET  deny  ok     ok    deny  deny    deny  deny  deny  deny
api:my-consent                        POST deny  ok     ok    deny  deny    deny  deny  deny  ok
api:notification-preferences          GET  deny  ok     ok    ok    ok      ok    ok    ok    ok
api:concerns                          GET  deny  deny   deny  deny  deny    ok    ok    ok    deny
api:my-concerns                       GET  deny  ok     ok    ok    ok      ok    ok    ok    ok
api:concern-status                    POST bad   bad    bad   bad   bad     bad   bad   bad   bad
api:concern-detail                    GET  deny  deny   deny  deny  deny    ok    ok    deny  deny
api:concern-acknowledge               POST deny  deny   deny  deny  deny    ok    ok    deny  deny
api:concern-notes                     POST deny  deny   deny  deny  deny    bad   bad   deny  deny
api:concern-resolve                   POST deny  deny   deny  deny  deny    bad   bad   deny  deny
api:concern-volunteer                 POST deny  deny   deny  deny  deny    ok    ok    deny  deny
api:organisation-list                 GET  deny  deny   deny  ok    ok      ok    ok    ok    ok
api:organisation-detail               GET  deny  deny   deny  ok    deny    ok    ok    ok    ok
api:facility-list                     GET  deny  deny   deny  ok    ok      ok    ok    ok    ok
api:facility-detail                   GET  deny  deny   deny  ok    deny    ok    ok    deny  ok
api:neighbourhood-list                GET  deny  ok     ok    ok    ok      ok    ok    ok    ok
api:neighbourhood-detail              GET  deny  ok     ok    ok    ok      ok    ok    ok    ok
api:skill-list                        GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
api:skill-detail                      GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
api:language-list                     GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
api:language-detail                   GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
api:volunteer-list                    GET  deny  deny   deny  ok    ok      deny  deny  deny  ok
api:volunteer-detail                  GET  deny  deny   deny  ok    ok      deny  deny  deny  ok
api:volunteer-certificate-inspections POST deny  deny   deny  bad   bad     deny  deny  deny  bad
api:need-list                         GET  deny  deny   deny  ok    ok      ok    ok    ok    ok
api:need-detail                       GET  deny  deny   deny  ok    deny    ok    ok    deny  ok
api:need-cancel                       POST deny  deny   deny  ok    deny    ok    deny  deny  ok
api:need-close                        POST deny  deny   deny  ok    deny    ok    deny  deny  ok
api:need-fill                         POST deny  deny   deny  ok    deny    ok    deny  deny  ok
api:need-publish                      POST deny  deny   deny  bad   deny    bad   deny  deny  bad
api:need-reopen                       POST deny  deny   deny  bad   deny    bad   deny  deny  bad
api:need-revisions                    GET  deny  deny   deny  ok    deny    ok    ok    deny  ok
api:placement-list                    GET  deny  ok     ok    ok    ok      ok    ok    ok    ok
api:placement-detail                  GET  deny  ok     deny  ok    deny    ok    deny  deny  ok
api:placement-confirm-hours           POST deny  deny   deny  ok    deny    ok    deny  deny  deny
api:placement-feedback                POST deny  bad    deny  bad   deny    bad   deny  deny  bad
api:placement-log-hours               POST deny  bad    deny  bad   deny    bad   deny  deny  bad
api:placement-transition              POST deny  bad    deny  bad   deny    bad   deny  deny  deny
api:notification-list                 GET  deny  ok     ok    ok    ok      ok    ok    ok    ok
api:notification-read-all             POST deny  ok     ok    ok    ok      ok    ok    ok    ok
api:notification-unread               GET  deny  ok     ok    ok    ok      ok    ok    ok    ok
api:notification-read                 POST deny  deny   deny  deny  deny    ok    deny  deny  deny
api:api-root                          GET  deny  ok     ok    ok    ok      ok    ok    ok    ok

# Site-wide: language switch, OpenAPI, health and metrics
set_language                          POST away  away   away  away  away    away  away  away  away
schema                                GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
api-docs                              GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
ops:healthz                           GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
ops:readyz                            GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
ops:metrics                           GET  deny  deny   deny  deny  deny    deny  deny  deny  deny

# Pages: matchmaking
matchmaking:need_candidates           GET  login deny   deny  ok    deny    ok    deny  deny  ok
matchmaking:opportunities             GET  login ok     ok    away  away    away  away  away  away
matchmaking:browse                    GET  login ok     ok    away  away    away  away  away  away
matchmaking:widen_radius              POST login bad    bad   away  away    away  away  away  away
matchmaking:run_start                 POST login deny   deny  away  away    deny  deny  deny  away
matchmaking:run_detail                GET  login deny   deny  ok    deny    deny  deny  deny  ok

# Pages: safeguarding
safeguarding:new                      GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
safeguarding:thanks                   GET  away  away   away  away  away    away  away  away  away
safeguarding:status                   GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
safeguarding:mine                     GET  login ok     ok    ok    ok      ok    ok    ok    ok
safeguarding:list                     GET  login deny   deny  deny  deny    ok    ok    ok    deny
safeguarding:detail                   GET  login deny   deny  deny  deny    ok    ok    deny  deny
safeguarding:act                      POST login deny   deny  deny  deny    away  away  deny  deny

# Pages: privacy
privacy:notice                        GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
privacy:my_data                       GET  login ok     ok    ok    ok      ok    ok    ok    ok
privacy:export                        GET  login ok     ok    ok    ok      ok    ok    ok    ok
privacy:export_json                   GET  login ok     ok    ok    ok      ok    ok    ok    ok
privacy:consent_withdraw              POST login away   away  deny  deny    deny  deny  deny  deny
privacy:delete                        GET  login ok     ok    deny  deny    deny  deny  deny  deny
privacy:erased                        GET  ok    ok     ok    ok    ok      ok    ok    ok    ok

# Pages: volunteers
volunteers:signup                     GET  login away   away  deny  deny    deny  deny  deny  deny
volunteers:signup_step                GET  login away   away  deny  deny    deny  deny  deny  deny
volunteers:profile                    GET  login ok     ok    deny  deny    deny  deny  deny  deny
volunteers:profile_edit               GET  login ok     ok    deny  deny    deny  deny  deny  deny
volunteers:pause                      POST login away   away  deny  deny    deny  deny  deny  deny
volunteers:consent_change             POST login away   away  deny  deny    deny  deny  deny  deny
volunteers:consent_text               GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
volunteers:list                       GET  login deny   deny  ok    ok      deny  deny  deny  ok
volunteers:detail                     GET  login deny   deny  ok    ok      deny  deny  deny  ok
volunteers:certificate_record         POST login deny   deny  bad   bad     deny  deny  deny  bad

# Pages: needs
needs:list                            GET  login deny   deny  ok    ok      ok    ok    ok    ok
needs:create                          GET  login deny   deny  ok    ok      ok    deny  deny  ok
needs:detail                          GET  login deny   deny  ok    deny    ok    ok    deny  ok
needs:edit                            GET  login deny   deny  ok    deny    ok    deny  deny  ok
needs:action                          POST login deny   deny  away  deny    away  deny  deny  away

# Pages: imports
imports:home                          GET  login deny   deny  ok    ok      ok    ok    ok    ok
imports:upload                        POST login deny   deny  deny  deny    deny  deny  deny  bad
imports:export                        GET  login deny   deny  ok    ok      ok    ok    ok    ok

# Pages: placements
placements:list                       GET  login ok     ok    ok    ok      ok    ok    ok    ok
placements:queue                      GET  login deny   deny  ok    ok      deny  deny  deny  deny
placements:bulk                       POST login away   away  away  away    away  away  away  away
placements:propose                    GET  login deny   deny  deny  deny    deny  deny  deny  deny
placements:offer                      GET  login ok     ok    away  away    away  away  away  away
placements:certificate                GET  login ok     ok    deny  deny    deny  deny  deny  deny
placements:events_csv                 GET  login deny   deny  ok    ok      ok    ok    ok    ok
placements:detail                     GET  login ok     deny  ok    deny    ok    deny  deny  ok
placements:log_hours                  POST login away   deny  away  deny    away  deny  deny  away
placements:confirm_hours              POST login away   deny  away  deny    away  deny  deny  away
placements:feedback                   POST login away   deny  away  deny    away  deny  deny  away
placements:transition                 POST login away   deny  away  deny    away  deny  deny  away

# Pages: notifications
notifications:inbox                   GET  login ok     ok    ok    ok      ok    ok    ok    ok
notifications:open                    GET  login deny   deny  deny  deny    away  deny  deny  deny
notifications:mark_read               POST login deny   deny  deny  deny    away  deny  deny  deny
notifications:mark_all_read           POST login away   away  away  away    away  away  away  away
notifications:preferences             GET  login ok     ok    ok    ok      ok    ok    ok    ok

# Pages: reminders
reminders:need_message                GET  login deny   deny  ok    deny    ok    deny  deny  ok

# Pages: dashboard
dashboard:overview                    GET  login deny   deny  deny  deny    deny  ok    ok    ok
dashboard:trends                      GET  login deny   deny  deny  deny    deny  ok    ok    ok
dashboard:stale                       GET  login deny   deny  deny  deny    deny  ok    ok    ok
dashboard:export                      GET  login deny   deny  deny  deny    deny  ok    ok    ok
dashboard:transparency                GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
dashboard:transparency_csv            GET  ok    ok     ok    ok    ok      ok    ok    ok    ok

# Pages: web
web:home                              GET  ok    away   away  away  away    away  away  away  away
web:imprint                           GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
web:start                             GET  login away   away  away  away    away  away  away  away
web:volunteer_home                    GET  login ok     ok    away  away    away  away  away  away
web:staff_home                        GET  login away   away  ok    ok      ok    away  away  away
web:coordinator_home                  GET  login away   away  away  away    away  ok    ok    away
web:facility_detail                   GET  login deny   deny  ok    deny    ok    ok    deny  ok
# the demo mailbox exists only with the demo mail backend (not these test settings): 404
web:demo_mailbox                      GET  deny  deny   deny  deny  deny    deny  deny  deny  deny
web:set_password                      GET  ok    ok     ok    ok    ok      ok    ok    ok    ok
"""

# Every model registered in the admin, with its six views (changelist, add, history, delete,
# change, and the bare object URL that redirects to change): only the administrator (is_staff)
# reaches them, everyone else is sent to the login. `add=deny` etc. names the views that the
# administrator is refused too (read-only or append-only records).
ADMIN_MODELS = """
account.emailaddress
accounts.apitoken                      add=deny
accounts.user
auth.group
core.accesslogentry                    add=deny delete=deny
django_celery_beat.clockedschedule
django_celery_beat.crontabschedule
django_celery_beat.intervalschedule
django_celery_beat.periodictask
django_celery_beat.solarschedule
matchmaking.matchingrun
matchmaking.matchingsettings
matchmaking.matchsuggestion
mfa.authenticator
needs.need
needs.needrevision
notifications.failednotification       add=deny
notifications.notification             add=deny
notifications.notificationpreference
placements.hoursentry                  add=deny
placements.placement                   add=deny delete=deny
placements.placementdecision           add=deny
placements.placementfeedback
places.district
places.facility
places.neighbourhood
places.organisation
places.postcode
privacy.consent
reminders.needmessage                  add=deny
taxonomy.language
taxonomy.skill
volunteers.certificateinspection
volunteers.signupdraft                 add=deny
volunteers.volunteer
"""
ADMIN_VIEWS = ("changelist", "add", "history", "delete", "change")

EVERYONE = frozenset(ROLES)
# The rule behind the table, stated on its own ("0 unauthorised 2xx"): for every kind of object
# a path can name, the roles that have no business with that object. None of them may get a 2xx
# on a URL naming it, nor, on a POST, a redirect anywhere but the login (a form that acted).
# A new kind of object in a path fails the test until it is added here (or to PUBLIC_OBJECTS).
OUTSIDERS = {
    # victor's placement at A1 (its hours entries too)
    "placements": {"anon", "wim", "charlie", "dirk"},
    # only the facility's named contact persons and the district's coordinator see a concern
    "concerns": EVERYONE - {"bob", "dora"},
    # a need at A1 is managed by its organisation's staff and seen by Nord's coordinator
    "needs": {"anon", "victor", "wim", "charlie", "dirk"},
    # an open need's offer page is for volunteers
    "offers": EVERYONE - {"victor", "wim"},
    # volunteer profiles: the volunteer, social workers and administrators
    "volunteers": {"anon", "wim", "bob", "dora", "dirk"},
    "notifications": EVERYONE - {"bob"},
    # alice's matching run for her organisation
    "runs": EVERYONE - {"alice", "erin"},
    "facilities": {"anon", "victor", "wim", "charlie", "dirk"},
    # coordinators work with every organisation (organisations span districts)
    "organisations": {"anon", "victor", "wim", "charlie"},
    "admin": EVERYONE - {"erin"},
    # alice's API token: nobody else's, not even an administrator's
    "api-tokens": EVERYONE - {"alice"},
}
PUBLIC_OBJECTS = {"neighbourhoods"}  # reference data, like skills and languages
# What a 2xx answer must not contain, by role: victor's e-mail address, the concern's text and
# the need's title (every volunteer may see an open need).
HIDDEN_FROM = {
    b"victor@example.org": {"anon", "wim", "charlie", "dirk"},
    b"Laute Drohungen.": EVERYONE - {"victor", "bob", "dora"},
    b"Begleitung zum Amt": {"anon", "charlie", "dirk"},
}


def _admin_only(erin: str) -> dict[str, str]:
    return dict(zip(ROLES, ("login",) * 8 + (erin,), strict=True))


def _table(text: str) -> dict[str, tuple[str, dict[str, str]]]:
    rows = {}
    for line in text.strip().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, method, *outcomes = line.split()
        assert len(outcomes) == len(ROLES) and set(outcomes) <= OUTCOMES, line
        assert key not in rows, f"two rows for {key}"
        rows[key] = (method, dict(zip(ROLES, outcomes, strict=True)))
    return rows


def expected_table() -> dict[str, tuple[str, dict[str, str]]]:
    rows = _table(MATRIX)
    for line in ADMIN_MODELS.strip().splitlines():
        label, *exceptions = line.split()
        app_label, model = label.split(".")
        erin = dict(exception.split("=") for exception in exceptions)
        for view in ADMIN_VIEWS:
            rows[f"admin:{app_label}_{model}_{view}"] = ("GET", _admin_only(erin.get(view, "ok")))
        rows[f"admin/{app_label}/{model}/<path:object_id>/"] = ("GET", _admin_only("away"))
    return rows


def admin_model_labels() -> list[str]:
    return sorted(line.split()[0] for line in ADMIN_MODELS.strip().splitlines())


def _clients(request) -> dict[str, Client]:
    clients = {"anon": Client()}
    for role in ROLES[1:]:
        clients[role] = Client()
        clients[role].force_login(request.getfixturevalue(role))
    return clients


def _outcome(response, login_paths: set[str]) -> str:
    code = response.status_code
    if code in (301, 302, 303, 307, 308):
        return "login" if urlmatrix.is_login(response["Location"], login_paths) else "away"
    if 200 <= code < 300:
        return "ok"
    if code in (401, 403, 404):
        return "deny"
    if code in (400, 405, 409):
        return "bad"
    return str(code)


def _send(client: Client, method: str, url: str):
    cache.clear()  # rate limits would answer 429 after a few requests
    with transaction.atomic():
        if method == "GET":
            response = client.get(url)
        elif url.startswith("/api/"):  # the API takes JSON only: its empty body is `{}`
            response = client.post(url, {}, content_type="application/json")
        else:
            response = client.post(url)
        transaction.set_rollback(True)
    return response


def test_every_url_has_a_row_in_the_table():
    table = expected_table()
    keys = {route.key for route in urlmatrix.routes()}
    assert sorted(keys - table.keys()) == [], "new URLs: add a row to MATRIX or ADMIN_MODELS"
    assert sorted(table.keys() - keys) == [], "rows for URLs that no longer exist"


def test_every_admin_model_is_listed():
    assert urlmatrix.admin_models() == admin_model_labels()


def _outsiders(route: urlmatrix.Route) -> set[str]:
    kinds = urlmatrix.object_kinds(route) - PUBLIC_OBJECTS
    assert kinds <= OUTSIDERS.keys(), f"{route.key}: add {kinds - OUTSIDERS.keys()} to OUTSIDERS"
    return set().union(*(OUTSIDERS[kind] for kind in kinds))


def _unauthorised_success(method: str, outcome: str) -> bool:
    return outcome == "ok" or (method == "POST" and outcome == "away")


def _body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def test_the_table_lets_no_outsider_reach_an_object():
    table = expected_table()
    allowed = [
        f"{route.key} as {role}"
        for route in urlmatrix.routes()
        for role in _outsiders(route)
        if _unauthorised_success(*_row(table, route, role))
    ]
    assert allowed == []


def _row(table: dict, route: urlmatrix.Route, role: str) -> tuple[str, str]:
    method, outcomes = table[route.key]
    return method, outcomes[role]


def test_every_role_gets_the_expected_outcome_on_every_url(request, world):
    table = expected_table()
    clients = _clients(request)
    login_paths = {reverse("account_login"), reverse("admin:login")}
    observed, wrong, unauthorised = {}, [], []
    for route in urlmatrix.routes():
        outsiders = _outsiders(route)
        url = urlmatrix.url_for(route, world)
        method, expected = table.get(route.key, ("GET", {}))
        if expected.get("erin") == "ok" and urlmatrix.admin_has_no_object(route, world):
            # No such record here: the admin sends its administrator back to the index.
            expected = {**expected, "erin": "away"}
        for role in ROLES:
            response = _send(clients[role], method, url)
            assert response.status_code < 500, (route.key, role, url, response.status_code)
            got = _outcome(response, login_paths)
            observed.setdefault(route.key, {})[role] = got
            if role in outsiders and _unauthorised_success(method, got):
                unauthorised.append(f"{route.key} {method} {url} as {role}: {got}")
            if got == "ok":
                body = _body(response)
                leaks = [s for s, roles in HIDDEN_FROM.items() if role in roles and s in body]
                unauthorised += [f"{route.key} {url} shows {leak} to {role}" for leak in leaks]
            if got != expected.get(role):
                wrong.append(f"{route.key} {method} {url} as {role}: {got}, expected "
                             f"{expected.get(role)} ({response.status_code})")  # fmt: skip
    if os.environ.get("LOTSE_MATRIX_PRINT"):
        _print(observed, table)
    assert not unauthorised, "\n" + "\n".join(unauthorised)
    assert not wrong, "\n" + "\n".join(wrong)


def _print(observed: dict, table: dict) -> None:
    for key, outcomes in observed.items():
        method = table.get(key, ("GET",))[0]
        cells = "".join(f"{outcomes[role]:<{max(len(role), 5) + 1}}" for role in ROLES)
        print(f"{key:<37} {method:<4} {cells}".rstrip())

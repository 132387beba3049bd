"""A crawl of every page (issue 16): each role follows every internal link breadth-first from
the start page, GET only, in German and in English, and every page must speak plainly.

What counts as a finding, in the visible text (text nodes outside <script>/<style>, plus the
`title`, `aria-label`, `placeholder` and `alt` values people read or hear):

- any answer 500 or above; a link that answers 400 to 499 (a dead end: a link shown to someone
  who may not follow it);
- on every page: an ISO date (`2027-01-05`), a time range in code form (`17:00-19:00`, with a
  hyphen where words use a dash), a lowercase weekday before a time (`mon 14:00`), a schedule in
  code form (`weekly tue`), a key of an engine score with a figure (`distance 46 %`), and a
  snake_case token such as a rule name (`too_far`, `missing_language`);
- on every page: a text of its own (a table cell, an option, a label) that is nothing but a
  lower-case key of the engine's scores or of the reasons for a rejection (`distance`,
  `availability`, `enough_help`) — prose never puts such a word alone;
- on German pages, in addition: the engine's English keys as words of their own, whatever
  their case (`weekly`, `once`, `distance`, `skills`, `workload`, `continuity`, …), English
  little words of their own (`from`, `until`, `the`, `your` — "from 20.12.2026"), and a
  decimal point where German writes a comma (`7.50`, `0.5`; dates like `14.09.` pass);
- on English pages, in addition: the keys that are no English prose when written in lower case
  on their own (`workload`, `continuity`) — "Distance" and "Skills" as headings pass;
- on German pages: an English text from our German catalogues — a msgid whose German text
  differs and that is distinctive (three words or more, at least 16 characters, placeholders
  and markup cut out) — showing up untranslated.

Text inside <code> and <kbd> is not read: it marks a literal a person types or finds in a file
(the `external_id` column of an import spreadsheet), shown as such on purpose.

The crawl is bounded (pages per role and language, query-string variants per path) and leaves
out what is not a page of ours: logging out and the language switch (they change the session
the crawl depends on), the API and its documentation (developer reading, JSON and English by
design), static files, and links off the site. Django's admin is the administrator's raw-data
tool: it shows stored values, schedules included, in their code form by design, so its pages
are only checked for 5xx. Answers that are not HTML (CSV, XLSX, JSON, attachments) are fetched
(downloads once per role, in German) and checked for 5xx but not read as pages.
"""

import datetime as dt
import re
from collections import deque
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urljoin, urlsplit

import pytest
from django.utils import timezone

from lotse.matchmaking.need_cache import needs_forget
from lotse.matchmaking.pool_cache import pool_forget
from lotse.needs.services import need_create
from lotse.placements.models import HoursEntry
from lotse.placements.services import placement_propose
from lotse.privacy.models import Consent
from lotse.privacy.services import consent_give
from lotse.safeguarding.services import concern_raise
from notifications.delivery import notification_deliver
from notifications.models import Notification
from tests.catalogues import catalogue_entries
from tests.clock import run_start

from .placements.factories import (
    NeedFactory,
    in_days,
    make_placement,
    one_off,
    ready_volunteer,
    running_weekly,
)

pytestmark = pytest.mark.django_db

REPO = Path(__file__).resolve().parents[2]
MAX_PAGES = 200  # per role and language
MAX_VARIANTS = 4  # query strings followed per path (filters, sorting, `next=`)
ADMIN_PAGES = 25  # the admin is only checked for 5xx, a sample is enough
# Downloads are fetched once per role (in German), for 5xx: they are files, not pages.
FILE_SUFFIXES = (".csv", ".xlsx", ".json")

SKIPPED_PREFIXES = (
    "/accounts/logout/",
    "/i18n/",
    "/api/",
    "/static/",
    "/media/",
    "/metrics",
    "/healthz",
    "/readyz",
)

# Fetched and followed, but their text is not read: the admin (see above) and the copy of
# everything stored about a person (GDPR art. 15), which names each stored field and value as
# stored, like its JSON download.
UNREAD_PREFIXES = ("/admin/", "/privacy/me/export/")

# -- what the visible text must not contain --------------------------------------------------

WEEKDAY_CODES = "mon|tue|wed|thu|fri|sat|sun"
ANY_LANGUAGE = {
    "ISO date": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    "time range in code form": re.compile(r"\b\d{1,2}:\d{2}-\d{1,2}:\d{2}\b"),
    "weekday code with a time": re.compile(rf"\b(?:{WEEKDAY_CODES})\s+\d{{1,2}}:\d{{2}}"),
    "weekly schedule code": re.compile(rf"\bweekly\s+(?:{WEEKDAY_CODES})\b", re.I),
    "score key with a figure": re.compile(
        r"\b(?:distance|skills|languages|availability|workload|continuity)\s*:?\s*\d+(?:[.,]\d+)?"
        r"\s*%"
    ),
    "snake_case code": re.compile(r"(?<![\w@./-])[a-z]+(?:_[a-z]+)+(?![\w@])"),
}
GERMAN_ONLY = {
    "English engine key": re.compile(
        r"\b(?:weekly|once|distance|skills|workload|continuity|availability)\b", re.I
    ),
    "decimal point in German": re.compile(r"(?<![\d.,])\d+\.\d+(?![\d.])"),
    "English word": re.compile(
        r"\b(?:from|until|the|and|with|your|you|not|for|this|that|is|are|of|to|by|on|at)\b"
    ),
}
# Score components (contracts.md) and the codes of the reasons for a rejection.
BARE_KEYS = frozenset({
    "distance", "skills", "languages", "availability", "workload", "continuity",
    "language", "safeguarding", "enough_help", "other",
})  # fmt: skip
ENGLISH_ONLY = {
    "engine key in lower case": re.compile(r"(?<![\w-])(?:workload|continuity)(?![\w-])"),
}


# -- the people and what they have on their pages --------------------------------------------


@pytest.fixture(autouse=True)
def fresh_engine_caches():
    """The process keeps its volunteer pool; each test's database starts anew."""
    pool_forget(), needs_forget()
    yield
    pool_forget(), needs_forget()


def _open_needs(alice, facility_a1, facility_a2, facility_c1) -> dict:
    """One-off and weekly needs (one with a required language) at both operators."""
    tuesday = in_days(9 + (1 - in_days(9).weekday()) % 7)
    return {
        "soon": NeedFactory(facility=facility_a1, title="Umzugshilfe", schedule=one_off(3)),
        "weekly": need_create(
            actor=alice, facility=facility_a1, title="Hausaufgabenhilfe", volunteers_needed=3,
            main_skill="accompaniment", languages_required={"ar": 3},
            schedule=f"weekly tue 16:00-18:00 from {tuesday} until {in_days(120)}",
        ),
        "running": NeedFactory(
            facility=facility_a2, title="Sprachcafé", volunteers_needed=2,
            schedule=running_weekly("16:30-18:00"),
        ),
        "caritas": NeedFactory(
            facility=facility_c1, title="Begleitung zum Jobcenter",
            schedule=f"{tuesday.isoformat()} 16:30-18:00",
        ),
        "nobody": NeedFactory(
            facility=facility_a2, title="Fahrradwerkstatt", schedule=one_off(20, "08:00-09:00"),
        ),
    }  # fmt: skip


@pytest.fixture
def world(everyone, facility_a1, facility_a2, facility_c1):
    """Two operators' facilities with open needs, placements in several states, hours, a
    concern and notifications in the inboxes: every role has something on its pages."""
    alice, bob, charlie, victor = (everyone[n] for n in ("alice", "bob", "charlie", "victor"))
    facility_a1.contact_persons.add(alice)
    facility_c1.contact_persons.add(charlie)
    volunteer = ready_volunteer(
        email="vera@example.org", postcode="48165", max_distance_km=2,
        availability="mon 18:00-21:00",
    )  # fmt: skip
    consent_give(user=victor, kind=Consent.Kind.CODE_OF_CONDUCT, version="test")
    for _ in range(3):
        ready_volunteer()
    needs = _open_needs(alice, facility_a1, facility_a2, facility_c1)
    proposed = placement_propose(need=needs["weekly"], volunteer=victor.volunteer, actor=alice)
    active = make_placement(
        need=needs["running"], volunteer=victor.volunteer, how="active_started", approver=alice
    )
    make_placement(need=needs["soon"], volunteer=volunteer, how="approved", approver=alice)
    make_placement(need=needs["caritas"], volunteer=ready_volunteer(), how="accepted")
    HoursEntry.objects.create(
        placement=active, date=timezone.localdate() - dt.timedelta(days=2), hours=2,
        note="Hausaufgaben", logged_by=victor,
    )  # fmt: skip
    concern_raise(
        facility_id=facility_a1.pk, category="harassment", text="Ein Vorfall im Hof.",
        reporter=victor,
    )  # fmt: skip
    for notification in Notification.objects.all():
        notification_deliver(notification_id=notification.pk)
    return {
        "volunteer": victor,
        "another volunteer": volunteer.user,
        "social worker": alice,
        "facility staff": bob,
        "coordinator": everyone["dora"],
        "administrator": everyone["erin"],
        "needs": needs,
        "proposed": proposed,
        "active": active,
    }


# What each role must reach, or the crawl has missed the pages the issue is about.
MUST_REACH = {
    "volunteer": (
        "/volunteer/", "/volunteer/opportunities/", "/volunteer/opportunities/all/",
        "/placements/{proposed}/", "/placements/{active}/", "/notifications/",
        "/volunteer/profile/", "/privacy/", "/privacy/me/", "/concerns/new/",
        "/transparency/",
    ),
    "another volunteer": ("/volunteer/", "/volunteer/opportunities/all/", "/placements/"),
    "social worker": (
        "/staff/", "/placements/queue/", "/needs/", "/needs/{weekly}/",
        "/needs/{weekly}/candidates/", "/placements/{proposed}/", "/notifications/",
        "/concerns/", "/privacy/", "/transparency/",
    ),
    "facility staff": ("/staff/", "/needs/{running}/", "/placements/", "/placements/{active}/"),
    "coordinator": ("/coordinator/", "/dashboard/", "/transparency/", "/concerns/"),
    "administrator": ("/admin/", "/data/", "/dashboard/"),
    "anonymous": (
        "/", "/accounts/login/", "/accounts/signup/", "/concerns/new/", "/concerns/status/",
        "/privacy/", "/transparency/",
    ),
}  # fmt: skip

# The administrator's start page is Django's admin, which carries none of our navigation; the
# list of a volunteer's opportunities is reached from the reminder e-mails.
EXTRA_SEEDS = {
    "administrator": ("/data/", "/dashboard/"),
    "volunteer": ("/volunteer/opportunities/",),
    "another volunteer": ("/volunteer/opportunities/",),
}


# -- reading a page -------------------------------------------------------------------------

BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "td", "th", "tr", "table", "br", "h1", "h2", "h3", "h4",
    "h5", "h6", "section", "article", "nav", "header", "footer", "main", "form", "label",
    "option", "button", "dt", "dd", "dl", "summary", "details", "fieldset", "legend", "aside",
    "caption", "title", "text", "desc",
}  # fmt: skip
READ_ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
# <code> and <kbd> mark literals a person types or finds in a file, such as the column
# `external_id` of an import spreadsheet (contracts.md keeps codes in spreadsheets).
HIDDEN_TAGS = ("script", "style", "template", "code", "kbd")


class Page(HTMLParser):
    """The visible text of a page and the targets of its links."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self.bare_keys: list[str] = []
        self._hidden = 0
        self.feed(html)
        self.close()
        self.text = re.sub(r"\s+", " ", "".join(self.parts))

    def handle_starttag(self, tag, attrs):
        if tag in HIDDEN_TAGS:
            self._hidden += 1
            return
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag in BLOCK_TAGS:
            self.parts.append(" ")
        self.parts.extend(f" {values[name]} " for name in READ_ATTRIBUTES if values.get(name))

    def handle_endtag(self, tag):
        if tag in HIDDEN_TAGS:
            self._hidden = max(0, self._hidden - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append(" ")

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)
            if data.strip() in BARE_KEYS:
                self.bare_keys.append(data.strip())


def _snippet(text: str, start: int, end: int) -> str:
    return "…" + text[max(0, start - 40) : end + 40].strip() + "…"


# -- the English texts of our German catalogues ---------------------------------------------


PLACEHOLDER = re.compile(r"%\(\w+\)[sdif]|%[sdif]|\{\w*\}|<[^>]*>|&\w+;")


def _distinctive(english: str) -> list[str]:
    """The pieces of a msgid between placeholders and markup that only English shows."""
    pieces = (re.sub(r"\s+", " ", piece).strip(" .,:;") for piece in PLACEHOLDER.split(english))
    return [piece for piece in pieces if len(piece.split()) >= 3 and len(piece) >= 16]


def english_ui_strings() -> set[str]:
    catalogues = [*(REPO / "platform").rglob("*.po"), *(REPO / "notifications").rglob("*.po")]
    found = set()
    for path in catalogues:
        if path.parts[-3] != "de":
            continue
        for entry in catalogue_entries(path):
            german = [text for key, text in entry.items() if key.startswith("msgstr") and text]
            for english in filter(None, (entry["msgid"], entry.get("msgid_plural"))):
                if german and english not in german:
                    found.update(_distinctive(english))
    return found


# -- the crawl ------------------------------------------------------------------------------


def findings_in(page: Page, language: str, catalogue: set[str]) -> list[str]:
    """What on this page reads as a code, or as English on a German page."""
    found = []
    rules = {**ANY_LANGUAGE, **(GERMAN_ONLY if language == "de" else ENGLISH_ONLY)}
    for name, pattern in rules.items():
        matches = list(pattern.finditer(page.text))
        if matches:
            first, more = matches[0], f" (and {len(matches) - 1} more)" * (len(matches) > 1)
            found.append(f"{name}: {_snippet(page.text, first.start(), first.end())}{more}")
    if page.bare_keys:
        found.append(f"engine keys standing alone: {sorted(set(page.bare_keys))}")
    if language != "en":
        for english in sorted(catalogue):
            at = page.text.find(english)
            if at >= 0:
                snippet = _snippet(page.text, at, at + len(english))
                found.append(f"untranslated UI text {english!r}: {snippet}")
    return found


def _followable(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme not in ("", "http", "https") or parts.netloc not in ("", "testserver"):
        return False
    return bool(parts.path) and not parts.path.startswith(SKIPPED_PREFIXES)


def _local(url: str, base: str) -> str:
    parts = urlsplit(urljoin(base, urldefrag(url)[0]))
    return parts.path + (f"?{parts.query}" if parts.query else "")


class Crawl:
    def __init__(self, client, role: str, language: str, catalogue: set[str], files: bool):
        self.client, self.role, self.language, self.catalogue = client, role, language, catalogue
        self.files = files  # whether to fetch the downloads (CSV, XLSX, JSON)
        self.visited: dict[str, int] = {}
        self.findings: list[str] = []
        self.catalogue_seen = False  # whether any catalogue text showed up (it must, in English)
        self._variants: dict[str, int] = {}
        self._admin_pages = 0
        self.documents: dict[str, str] = {}  # the HTML of each page, when a test reads more

    def run(self, seeds) -> None:
        queue = deque((seed, "the start") for seed in seeds)
        while queue and len(self.visited) < MAX_PAGES:
            url, came_from = queue.popleft()
            if url in self.visited or not self._admit(url):
                continue
            queue.extend((link, url) for link in self._visit(url, came_from))

    def _admit(self, url: str) -> bool:
        path, _, query = url.partition("?")
        if path.endswith(FILE_SUFFIXES):
            return self.files
        if path.startswith("/admin/"):
            self._admin_pages += 1
            return self._admin_pages <= ADMIN_PAGES
        if query:
            self._variants[path] = self._variants.get(path, 0) + 1
            return self._variants[path] <= MAX_VARIANTS
        return True

    def _visit(self, url: str, came_from: str) -> list[str]:
        response = self.client.get(url)
        self.visited[url] = response.status_code
        if response.status_code >= 500:
            self._found(url, f"answered {response.status_code}")
            return []
        if response.status_code >= 400:
            self._found(url, f"dead end: answered {response.status_code} (linked from {came_from})")
            return []
        if response.status_code in (301, 302, 303, 307, 308):
            target = response["Location"]
            return [_local(target, url)] if _followable(target) else []
        is_html = response.get("Content-Type", "").startswith("text/html")
        if not is_html or "attachment" in response.get("Content-Disposition", ""):
            return []
        html = response.content.decode()
        page = Page(html)
        if self.language not in ("de", "en"):
            self.documents[url] = html
        if not url.startswith(UNREAD_PREFIXES):
            for what in findings_in(page, self.language, self.catalogue):
                self._found(url, what)
            self.catalogue_seen |= any(english in page.text for english in self.catalogue)
        return [_local(link, url) for link in page.links if _followable(urljoin(url, link))]

    def _found(self, url: str, what: str) -> None:
        self.findings.append(f"{self.role} [{self.language}] {url}: {what}")


@pytest.fixture(scope="module")
def catalogue() -> set[str]:
    return english_ui_strings()


def _must_reach(role: str, world: dict) -> list[str]:
    ids = {"proposed": world["proposed"].pk, "active": world["active"].pk}
    ids |= {name: need.pk for name, need in world["needs"].items()}
    return [path.format(**ids) for path in MUST_REACH[role]]


# At the calendar's hard dates (tests/test_calendar.py reruns this module six times) German
# alone: the dates on the pages are what changes, and CI's time is counted.
CRAWL_LANGUAGES = ("de",) if run_start() else ("de", "en")


@pytest.mark.parametrize("role", list(MUST_REACH))
def test_every_page_speaks_plainly_to_the_role(client, world, catalogue, role):
    findings, missed = [], []
    for language in CRAWL_LANGUAGES:
        client.logout()
        if role != "anonymous":
            client.force_login(world[role])
        client.cookies["django_language"] = language
        crawl = Crawl(client, role, language, catalogue, files=language == "de")
        crawl.run(["/", *EXTRA_SEEDS.get(role, ())])
        findings += sorted(set(crawl.findings))
        reached = {url.partition("?")[0] for url, status in crawl.visited.items() if status == 200}
        missed += [f"{role} [{language}] never reached {path}"
                   for path in _must_reach(role, world) if path not in reached]  # fmt: skip
        if language == "en" and not crawl.catalogue_seen:
            missed.append(f"{role} [en] showed no text of the catalogues: is the reader broken?")
    assert not missed + findings, "\n".join(missed + findings)


def _findings(html: str, language: str, catalogue=frozenset()) -> list[str]:
    return findings_in(Page(f"<main><p>{html}</p></main>"), language, set(catalogue))


def test_the_reader_finds_schedule_codes_iso_dates_and_rule_names():
    found = _findings("weekly tue 17:00-19:00 from 2027-01-05; mon 14:00; too_far", "en")
    assert {line.split(":")[0] for line in found} == {
        "ISO date", "time range in code form", "weekday code with a time",
        "weekly schedule code", "snake_case code",
    }  # fmt: skip


def test_the_reader_passes_english_prose_and_headings_but_not_codes():
    prose = "<th>Distance</th><th>Skills</th><td>Workload 100 %</td> within walking distance"
    assert _findings(prose, "en") == []
    assert _findings("<td>distance 46 %</td><td>continuity</td>", "en") != []
    assert _findings("<option>distance</option>", "en") == [
        "engine keys standing alone: ['distance']"
    ]


def test_the_reader_finds_english_and_decimal_points_on_german_pages():
    found = _findings("Entfernung 46 %, 7.50 Stunden, from 14.09.2026. Log hours here", "de",
                      {"Log hours here"})  # fmt: skip
    assert [line.split(":")[0] for line in found] == [
        "decimal point in German",
        "English word",
        "untranslated UI text 'Log hours here'",
    ]
    german = "Entfernung 46 %, 7,50 Stunden, ab 14.09.2026, dienstags 17–19 Uhr"
    assert _findings(german, "de") == []


# -- the same crawl in Arabic (issue 18) ----------------------------------------------------


def german_ui_strings() -> set[str]:
    """The distinctive German texts of our catalogues: on an Arabic page they mean a gap."""
    found = set()
    for path in [*(REPO / "platform").rglob("de/LC_MESSAGES/*.po"),
                 *(REPO / "notifications").rglob("de/LC_MESSAGES/*.po")]:  # fmt: skip
        for entry in catalogue_entries(path):
            german = [text for key, text in entry.items() if key.startswith("msgstr") and text]
            for text in german:
                if text not in (entry["msgid"], entry.get("msgid_plural")):
                    found.update(_distinctive(text))
    return found


SERVED = {"ar": "rtl", "fa": "rtl", "uk": "ltr", "ru": "ltr", "tr": "ltr"}


@pytest.fixture(scope="module")
def german_and_english() -> set[str]:
    return english_ui_strings() | german_ui_strings()


@pytest.mark.skipif(bool(run_start()), reason="these crawls run at today's date only")
@pytest.mark.parametrize("language", list(SERVED))
@pytest.mark.parametrize("role", ["volunteer", "anonymous"])
def test_the_volunteer_and_public_pages_read_in_each_served_language(
    client, world, german_and_english, role, language
):
    """The page's direction, and no German or English text of ours left (the data may be
    German)."""
    if role != "anonymous":
        client.force_login(world[role])
    client.cookies["django_language"] = language
    crawl = Crawl(client, role, language, german_and_english, files=False)
    crawl.run(["/", *EXTRA_SEEDS.get(role, ())])
    opening = f'<html lang="{language}" dir="{SERVED[language]}">'
    wrong_direction = [url for url, html in crawl.documents.items() if opening not in html]
    reached = {url.partition("?")[0] for url, status in crawl.visited.items() if status == 200}
    missed = [f"{role} [{language}] never reached {path}"
              for path in _must_reach(role, world) if path not in reached]  # fmt: skip
    problems = missed + sorted(set(crawl.findings)) + [f"not rtl: {u}" for u in wrong_direction]
    assert not problems, "\n".join(problems)

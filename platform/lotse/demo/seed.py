"""A believable Münster for the demo: organisations, facilities, staff, volunteers, needs.

Facilities, volunteers and needs live in the demo spreadsheets under fixtures/demo/, written
once by `demo_tables()` (seeded randomness: the same data on every machine; regenerate with
`python manage.py demo_spreadsheets`). `seed_demo` imports exactly those files through the
spreadsheet import, so importing them again changes nothing. All people and addresses are
invented.
"""

import csv
import datetime as dt
import io
import random
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction

from lotse.accounts.mfa import totp_activate_with_secret
from lotse.accounts.models import Role, User
from lotse.accounts.services import staff_upsert
from lotse.imports.kinds import KINDS as SPECS
from lotse.imports.services import import_table
from lotse.imports.tables import read_table
from lotse.needs.models import Need
from lotse.places.city_loader import load_city
from lotse.places.models import Facility, Organisation
from lotse.privacy.models import Consent
from lotse.taxonomy.loader import load_taxonomy
from matching.codes import format_languages
from matching.timeslots import format_availability, parse_availability

from .names import FIRST_NAMES, LAST_NAMES, NEED_TITLES

DEMO_PASSWORD = "lotse-demo-2026"  # noqa: S105 - printed demo login, demo data only
# Known TOTP secrets so a demo user can add them to an authenticator app (or run demo_totp).
DEMO_TOTP = {
    "sozialarbeit@demo.lotse.local": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    "caritas@demo.lotse.local": "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU",
    "hausdienst@demo.lotse.local": "MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK",
    "koordination@demo.lotse.local": "NBSWY3DPNBSWY3DPNBSWY3DPNBSWY3DP",
    "admin@demo.lotse.local": "ONSWG4TFORZWK3TFONSWG4TFORZWK3TF",
}
DEMO_DOMAIN = settings.LOTSE_DEMO_DOMAIN
VOLUNTEER_LOGIN = "ehrenamt@demo.lotse.local"
DEMO_DIR = Path(settings.BASE_DIR) / "fixtures" / "demo"
DEMO_SEED = 20261125
# Dates in the demo files count from here. Needs repeat weekly without an end, and
# inspections lie before it, so the files stay importable as time passes.
DEMO_ANCHOR = dt.date(2026, 12, 1)
DEMO_VOLUNTEERS = 300
DEMO_NEEDS = 60
KINDS = ("facilities", "volunteers", "needs")

ORGANISATIONS = [
    ("Stadt Münster – Sozialdienst für Flüchtlinge", Organisation.Kind.MUNICIPAL),
    ("Caritas Münster", Organisation.Kind.INDEPENDENT),
    ("Diakonie Münster", Organisation.Kind.INDEPENDENT),
]
# name, organisation index, street, postcode, neighbourhood, capacity, consultation hours.
# The neighbourhood is the one the name says; the coordinates are its centre in the city pack
# (a postcode can span several neighbourhoods: 48157 is Coerde as well as Handorf).
FACILITIES = [
    ("Übergangseinrichtung Gievenbeck", 0, "Am Lindenhof 12", "48161", "Gievenbeck", 180,
     "mon 09:00-12:00; thu 14:00-16:00"),
    ("Übergangseinrichtung Kinderhaus", 0, "Brüningheide 40", "48159", "Kinderhaus", 220,
     "tue 09:00-12:00; fri 09:00-11:00"),
    ("Übergangseinrichtung Coerde", 0, "Kiesekampweg 8", "48157", "Coerde", 140,
     "wed 10:00-13:00"),
    ("Übergangseinrichtung Hiltrup", 0, "Marktallee 77", "48165", "Hiltrup", 120,
     "mon 14:00-16:00; thu 09:00-12:00"),
    ("Übergangseinrichtung Mecklenbeck", 0, "Dingbängerweg 5", "48163", "Mecklenbeck", 90,
     "tue 14:00-17:00"),
    ("Wohnheim Wolbeck", 0, "Hofstraße 3", "48167", "Wolbeck", 60, "fri 10:00-12:00"),
    ("Caritas-Haus Mauritz", 1, "Warendorfer Straße 150", "48145", "Mauritz-West", 110,
     "mon 10:00-12:00; wed 15:00-17:00"),
    ("Caritas-Haus Geist", 1, "Hammer Straße 210", "48151", "Geist", 80, "thu 10:00-13:00"),
    ("Diakonie-Unterkunft Handorf", 2, "Handorfer Straße 30", "48157", "Handorf", 100,
     "tue 10:00-12:00"),
    ("Diakonie-Unterkunft Berg Fidel", 2, "Hogenbergstraße 20", "48153", "Berg Fidel", 130,
     "wed 09:00-12:00; fri 13:00-15:00"),
]  # fmt: skip
# The volunteer login of the demo: close enough to the centre's facilities and free at the
# times needs are scheduled, so a newcomer sees several opportunities (issue 16, item 11).
VOLUNTEER_LOGIN_DISTANCE_KM = 5
VOLUNTEER_LOGIN_AVAILABILITY = "tue 09:00-13:00; wed 14:00-18:00; sat 10:00-16:00"
SKILL_WEIGHTS = {
    "accompaniment": 10,
    "interpreting": 8,
    "german_practice": 10,
    "homework_help": 8,
    "childcare": 6,
    "sports_leisure": 6,
    "womens_group": 3,
    "bike_repair": 4,
    "housing_search": 5,
    "job_search": 5,
    "digital_help": 7,
    "repair_cafe": 3,
    "community_events": 5,
    "move_in_help": 4,
    "mentoring": 5,
}
OTHER_LANGUAGES = {
    "en": 30,
    "ar": 10,
    "fa": 6,
    "prs": 3,
    "ps": 2,
    "kmr": 3,
    "ckb": 2,
    "ti": 2,
    "so": 1,
    "uk": 8,
    "ru": 8,
    "tr": 8,
    "fr": 8,
    "sq": 2,
    "sr": 2,
    "bs": 2,
}
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]


@dataclass
class DemoSummary:
    created: bool
    volunteers: int
    needs: int
    facilities: int


def _weighted(rng: random.Random, weights: dict[str, int], k: int) -> list[str]:
    chosen: list[str] = []
    keys, w = list(weights), list(weights.values())
    while len(chosen) < k:
        pick = rng.choices(keys, w)[0]
        if pick not in chosen:
            chosen.append(pick)
    return chosen


def _availability(rng: random.Random) -> str:
    days = sorted(rng.sample(range(7), rng.randint(1, 3)))
    slots = []
    for day in days:
        start = rng.choice([9, 10, 14, 15, 16, 17, 18]) if day < 5 else rng.choice([10, 11, 14])
        slots.append(f"{DAYS[day]} {start:02d}:00-{min(start + rng.choice([2, 3, 4]), 22):02d}:00")
    return format_availability(parse_availability("; ".join(slots)))


def _fixture(name: str) -> list[dict[str, str]]:
    with (Path(settings.BASE_DIR) / "fixtures" / name).open(encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def _postcodes() -> dict[str, dict[str, str]]:
    with (Path(settings.LOTSE_CITY_DIR) / "postcodes.csv").open(encoding="utf-8-sig") as fh:
        return {row["postcode"]: row for row in csv.DictReader(fh)}


def _ordered_languages(levels: dict[str, int], order: list[str]) -> str:
    return format_languages({code: levels[code] for code in order if code in levels})


def _neighbourhood_centres() -> dict[str, dict[str, str]]:
    with (Path(settings.LOTSE_CITY_DIR) / "neighbourhoods.csv").open(encoding="utf-8-sig") as fh:
        return {row["name"]: row for row in csv.DictReader(fh)}


def _facility_rows() -> list[list[str]]:
    centres = _neighbourhood_centres()
    rows = []
    for n, (name, org, street, code, hood, capacity, hours) in enumerate(FACILITIES, start=1):
        place = centres[hood]
        rows.append([f"demo-f-{n:02d}", name, ORGANISATIONS[org][0], street, code,
                     str(float(place["lat"])), str(float(place["lon"])), hood,
                     str(capacity), hours])  # fmt: skip
    return rows


def _certificate(rng: random.Random, skills: list[str], minors: set[str]) -> list[str]:
    if not set(skills) & minors or rng.random() < 0.4:
        return ["", ""]
    inspected = DEMO_ANCHOR - dt.timedelta(days=rng.randint(14, 300))
    issued = inspected - dt.timedelta(days=rng.randint(1, 60))
    return [issued.isoformat(), inspected.isoformat()]


def _volunteer_row(rng, n: int, postcodes: list[str], order: list[str], minors: set[str]):
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    email = VOLUNTEER_LOGIN if n == 0 else f"ehrenamt{n:03d}@demo.lotse.local"
    languages = {"de": rng.choices([4, 3, 2], [6, 2, 2])[0]}
    for code in _weighted(rng, OTHER_LANGUAGES, rng.choice([0, 1, 1, 2])):
        languages[code] = rng.choice([2, 3, 4, 4])
    skills = sorted(_weighted(rng, SKILL_WEIGHTS, rng.randint(1, 4)))
    postcode = "48143" if n == 0 else rng.choice(postcodes)
    distance = rng.choice([2, 3, 5, 8, 10, 15])
    hours = rng.choice([None, 8, 10, 16, 20])
    availability = _availability(rng)  # drawn for everyone: the other rows stay as they were
    if n == 0:
        distance = VOLUNTEER_LOGIN_DISTANCE_KM
        availability = format_availability(parse_availability(VOLUNTEER_LOGIN_AVAILABILITY))
    return [
        f"demo-v-{n:03d}", first, last, email, postcode, "", str(distance), "; ".join(skills),
        _ordered_languages(languages, order), availability,
        "" if hours is None else str(hours), *_certificate(rng, skills, minors),
        "yes" if rng.random() < 0.95 else "no",
    ]  # fmt: skip


def _need_row(rng, n: int, order: list[str], certificate: dict[str, bool]) -> list[str]:
    skill = _weighted(rng, SKILL_WEIGHTS, 1)[0]
    further = sorted(set(_weighted(rng, SKILL_WEIGHTS, rng.choice([0, 0, 1]))) - {skill})
    required = {}
    if skill == "interpreting" or rng.random() < 0.25:
        required[rng.choice(["ar", "fa", "uk", "ru", "tr", "ti", "ps", "kmr"])] = 3
    preferred = {"en": 2} if rng.random() < 0.2 and "en" not in required else {}
    start = rng.choice([9, 10, 14, 15, 16, 17])
    begin = DEMO_ANCHOR + dt.timedelta(days=rng.randint(0, 45))
    schedule = f"weekly {rng.choice(DAYS[:6])} {start:02d}:00-{start + 2:02d}:00 from {begin}"
    return [
        f"demo-n-{n:03d}", f"demo-f-{n % len(FACILITIES) + 1:02d}", NEED_TITLES[skill],
        "Demo-Bedarf.", "; ".join([skill, *further]), _ordered_languages(required, order),
        _ordered_languages(preferred, order), schedule, str(rng.choice([1, 1, 1, 2, 3])),
        "yes" if certificate[skill] else "no", rng.choice(["low", "normal", "normal", "high"]),
    ]  # fmt: skip


def demo_tables(seed: int = DEMO_SEED) -> dict[str, list[list[str]]]:
    """The demo spreadsheets' rows, header first (pure: no database)."""
    rng = random.Random(seed)
    postcodes = _postcodes()
    order = [row["code"] for row in _fixture("languages.csv")]
    certificate = {r["slug"]: r["certificate_by_default"] == "yes" for r in _fixture("skills.csv")}
    minors = {slug for slug, needed in certificate.items() if needed}
    codes = sorted(postcodes)
    volunteers = [_volunteer_row(rng, n, codes, order, minors) for n in range(DEMO_VOLUNTEERS)]
    needs = [_need_row(rng, n, order, certificate) for n in range(1, DEMO_NEEDS + 1)]
    rows = {"facilities": _facility_rows(), "volunteers": volunteers, "needs": needs}
    return {kind: [SPECS[kind].columns, *rows[kind]] for kind in KINDS}


def write_demo_spreadsheets(folder: Path = DEMO_DIR, seed: int = DEMO_SEED) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for kind, rows in demo_tables(seed).items():
        out = io.StringIO(newline="")
        csv.writer(out, lineterminator="\n").writerows(rows)
        path = folder / f"{kind}.csv"
        path.write_text(out.getvalue(), encoding="utf-8")
        written.append(path)
    return written


def _staff(organisations: list[Organisation], facilities: list[Facility]) -> None:
    town, caritas = organisations[0], organisations[1]
    specs = [
        ("sozialarbeit@demo.lotse.local", Role.SOCIAL_WORKER, town, "Sabine", "Lohmann"),
        ("caritas@demo.lotse.local", Role.SOCIAL_WORKER, caritas, "Cem", "Arslan"),
        ("hausdienst@demo.lotse.local", Role.FACILITY_STAFF, town, "Heinz", "Terhorst"),
        ("koordination@demo.lotse.local", Role.COORDINATOR, None, "Katrin", "Overmann"),
        ("admin@demo.lotse.local", Role.ADMIN, None, "Ines", "Admin"),
    ]
    for email, role, org, first, last in specs:
        result = staff_upsert(
            email=email,
            role=role,
            organisation_name=org.name if org else None,
            first_name=first,
            last_name=last,
            district_names=["Mitte", "Nord", "West"] if role == Role.COORDINATOR else [],
        )
        totp_activate_with_secret(user=result.user, secret=DEMO_TOTP[email])
        own = [f for f in facilities if org and f.organisation_id == org.pk]
        if role == Role.SOCIAL_WORKER:
            result.user.facilities.set(own[:4])
        elif role == Role.FACILITY_STAFF:
            result.user.facilities.set(own[:1])
    social_worker = User.objects.get(email="sozialarbeit@demo.lotse.local")
    for facility in facilities[:6]:
        facility.contact_persons.add(social_worker)
    caritas_worker = User.objects.get(email="caritas@demo.lotse.local")
    for facility in facilities[6:8]:
        facility.contact_persons.add(caritas_worker)


def _import(kind: str, limit: int | None = None) -> None:
    path = DEMO_DIR / f"{kind}.csv"
    table = read_table(path.read_bytes(), path.name)
    table.rows = table.rows[:limit]
    report = import_table(kind=kind, table=table, actor=None, invite=False)
    if not report.ok:
        problems = "; ".join(str(e) for e in report.errors[:5])
        raise RuntimeError(f"{path} no longer imports ({problems}); run demo_spreadsheets")


def _demo_logins() -> None:
    """What only a demo has: one known password for every demo login, and consent."""
    # One hash for everyone: hashing 300 times would take minutes.
    User.objects.filter(email__endswith="@demo.lotse.local").update(
        password=make_password(DEMO_PASSWORD)
    )
    volunteers = User.objects.filter(role=Role.VOLUNTEER, email__endswith="@demo.lotse.local")
    Consent.objects.bulk_create(
        Consent(user_id=pk, kind=Consent.Kind.PRIVACY, version=settings.LOTSE_PRIVACY_VERSION)
        for pk in volunteers.values_list("pk", flat=True)
    )


class DemoRefused(RuntimeError):
    """The demo was asked for on a production installation."""


DEMO_REFUSED = (
    "The demo data (accounts with a public password and two-factor secrets from the source code) "
    "is never created under production settings (DJANGO_SETTINGS_MODULE=lotse.settings.prod)."
)


@transaction.atomic
def seed_demo(*, volunteers: int = DEMO_VOLUNTEERS, needs: int = DEMO_NEEDS) -> DemoSummary:
    if settings.LOTSE_PRODUCTION:
        raise DemoRefused(DEMO_REFUSED)
    load_taxonomy()
    load_city(settings.LOTSE_CITY_DIR)
    if User.objects.filter(email=VOLUNTEER_LOGIN).exists():
        return DemoSummary(
            False,
            User.objects.filter(role=Role.VOLUNTEER).count(),
            Need.objects.count(),
            Facility.objects.count(),
        )
    organisations = [
        Organisation.objects.get_or_create(name=name, defaults={"kind": kind})[0]
        for name, kind in ORGANISATIONS
    ]
    _import("facilities")
    facilities = list(
        Facility.objects.filter(external_id__startswith="demo-f-").order_by("external_id")
    )
    _staff(organisations, facilities)
    _import("volunteers", volunteers)
    _demo_logins()
    _import("needs", needs)
    return DemoSummary(
        True,
        User.objects.filter(role=Role.VOLUNTEER, email__endswith="@demo.lotse.local").count(),
        Need.objects.filter(external_id__startswith="demo-n-").count(),
        len(facilities),
    )

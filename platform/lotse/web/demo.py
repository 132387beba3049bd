"""A believable Münster for the demo: organisations, facilities, staff, volunteers, needs.

Seeded randomness: the same data on every machine. All people and addresses are invented.
"""

import datetime as dt
import random
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from lotse.accounts.mfa import totp_activate_with_secret
from lotse.accounts.models import Role, User
from lotse.accounts.services import staff_upsert
from lotse.needs.models import Need
from lotse.needs.services import need_create
from lotse.places.city_loader import load_city
from lotse.places.models import Facility, Organisation, Postcode
from lotse.places.services import facility_upsert
from lotse.taxonomy.loader import load_taxonomy
from lotse.volunteers.models import Consent
from lotse.volunteers.services import consent_give, volunteer_profile_save

DEMO_PASSWORD = "lotse-demo-2026"  # noqa: S105 - printed demo login, demo data only
# Known TOTP secrets so a demo user can add them to an authenticator app (or run demo_totp).
DEMO_TOTP = {
    "sozialarbeit@demo.lotse.local": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    "caritas@demo.lotse.local": "KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU",
    "hausdienst@demo.lotse.local": "MFRGGZDFMZTWQ2LKMFRGGZDFMZTWQ2LK",
    "koordination@demo.lotse.local": "NBSWY3DPNBSWY3DPNBSWY3DPNBSWY3DP",
    "admin@demo.lotse.local": "ONSWG4TFORZWK3TFONSWG4TFORZWK3TF",
}
VOLUNTEER_LOGIN = "ehrenamt@demo.lotse.local"
PRIVACY_VERSION = "2026-11"
CODE_OF_CONDUCT_VERSION = "2026-11"

ORGANISATIONS = [
    ("Stadt Münster – Sozialdienst für Flüchtlinge", Organisation.Kind.MUNICIPAL),
    ("Caritas Münster", Organisation.Kind.INDEPENDENT),
    ("Diakonie Münster", Organisation.Kind.INDEPENDENT),
]
# name, organisation index, street, postcode, capacity, consultation hours
FACILITIES = [
    (
        "Übergangseinrichtung Gievenbeck",
        0,
        "Am Lindenhof 12",
        "48161",
        180,
        "mon 09:00-12:00; thu 14:00-16:00",
    ),
    (
        "Übergangseinrichtung Kinderhaus",
        0,
        "Brüningheide 40",
        "48159",
        220,
        "tue 09:00-12:00; fri 09:00-11:00",
    ),
    ("Übergangseinrichtung Coerde", 0, "Kiesekampweg 8", "48157", 140, "wed 10:00-13:00"),
    (
        "Übergangseinrichtung Hiltrup",
        0,
        "Marktallee 77",
        "48165",
        120,
        "mon 14:00-16:00; thu 09:00-12:00",
    ),
    ("Übergangseinrichtung Mecklenbeck", 0, "Dingbängerweg 5", "48163", 90, "tue 14:00-17:00"),
    ("Wohnheim Wolbeck", 0, "Hofstraße 3", "48167", 60, "fri 10:00-12:00"),
    (
        "Caritas-Haus Mauritz",
        1,
        "Warendorfer Straße 150",
        "48145",
        110,
        "mon 10:00-12:00; wed 15:00-17:00",
    ),
    ("Caritas-Haus Geist", 1, "Hammer Straße 210", "48151", 80, "thu 10:00-13:00"),
    ("Diakonie-Unterkunft Handorf", 2, "Handorfer Straße 30", "48157", 100, "tue 10:00-12:00"),
    (
        "Diakonie-Unterkunft Berg Fidel",
        2,
        "Hogenbergstraße 20",
        "48153",
        130,
        "wed 09:00-12:00; fri 13:00-15:00",
    ),
]
FIRST_NAMES = [
    "Anna",
    "Ben",
    "Clara",
    "David",
    "Elif",
    "Fatima",
    "Georg",
    "Hanna",
    "Ibrahim",
    "Jana",
    "Karim",
    "Lena",
    "Mehmet",
    "Nora",
    "Olga",
    "Paul",
    "Rania",
    "Sofia",
    "Tim",
    "Ulla",
    "Vera",
    "Yusuf",
    "Zeynep",
    "Amir",
    "Birgit",
    "Carsten",
    "Dilan",
    "Emil",
    "Farah",
    "Greta",
    "Hamid",
    "Ines",
    "Jonas",
    "Katja",
    "Leyla",
    "Mariam",
    "Nils",
    "Oksana",
    "Petra",
    "Samir",
]
LAST_NAMES = [
    "Becker",
    "Schulte",
    "Hoffmann",
    "Kaya",
    "Wagner",
    "Nowak",
    "Yilmaz",
    "Krüger",
    "Brinkmann",
    "Haddad",
    "Schröder",
    "Kowalenko",
    "Neumann",
    "Rahimi",
    "Fischer",
    "Demir",
    "Lange",
    "Berger",
    "Sommer",
    "Öztürk",
    "Meyer",
    "Abdi",
    "Wolff",
    "Tekle",
    "Hartmann",
    "Petrenko",
    "Vogel",
]
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
NEED_TITLES = {
    "accompaniment": "Begleitung zur Ausländerbehörde",
    "interpreting": "Sprachmittlung beim Kinderarzt",
    "german_practice": "Sprachcafé am Nachmittag",
    "homework_help": "Hausaufgabenhilfe Grundschule",
    "childcare": "Kinderbetreuung während der Sprechstunde",
    "sports_leisure": "Fußball mit Jugendlichen",
    "womens_group": "Frauentreff",
    "bike_repair": "Fahrradwerkstatt im Hof",
    "housing_search": "Unterstützung bei der Wohnungssuche",
    "job_search": "Bewerbungstraining",
    "digital_help": "Handy-Sprechstunde",
    "repair_cafe": "Nähcafé",
    "community_events": "Gartenaktion",
    "move_in_help": "Umzugshilfe für eine Familie",
    "mentoring": "Patenschaft für eine Familie",
}


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
    return "; ".join(slots)


def _staff(organisations: list[Organisation], facilities: list[Facility]) -> None:
    specs = [
        (
            "sozialarbeit@demo.lotse.local",
            Role.SOCIAL_WORKER,
            organisations[0],
            "Sabine",
            "Lohmann",
        ),
        ("caritas@demo.lotse.local", Role.SOCIAL_WORKER, organisations[1], "Cem", "Arslan"),
        ("hausdienst@demo.lotse.local", Role.FACILITY_STAFF, organisations[0], "Heinz", "Terhorst"),
        ("koordination@demo.lotse.local", Role.COORDINATOR, None, "Katrin", "Overmann"),
        ("admin@demo.lotse.local", Role.ADMIN, None, "Ines", "Admin"),
    ]
    for email, role, org, first, last in specs:
        result = staff_upsert(
            email=email,
            role=role,
            organisation_name=org.name if org else None,
            password=DEMO_PASSWORD,
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
    caritas = User.objects.get(email="caritas@demo.lotse.local")
    for facility in facilities[6:8]:
        facility.contact_persons.add(caritas)


def _volunteer(
    rng: random.Random, n: int, postcodes: list[str], password_hash: str, email: str | None = None
) -> None:
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    email = email or f"ehrenamt{n:03d}@demo.lotse.local"
    # One hash for all demo volunteers: hashing 300 times would take minutes.
    user = User.objects.create(
        email=email, password=password_hash, first_name=first, last_name=last, role=Role.VOLUNTEER
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    languages = {"de": rng.choices([4, 3, 2], [6, 2, 2])[0]}
    for code in _weighted(rng, OTHER_LANGUAGES, rng.choice([0, 1, 1, 2])):
        languages[code] = rng.choice([2, 3, 4, 4])
    volunteer_profile_save(
        user=user,
        postcode=rng.choice(postcodes),
        max_distance_km=rng.choice([2, 3, 5, 8, 10, 15]),
        availability=_availability(rng),
        skills=_weighted(rng, SKILL_WEIGHTS, rng.randint(1, 4)),
        languages=languages,
        travel_modes=rng.sample(["foot", "bike", "public_transport", "car"], 2),
        max_hours_per_month=rng.choice([None, 8, 10, 16, 20]),
        external_id=f"demo-v-{n:03d}",
    )
    consent_give(user=user, kind=Consent.Kind.PRIVACY, version=PRIVACY_VERSION)
    consent_give(user=user, kind=Consent.Kind.CODE_OF_CONDUCT, version=CODE_OF_CONDUCT_VERSION)


def _schedule(rng: random.Random, today: dt.date) -> str:
    start = rng.choice([9, 10, 14, 15, 16, 17])
    if rng.random() < 0.4:
        day = today + dt.timedelta(days=rng.randint(3, 28))
        return f"{day.isoformat()} {start:02d}:00-{start + 2:02d}:00"
    begin = today + dt.timedelta(days=rng.randint(1, 14))
    until = begin + dt.timedelta(days=rng.choice([60, 90, 120]))
    return (
        f"weekly {rng.choice(DAYS[:6])} {start:02d}:00-{start + 2:02d}:00 "
        f"from {begin.isoformat()} until {until.isoformat()}"
    )


def _needs(rng: random.Random, facilities: list[Facility], count: int) -> None:
    today = timezone.localdate()
    for n in range(1, count + 1):
        facility = facilities[n % len(facilities)]
        actor = facility.organisation.staff.filter(role=Role.SOCIAL_WORKER).first()
        actor = actor or User.objects.get(email="admin@demo.lotse.local")
        skill = _weighted(rng, SKILL_WEIGHTS, 1)[0]
        required = {}
        if skill == "interpreting" or rng.random() < 0.25:
            required[rng.choice(["ar", "fa", "uk", "ru", "tr", "ti", "ps", "kmr"])] = 3
        need_create(
            actor=actor,
            facility=facility,
            title=NEED_TITLES[skill],
            main_skill=skill,
            description="Demo-Bedarf.",
            schedule=_schedule(rng, today),
            languages_required=required,
            languages_preferred={"en": 2} if rng.random() < 0.2 else {},
            volunteers_needed=rng.choice([1, 1, 1, 2, 3]),
            urgency=rng.choice(["low", "normal", "normal", "high"]),
            external_id=f"demo-n-{n:03d}",
        )


@transaction.atomic
def seed_demo(*, volunteers: int = 300, needs: int = 60, seed: int = 20261125) -> DemoSummary:
    load_taxonomy()
    load_city(settings.LOTSE_CITY_DIR)
    if User.objects.filter(email=VOLUNTEER_LOGIN).exists():
        return DemoSummary(
            False,
            User.objects.filter(role=Role.VOLUNTEER).count(),
            Need.objects.count(),
            Facility.objects.count(),
        )
    rng = random.Random(seed)
    organisations = [
        Organisation.objects.get_or_create(name=name, defaults={"kind": kind})[0]
        for name, kind in ORGANISATIONS
    ]
    facilities = [
        facility_upsert(
            organisation=organisations[org],
            name=name,
            street=street,
            postcode=pc,
            capacity=cap,
            consultation_hours=hours,
            external_id=f"demo-f-{i:02d}",
        )
        for i, (name, org, street, pc, cap, hours) in enumerate(FACILITIES, start=1)
    ]
    _staff(organisations, facilities)
    postcodes = list(Postcode.objects.values_list("code", flat=True))
    password_hash = make_password(DEMO_PASSWORD)
    _volunteer(rng, 0, ["48143"], password_hash, email=VOLUNTEER_LOGIN)
    for n in range(1, volunteers):
        _volunteer(rng, n, postcodes, password_hash)
    _needs(rng, facilities, needs)
    return DemoSummary(True, volunteers, needs, len(facilities))

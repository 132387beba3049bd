"""Volunteers in bulk: accounts, verified e-mails, profiles, skills, languages, consents, eFZ.

Profiles come from the seeded synthetic population (fixtures.synthetic), so the load test
ranks the same kind of people the engine's benchmark does; each volunteer's point is the
centroid of the postcode nearest to their synthetic home, as the signup service stores it.
"""

import datetime as dt
from collections.abc import Callable, Iterator

import numpy as np
from allauth.account.models import EmailAddress
from django.conf import settings
from django.utils import timezone

from fixtures.synthetic import availability_from_bits, synthetic_volunteer_columns
from lotse.accounts.models import Role, User
from lotse.demo.names import FIRST_NAMES, LAST_NAMES
from lotse.ops.progress import Progress
from lotse.privacy.models import Consent
from lotse.taxonomy.models import Language, Skill
from lotse.volunteers.models import CertificateInspection, Volunteer, VolunteerLanguage
from matching import KNOWN_LANGUAGES, SKILLS, format_availability

from .credentials import volunteer_email
from .staff import City
from .writer import TableWriter, next_id

TRAVEL_MODES = ("foot", "bike", "public_transport", "car")
Tick = Callable[[int], None]
BarFor = Callable[[str, int], Progress]


def _nearest_postcodes(city: City, lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    points = np.array([(p[2], p[3]) for p in city.postcodes])
    scale = np.cos(np.radians(points[:, 0].mean()))
    d2 = (lat[:, None] - points[:, 0]) ** 2 + ((lon[:, None] - points[:, 1]) * scale) ** 2
    return d2.argmin(axis=1)


def write_volunteers(*, city: City, count: int, seed: int, bar_for: BarFor) -> range:
    """Write `count` volunteers with everything that belongs to them; returns their ids."""
    today = timezone.localdate()
    columns = synthetic_volunteer_columns(count, seed=seed, today=today)
    columns["postcode"] = _nearest_postcodes(city, columns["lat"], columns["lon"])
    # A profile needs at least one language (the signup form insists); German is column 0.
    speechless = ~columns["language_levels"].any(axis=1)
    columns["language_levels"][speechless, KNOWN_LANGUAGES.index("de")] = 3
    first_user, first_volunteer = next_id(User), next_id(Volunteer)
    now = timezone.now()
    user_ids = range(first_user, first_user + count)
    volunteer_ids = range(first_volunteer, first_volunteer + count)
    bar = bar_for("volunteers (rows)", _rows_total(columns, count))
    _write_accounts(city, user_ids, now, bar.advance)
    TableWriter(Volunteer, VOLUNTEER_COLUMNS).write(
        _volunteer_rows(city, columns, user_ids, volunteer_ids, now), bar.advance
    )
    _write_facts(columns, volunteer_ids, user_ids, city, now, bar.advance)
    bar.finish()
    return volunteer_ids


def _rows_total(c: dict, count: int) -> int:
    """Rows about to be written: user, e-mail, profile, two consents, skills, languages, eFZ."""
    skills = sum(int(mask).bit_count() for mask in c["skills_mask"])
    languages = int(np.count_nonzero(c["language_levels"]))
    certificates = int(np.count_nonzero(c["certificate_valid_until"]))
    return 5 * count + skills + languages + certificates


def _write_accounts(city: City, user_ids: range, now, tick: Tick) -> None:
    first = user_ids.start
    rows = (
        (uid, city.password_hash, volunteer_email(uid - first),
         FIRST_NAMES[uid % len(FIRST_NAMES)], LAST_NAMES[uid * 7 % len(LAST_NAMES)],
         Role.VOLUNTEER, now)
        for uid in user_ids
    )  # fmt: skip
    TableWriter(
        User, ["id", "password", "email", "first_name", "last_name", "role", "date_joined"]
    ).write(rows, tick)
    emails = ((uid, volunteer_email(uid - first), True, True) for uid in user_ids)
    TableWriter(EmailAddress, ["user_id", "email", "verified", "primary"]).write(emails, tick)


VOLUNTEER_COLUMNS = [
    "id", "user_id", "external_id", "postcode_id", "lat", "lon", "max_distance_km",
    "travel_modes", "availability", "availability_bits", "max_hours_per_month",
    "available_until", "paused_until", "created_at", "updated_at",
]  # fmt: skip


def _day(ordinal) -> dt.date | None:
    return dt.date.fromordinal(int(ordinal)) if ordinal else None


def _volunteer_rows(city, c, user_ids, volunteer_ids, now) -> Iterator[tuple]:
    for i, (uid, vid) in enumerate(zip(user_ids, volunteer_ids, strict=True)):
        pk, _code, lat, lon = city.postcodes[c["postcode"][i]]
        hours = c["max_hours_per_month"][i]
        yield (
            vid, uid, f"load-v-{i:06d}", pk, lat, lon, float(c["max_distance_km"][i]),
            [TRAVEL_MODES[i % 4], TRAVEL_MODES[(i // 4) % 4]] if i % 3 else [TRAVEL_MODES[1]],
            format_availability(availability_from_bits(c["availability"][i])),
            np.asarray(c["availability"][i], dtype="<u8").tobytes(),
            None if np.isnan(hours) else int(hours), _day(c["available_until"][i]),
            _day(c["paused_until"][i]), now, now,
        )  # fmt: skip


def _write_facts(c, volunteer_ids, user_ids, city, now, tick: Tick) -> None:
    skill_ids = dict(Skill.objects.values_list("slug", "pk"))
    language_ids = dict(Language.objects.values_list("code", "pk"))
    masks, levels = c["skills_mask"], c["language_levels"]
    skills = (
        (vid, skill_ids[slug])
        for i, vid in enumerate(volunteer_ids)
        for bit, slug in enumerate(SKILLS)
        if int(masks[i]) >> bit & 1 and slug in skill_ids
    )
    TableWriter(Volunteer.skills.through, ["volunteer_id", "skill_id"]).write(skills, tick)
    languages = (
        (vid, language_ids[code], int(levels[i][j]))
        for i, vid in enumerate(volunteer_ids)
        for j, code in enumerate(KNOWN_LANGUAGES)
        if levels[i][j] and code in language_ids
    )
    TableWriter(VolunteerLanguage, ["volunteer_id", "language_id", "level"]).write(languages, tick)
    _write_consents(user_ids, now, tick)
    _write_certificates(c, volunteer_ids, city, tick)


def _write_consents(user_ids: range, now, tick: Tick) -> None:
    versions = {
        Consent.Kind.PRIVACY: settings.LOTSE_PRIVACY_VERSION,
        Consent.Kind.CODE_OF_CONDUCT: settings.LOTSE_CODE_OF_CONDUCT_VERSION,
    }
    rows = ((uid, kind, version, now) for uid in user_ids for kind, version in versions.items())
    TableWriter(Consent, ["user_id", "kind", "version", "given_at"]).write(rows, tick)


def _write_certificates(c, volunteer_ids, city: City, tick: Tick) -> None:
    """An eFZ inspection for those whose synthetic certificate is valid until some day."""
    years = settings.LOTSE_CERTIFICATE_RENEWAL_YEARS
    inspectors = [uid for ids in city.social_workers.values() for uid in ids]
    today = timezone.localdate()
    rows = []
    for i, vid in enumerate(volunteer_ids):
        until = _day(c["certificate_valid_until"][i])
        if until is None:
            continue
        dated = until.replace(year=until.year - years, day=min(until.day, 28))
        inspected = min(dated + dt.timedelta(days=14), today)
        rows.append((vid, dated, inspected, inspectors[i % len(inspectors)]))
    columns = ["volunteer_id", "certificate_date", "inspected_on", "inspected_by_id"]
    TableWriter(CertificateInspection, columns).write(rows, tick)

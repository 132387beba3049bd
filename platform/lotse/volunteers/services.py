"""Writes on volunteer profiles: one service behind the wizard, the API and the import."""

import datetime as dt
import logging
from collections.abc import Mapping, Sequence

from allauth.account.models import EmailAddress
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import Role, User
from lotse.accounts.services import set_password_path
from lotse.core.phones import phone_normalise
from lotse.places.geocoding import postcode_lookup
from lotse.taxonomy.models import Language, Skill
from matching.errors import ParseError
from matching.timeslots import format_availability, parse_availability
from notifications.services import notify

from .consents import consent_hooks
from .models import CertificateInspection, SignupDraft, TravelMode, Volunteer, VolunteerLanguage

audit = logging.getLogger("lotse.audit")

ONLY_VOLUNTEERS = _("Only volunteer accounts have a volunteer profile.")
UNKNOWN_SKILL = _("Unknown skill: %(codes)s")
UNKNOWN_LANGUAGE = _("Unknown language: %(codes)s")
LEVEL_OUT_OF_SCALE = _("Level outside the scale for %(code)s")
DISTANCE_OUT_OF_RANGE = _("How far you travel must be more than 0 and at most %(max)s km.")
UNREADABLE_AVAILABILITY = _("Cannot read the availability: %(detail)s")
NO_AVAILABILITY = _("Please give at least one weekly time slot.")
UNKNOWN_TRAVEL_MODE = _("Unknown way of travelling: %(modes)s")
PAUSE_NOT_IN_FUTURE = _("A break ends on a day in the future.")
PAUSE_TOO_LONG = _("A break can last at most %(days)s days; you can extend it later.")
PRIVACY_REQUIRED = _("Please agree to the processing of your data.")
CODE_OF_CONDUCT_REQUIRED = _("Please acknowledge the code of conduct and the house rules.")
EMAIL_TAKEN = _("This e-mail address belongs to an account that was not imported.")
CANNOT_INSPECT = _("Only social workers and administrators record certificate inspections.")
CERTIFICATE_AFTER_INSPECTION = _("The certificate cannot be dated after its inspection.")
INSPECTION_IN_FUTURE = _("The inspection cannot lie in the future.")
CERTIFICATE_TOO_OLD = _(
    "The certificate was more than %(days)s days old when inspected; ask for a new one."
)
CERTIFICATE_DATES_TOGETHER = _("Give both the certificate's date and the inspection date.")


def skills_from_slugs(slugs: Sequence[str], field: str = "skills") -> list[Skill]:
    wanted = {s.strip() for s in slugs if s.strip()}
    found = {s.slug: s for s in Skill.objects.filter(slug__in=wanted)}
    unknown = sorted(wanted - found.keys())
    if unknown:
        raise ValidationError({field: UNKNOWN_SKILL % {"codes": ", ".join(unknown)}})
    return list(found.values())


def languages_from_codes(
    levels: Mapping[str, int], field: str = "languages"
) -> dict[Language, int]:
    found = {lang.code: lang for lang in Language.objects.filter(code__in=levels.keys())}
    unknown = sorted(set(levels) - found.keys())
    if unknown:
        raise ValidationError({field: UNKNOWN_LANGUAGE % {"codes": ", ".join(unknown)}})
    for code, level in levels.items():
        if level not in (1, 2, 3, 4):
            raise ValidationError({field: LEVEL_OUT_OF_SCALE % {"code": code}})
    return {found[code]: level for code, level in levels.items()}


def availability_normalise(text: str, field: str = "availability") -> str:
    """The availability in its canonical spelling, or a ValidationError naming the problem."""
    try:
        parsed = parse_availability(text or "")
    except ParseError as exc:
        raise ValidationError({field: UNREADABLE_AVAILABILITY % {"detail": exc}}) from exc
    if not parsed.slots:
        raise ValidationError({field: NO_AVAILABILITY})
    return format_availability(parsed)


def _check_distance(max_distance_km: float) -> None:
    limit = settings.LOTSE_MAX_DISTANCE_KM
    if max_distance_km is None or not 0 < max_distance_km <= limit:
        raise ValidationError({"max_distance_km": DISTANCE_OUT_OF_RANGE % {"max": limit}})


def _check_travel_modes(modes: Sequence[str]) -> None:
    unknown = sorted(set(modes) - set(TravelMode.values))
    if unknown:
        raise ValidationError({"travel_modes": UNKNOWN_TRAVEL_MODE % {"modes": ", ".join(unknown)}})


def _postcode(raw: str):
    try:
        return postcode_lookup(raw)
    except ValidationError as exc:
        raise ValidationError({"postcode": exc.messages}) from exc


def _phone(raw: str) -> str:
    try:
        return phone_normalise(raw)
    except ValidationError as exc:
        raise ValidationError({"phone": exc.messages}) from exc


def _languages_set(volunteer: Volunteer, rows: Mapping[Language, int]) -> None:
    """Change only what differs, so an unchanged profile keeps its rows."""
    current = {vl.language_id: vl for vl in volunteer.languages.all()}
    wanted = {lang.pk: level for lang, level in rows.items()}
    VolunteerLanguage.objects.filter(
        volunteer=volunteer, language_id__in=set(current) - set(wanted)
    ).delete()
    VolunteerLanguage.objects.bulk_create(
        VolunteerLanguage(volunteer=volunteer, language_id=language_id, level=level)
        for language_id, level in wanted.items()
        if language_id not in current
    )
    for language_id, level in wanted.items():
        row = current.get(language_id)
        if row is not None and row.level != level:
            row.level = level
            row.save(update_fields=["level"])


@transaction.atomic
def volunteer_profile_save(
    *,
    user: User,
    postcode: str,
    max_distance_km: float,
    availability: str,
    skills: Sequence[str] = (),
    languages: Mapping[str, int] | None = None,
    street: str = "",
    travel_modes: Sequence[str] = (),
    max_hours_per_month: int | None = None,
    available_from: dt.date | None = None,
    available_until: dt.date | None = None,
    motivation: str = "",
    phone: str = "",
    external_id: str | None = None,
    first_name: str | None = None,
    last_name: str | None = None,
) -> Volunteer:
    """Create or update the volunteer profile of `user`; all-or-nothing."""
    if user.role != Role.VOLUNTEER:
        raise ValidationError(ONLY_VOLUNTEERS)
    postcode_row = _postcode(postcode)
    phone = _phone(phone)
    _check_distance(max_distance_km)
    _check_travel_modes(travel_modes)
    availability = availability_normalise(availability)
    skill_rows = skills_from_slugs(skills)
    language_rows = languages_from_codes(languages or {})
    _user_names_set(user, first_name, last_name)
    volunteer = Volunteer.objects.filter(user=user).first() or Volunteer(user=user)
    volunteer.postcode = postcode_row
    volunteer.lat, volunteer.lon = postcode_row.lat, postcode_row.lon
    volunteer.street = street.strip()
    volunteer.max_distance_km = max_distance_km
    volunteer.travel_modes = sorted(set(travel_modes))
    volunteer.availability = availability
    volunteer.max_hours_per_month = max_hours_per_month
    volunteer.available_from, volunteer.available_until = available_from, available_until
    volunteer.motivation = motivation.strip()
    volunteer.phone = phone
    if external_id is not None:
        volunteer.external_id = external_id or None
    # The database's check constraints are checked above with clearer messages; asking
    # Django to validate them again costs a query each.
    # external_id is unique in the database too; the import looks it up before it writes.
    volunteer.full_clean(
        exclude=["user", "postcode"], validate_unique=False, validate_constraints=False
    )
    created = volunteer.pk is None
    volunteer.save()
    if created:  # nothing to compare with: two inserts instead of a diff
        volunteer.skills.add(*skill_rows)
        VolunteerLanguage.objects.bulk_create(
            VolunteerLanguage(volunteer=volunteer, language=lang, level=level)
            for lang, level in language_rows.items()
        )
    else:
        volunteer.skills.set(skill_rows)
        _languages_set(volunteer, language_rows)
    return volunteer


def _user_names_set(user: User, first_name: str | None, last_name: str | None) -> None:
    changed = []
    for field, value in (("first_name", first_name), ("last_name", last_name)):
        if value is not None and getattr(user, field) != value.strip():
            setattr(user, field, value.strip())
            changed.append(field)
    if changed:
        user.full_clean(exclude=["password"])
        user.save(update_fields=changed)


def signup_draft_save(*, user: User, answers: dict) -> None:
    """Keep the wizard's answers beyond the session (a phone's session may end mid-wizard)."""
    SignupDraft.objects.update_or_create(user=user, defaults={"answers": answers})


def signup_drafts_expire(*, now: dt.datetime | None = None) -> int:
    """Retention: drafts nobody touched for LOTSE_SIGNUP_DRAFT_DAYS go."""
    cutoff = (now or timezone.now()) - dt.timedelta(days=settings.LOTSE_SIGNUP_DRAFT_DAYS)
    deleted, _per_model = SignupDraft.objects.filter(updated_at__lt=cutoff).delete()
    return deleted


@transaction.atomic
def volunteer_register(
    *, user: User, privacy_accepted: bool, code_of_conduct_accepted: bool, **profile
) -> Volunteer:
    """The end of the sign-up wizard: the profile and both consents, or nothing."""
    errors = {}
    if not privacy_accepted:
        errors["privacy"] = PRIVACY_REQUIRED
    if not code_of_conduct_accepted:
        errors["code_of_conduct"] = CODE_OF_CONDUCT_REQUIRED
    if errors:
        raise ValidationError(errors)
    volunteer = volunteer_profile_save(user=user, **profile)
    consent_hooks().signup_give(user)
    SignupDraft.objects.filter(user=user).delete()
    return volunteer


def volunteer_pause(*, volunteer: Volunteer, until: dt.date) -> Volunteer:
    today = timezone.localdate()
    if until is None or until <= today:
        raise ValidationError({"paused_until": PAUSE_NOT_IN_FUTURE})
    if (until - today).days > settings.LOTSE_PAUSE_MAX_DAYS:
        raise ValidationError(
            {"paused_until": PAUSE_TOO_LONG % {"days": settings.LOTSE_PAUSE_MAX_DAYS}}
        )
    volunteer.paused_until = until
    volunteer.save(update_fields=["paused_until", "updated_at"])
    return volunteer


def volunteer_resume(*, volunteer: Volunteer) -> Volunteer:
    volunteer.paused_until = None
    volunteer.save(update_fields=["paused_until", "updated_at"])
    return volunteer


# ---------------------------------------------------------------------------
# Certificate of conduct (eFZ): only the facts the law allows
# ---------------------------------------------------------------------------
def _check_inspector(actor: User | None) -> None:
    # actor None: the import command run by the operator on the server.
    if actor is None:
        return
    if actor.role not in (Role.SOCIAL_WORKER, Role.ADMIN) and not actor.is_superuser:
        raise PermissionDenied(CANNOT_INSPECT)


def _check_certificate_dates(certificate_date: dt.date, inspected_on: dt.date) -> None:
    if certificate_date is None or inspected_on is None:
        raise ValidationError({"certificate_date": CERTIFICATE_DATES_TOGETHER})
    if inspected_on > timezone.localdate():
        raise ValidationError({"inspected_on": INSPECTION_IN_FUTURE})
    if certificate_date > inspected_on:
        raise ValidationError({"certificate_date": CERTIFICATE_AFTER_INSPECTION})
    max_age = settings.LOTSE_CERTIFICATE_MAX_AGE_DAYS
    if (inspected_on - certificate_date).days > max_age:
        raise ValidationError({"certificate_date": CERTIFICATE_TOO_OLD % {"days": max_age}})


@transaction.atomic
def certificate_inspection_record(
    *,
    volunteer: Volunteer,
    actor: User | None,
    certificate_date: dt.date,
    inspected_on: dt.date,
    disqualifying_conviction: bool = False,
) -> CertificateInspection:
    """Record that staff saw a certificate; the same inspection twice is recorded once."""
    _check_inspector(actor)
    _check_certificate_dates(certificate_date, inspected_on)
    inspection, created = CertificateInspection.objects.get_or_create(
        volunteer=volunteer,
        certificate_date=certificate_date,
        inspected_on=inspected_on,
        defaults={"inspected_by": actor, "disqualifying_conviction": disqualifying_conviction},
    )
    if not created and inspection.disqualifying_conviction != disqualifying_conviction:
        inspection.disqualifying_conviction = disqualifying_conviction
        inspection.save(update_fields=["disqualifying_conviction"])
    # A person's access is logged as such; the import command's rows only when debugging.
    audit.log(
        logging.INFO if actor else logging.DEBUG,
        "certificate inspection %s for volunteer %s by user %s",
        "recorded" if created else "confirmed",
        volunteer.pk,
        actor.pk if actor else "import",
    )
    return inspection


# ---------------------------------------------------------------------------
# Volunteers from the city's records (spreadsheet import)
# ---------------------------------------------------------------------------
def _account_for(external_id: str, email: str, first_name: str, last_name: str):
    """The account behind an imported volunteer: found by external_id, else created."""
    volunteer = Volunteer.objects.select_related("user").filter(external_id=external_id).first()
    taken = User.objects.filter(email__iexact=email)
    if volunteer is not None:
        if taken.exclude(pk=volunteer.user_id).exists():
            raise ValidationError({"email": EMAIL_TAKEN})
        user = volunteer.user
        if user.email != email:
            user.email = email
            user.full_clean(exclude=["password"])
            user.save(update_fields=["email"])
            EmailAddress.objects.filter(user=user).update(email=email)
        return user, False
    if taken.exists():
        raise ValidationError({"email": EMAIL_TAKEN})
    user = User(email=email, first_name=first_name.strip(), last_name=last_name.strip())
    user.role = Role.VOLUNTEER
    user.set_unusable_password()
    user.full_clean(exclude=["password"], validate_unique=False, validate_constraints=False)
    user.save()
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user, True


def _invite(user: User) -> None:
    notify(
        recipient=user,
        event="account_invitation",
        context={
            "first_name": user.first_name,
            "city": settings.LOTSE_CITY_NAME,
            "set_password_path": set_password_path(user),
        },
        dedupe_key=f"account_invitation:user:{user.pk}",
    )


@transaction.atomic
def volunteer_upsert(
    *,
    external_id: str,
    email: str,
    first_name: str,
    last_name: str,
    profile: Mapping,
    code_of_conduct: bool = False,
    certificate_date: dt.date | None = None,
    certificate_inspected_on: dt.date | None = None,
    actor: User | None = None,
    invite: bool = True,
) -> Volunteer:
    """Create or update a volunteer known by `external_id`, with an account to claim.

    A new account has no usable password; an invitation to set one is sent (once).
    """
    email = email.strip().lower()
    user, created = _account_for(external_id, email, first_name, last_name)
    volunteer = volunteer_profile_save(
        user=user, external_id=external_id, first_name=first_name, last_name=last_name, **profile
    )
    if code_of_conduct:
        consent_hooks().code_of_conduct_give(user)
    if certificate_date or certificate_inspected_on:
        certificate_inspection_record(
            volunteer=volunteer,
            actor=actor,
            certificate_date=certificate_date,
            inspected_on=certificate_inspected_on,
        )
    if created and invite:
        _invite(user)
    return volunteer

"""The three kinds of spreadsheet (contracts.md): their columns, how a row is read, and which
service writes it. Columns left out of a file keep what is stored (optional ones only)."""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from lotse.accounts.models import User
from lotse.needs.models import Need
from lotse.needs.selectors import need_snapshot
from lotse.needs.services import MAX_VOLUNTEERS, NOT_YOUR_FACILITY, need_create, need_update
from lotse.places.geocoding import INVALID_POSTCODE, POSTCODE_PATTERN, UNKNOWN_POSTCODE
from lotse.places.models import Facility, Neighbourhood, Postcode
from lotse.places.selectors import facilities_visible_to
from lotse.places.services import facility_upsert, organisation_get_or_create
from lotse.taxonomy.models import Language, Skill
from lotse.volunteers.consents import consent_hooks
from lotse.volunteers.forms import profile_of, service_kwargs
from lotse.volunteers.models import CertificateInspection, Volunteer
from lotse.volunteers.services import UNKNOWN_LANGUAGE, UNKNOWN_SKILL, volunteer_upsert
from matching.errors import ParseError
from matching.timeslots import parse_availability

from . import cells
from .cells import CellError

UNKNOWN_FACILITY = _("Unknown facility: %(id)s (give the facility's external_id)")
UNKNOWN_NEIGHBOURHOOD = _("Unknown neighbourhood: %(name)s")
AMBIGUOUS_NEIGHBOURHOOD = _("%(name)s exists in several districts; write “%(name)s (District)”.")
LAT_LON_TOGETHER = _("Give lat and lon together, or neither.")
DATES_TOGETHER = _("Give certificate_date and certificate_inspected_on together, or neither.")
NEED_A_SKILL = _("Give at least one skill; the first one is the main task.")
UNKNOWN_URGENCY = _("Urgency is low, normal or high.")
UNREADABLE_HOURS = _("Cannot read the consultation hours: %(detail)s")


@dataclass
class Context:
    """What every row is checked against, loaded once per import."""

    actor: User | None
    invite: bool = True
    postcodes: set[str] = field(default_factory=set)
    skills: set[str] = field(default_factory=set)
    languages: set[str] = field(default_factory=set)
    facilities: dict[str, Facility] = field(default_factory=dict)
    foreign_facilities: set[str] = field(default_factory=set)
    neighbourhoods: dict[str, list[Neighbourhood]] = field(default_factory=dict)

    @classmethod
    def load(cls, actor: User | None, invite: bool) -> "Context":
        everything = Facility.objects.exclude(external_id=None).select_related("organisation")
        visible = everything if actor is None else facilities_visible_to(actor)
        facilities = {f.external_id: f for f in visible.exclude(external_id=None)}
        hoods: dict[str, list[Neighbourhood]] = {}
        for hood in Neighbourhood.objects.select_related("district"):
            hoods.setdefault(hood.name.lower(), []).append(hood)
            hoods.setdefault(f"{hood.name} ({hood.district.name})".lower(), []).append(hood)
        return cls(
            actor=actor,
            invite=invite,
            postcodes=set(Postcode.objects.values_list("code", flat=True)),
            skills=set(Skill.objects.values_list("slug", flat=True)),
            languages=set(Language.objects.values_list("code", flat=True)),
            facilities=facilities,
            foreign_facilities=set(everything.values_list("external_id", flat=True))
            - set(facilities),
            neighbourhoods=hoods,
        )


Parser = Callable[[str, Context], object]


def _postcode(value: str, ctx: Context) -> str:
    code = cells.text(value, required=True, max_length=10)
    if not POSTCODE_PATTERN.match(code):
        raise CellError(INVALID_POSTCODE)
    if code not in ctx.postcodes:
        raise CellError(UNKNOWN_POSTCODE % {"code": code})
    return code


def _skills(value: str, ctx: Context) -> list[str]:
    slugs = [slug.lower() for slug in cells.items(value)]
    unknown = sorted(set(slugs) - ctx.skills)
    if unknown:
        raise CellError(UNKNOWN_SKILL % {"codes": ", ".join(unknown)})
    return list(dict.fromkeys(slugs))


def _languages(value: str, ctx: Context) -> dict[str, int]:
    levels = cells.languages(value)
    unknown = sorted(set(levels) - ctx.languages)
    if unknown:
        raise CellError(UNKNOWN_LANGUAGE % {"codes": ", ".join(unknown)})
    return levels


def _neighbourhood(value: str, ctx: Context) -> Neighbourhood | None:
    name = cells.text(value, max_length=200)
    if not name:
        return None
    found = ctx.neighbourhoods.get(name.lower(), [])
    if not found:
        raise CellError(UNKNOWN_NEIGHBOURHOOD % {"name": name})
    if len(found) > 1:
        raise CellError(AMBIGUOUS_NEIGHBOURHOOD % {"name": name})
    return found[0]


def _consultation_hours(value: str, ctx: Context) -> str:
    value = cells.text(value, max_length=300)
    try:
        parse_availability(value)
    except ParseError as exc:
        raise CellError(UNREADABLE_HOURS % {"detail": exc}) from None
    return value


def _facility(value: str, ctx: Context) -> Facility:
    key = cells.text(value, required=True, max_length=64)
    if key in ctx.foreign_facilities:
        raise CellError(NOT_YOUR_FACILITY)
    if key not in ctx.facilities:
        raise CellError(UNKNOWN_FACILITY % {"id": key})
    return ctx.facilities[key]


def _urgency(value: str, ctx: Context) -> str:
    value = (value or "").strip().lower() or Need.Urgency.NORMAL
    if value not in Need.Urgency.values:
        raise CellError(UNKNOWN_URGENCY)
    return value


def _text(max_length: int, required: bool = True) -> Parser:
    return lambda value, ctx: cells.text(value, required=required, max_length=max_length)


class Kind:
    """One spreadsheet kind: columns, readers per cell, and the write behind a row."""

    name: str
    required: list[str]
    optional: list[str]
    readers: dict[str, Parser]
    # Service error fields that are named differently from the column they come from.
    field_columns: dict[str, str] = {}

    order: list[str]  # as contracts.md lists them; exports use this order

    @property
    def columns(self) -> list[str]:
        return self.order

    def cross_check(self, values: dict) -> dict[str, str]:
        """Rules across cells of one row: {column: message}."""
        return {}

    def snapshot(self, external_id: str) -> dict | None:
        raise NotImplementedError

    def apply(self, values: dict, ctx: Context) -> None:
        raise NotImplementedError

    def column_for(self, service_field: str) -> str:
        if service_field in self.columns:
            return service_field
        return self.field_columns.get(service_field, "external_id")


class Facilities(Kind):
    name = "facilities"
    required = ["external_id", "name", "organisation", "street", "postcode"]
    optional = ["lat", "lon", "neighbourhood", "capacity", "consultation_hours"]
    order = required + optional
    readers = {
        "external_id": _text(64),
        "name": _text(200),
        "organisation": _text(200),
        "street": _text(200),
        "postcode": _postcode,
        "lat": lambda v, ctx: cells.number(v, low=-90, high=90),
        "lon": lambda v, ctx: cells.number(v, low=-180, high=180),
        "neighbourhood": _neighbourhood,
        "capacity": lambda v, ctx: cells.integer(v, low=0, high=100_000),
        "consultation_hours": _consultation_hours,
    }

    def cross_check(self, values: dict) -> dict[str, str]:
        lat, lon = values.get("lat"), values.get("lon")
        if (lat is None) != (lon is None):
            return {"lat" if lat is None else "lon": LAT_LON_TOGETHER}
        return {}

    def snapshot(self, external_id: str) -> dict | None:
        fields = ["organisation_id", "name", "street", "postcode", "lat", "lon",
                  "neighbourhood_id", "capacity", "consultation_hours"]  # fmt: skip
        return Facility.objects.filter(external_id=external_id).values(*fields).first()

    def apply(self, values: dict, ctx: Context) -> None:
        existing = Facility.objects.filter(external_id=values["external_id"]).first()
        same_place = existing is not None and existing.postcode == values["postcode"]
        kept = {
            "lat": existing.lat if same_place else None,
            "lon": existing.lon if same_place else None,
            "neighbourhood": existing.neighbourhood if same_place else None,
            "capacity": existing.capacity if existing else None,
            "consultation_hours": existing.consultation_hours if existing else "",
        }
        given = {k: v for k, v in values.items() if k in self.optional}
        facility_upsert(
            organisation=organisation_get_or_create(name=values["organisation"]),
            name=values["name"],
            street=values["street"],
            postcode=values["postcode"],
            external_id=values["external_id"],
            **(kept | given),
        )


class Volunteers(Kind):
    name = "volunteers"
    required = [
        "external_id",
        "first_name",
        "last_name",
        "email",
        "postcode",
        "max_distance_km",
        "skills",
        "languages",
        "availability",
        "code_of_conduct",
    ]
    optional = ["street", "max_hours_per_month", "certificate_date", "certificate_inspected_on"]
    order = ["external_id", "first_name", "last_name", "email", "postcode", "street",
             "max_distance_km", "skills", "languages", "availability", "max_hours_per_month",
             "certificate_date", "certificate_inspected_on", "code_of_conduct"]  # fmt: skip
    readers = {
        "external_id": _text(64),
        "first_name": _text(100),
        "last_name": _text(100),
        "email": lambda v, ctx: cells.email(v),
        "postcode": _postcode,
        "street": _text(200, required=False),
        "max_distance_km": lambda v, ctx: cells.number(
            v, low=0, high=200, required=True, low_open=True
        ),
        "skills": _skills,
        "languages": _languages,
        "availability": lambda v, ctx: cells.availability(v),
        "max_hours_per_month": lambda v, ctx: cells.integer(v, low=1, high=200),
        "certificate_date": lambda v, ctx: cells.date(v),
        "certificate_inspected_on": lambda v, ctx: cells.date(v),
        "code_of_conduct": lambda v, ctx: cells.yes_no(v),
    }
    field_columns = {"inspected_on": "certificate_inspected_on"}
    profile_columns = ("postcode", "street", "max_distance_km", "skills", "languages",
                       "availability", "max_hours_per_month")  # fmt: skip

    def cross_check(self, values: dict) -> dict[str, str]:
        dates = ("certificate_date", "certificate_inspected_on")
        given = [bool(values.get(column)) for column in dates]
        if any(given) and not all(given):
            return {dates[given.index(False)]: DATES_TOGETHER}
        return {}

    def snapshot(self, external_id: str) -> dict | None:
        volunteer = (
            Volunteer.objects.select_related("user", "postcode")
            .filter(external_id=external_id)
            .first()
        )
        if volunteer is None:
            return None
        conduct = consent_hooks().code_of_conduct_standing().filter(user=volunteer.user)
        inspections = CertificateInspection.objects.filter(volunteer=volunteer).values_list(
            "certificate_date", "inspected_on", "disqualifying_conviction"
        )
        return profile_of(volunteer) | {
            "email": volunteer.user.email,
            "conduct": sorted(conduct.values_list("version", flat=True)),
            "inspections": sorted(inspections),
        }

    def apply(self, values: dict, ctx: Context) -> None:
        existing = Volunteer.objects.filter(external_id=values["external_id"]).first()
        profile = profile_of(existing) if existing else {}
        profile |= {k: values[k] for k in self.profile_columns if k in values}
        profile = {k: v for k, v in service_kwargs(profile).items()
                   if k not in ("first_name", "last_name")}  # fmt: skip
        volunteer_upsert(
            external_id=values["external_id"],
            email=values["email"],
            first_name=values["first_name"],
            last_name=values["last_name"],
            profile=profile,
            code_of_conduct=values["code_of_conduct"],
            certificate_date=values.get("certificate_date"),
            certificate_inspected_on=values.get("certificate_inspected_on"),
            actor=ctx.actor,
            invite=ctx.invite,
        )


class Needs(Kind):
    name = "needs"
    required = ["external_id", "facility", "title", "skills", "schedule", "volunteers_needed",
                "requires_certificate"]  # fmt: skip
    optional = ["description", "languages_required", "languages_preferred", "urgency"]
    order = ["external_id", "facility", "title", "description", "skills", "languages_required",
             "languages_preferred", "schedule", "volunteers_needed", "requires_certificate",
             "urgency"]  # fmt: skip
    readers = {
        "external_id": _text(64),
        "facility": _facility,
        "title": _text(200),
        "description": _text(4000, required=False),
        "skills": _skills,
        "languages_required": _languages,
        "languages_preferred": _languages,
        "schedule": lambda v, ctx: cells.schedule(v),
        "volunteers_needed": lambda v, ctx: cells.integer(
            v, low=1, high=MAX_VOLUNTEERS, required=True
        ),
        "requires_certificate": lambda v, ctx: cells.yes_no(v, required=False),
        "urgency": _urgency,
    }
    field_columns = {"main_skill": "skills", "neighbourhood": "facility"}

    def cross_check(self, values: dict) -> dict[str, str]:
        if "skills" in values and not values["skills"]:
            return {"skills": NEED_A_SKILL}
        return {}

    def snapshot(self, external_id: str) -> dict | None:
        need = Need.objects.select_related("main_skill").filter(external_id=external_id).first()
        return None if need is None else need_snapshot(need) | {"status": need.status}

    def apply(self, values: dict, ctx: Context) -> None:
        existing = Need.objects.filter(external_id=values["external_id"]).first()
        skills = values["skills"]
        kwargs = {
            "facility": values["facility"],
            "title": values["title"],
            "main_skill": skills[0],
            "skills": skills[1:],
            "schedule": values["schedule"],
            "volunteers_needed": values["volunteers_needed"],
            "requires_certificate": values["requires_certificate"],
        }
        kwargs |= {k: values[k] for k in self.optional if k in values}
        if existing is None:
            need_create(actor=ctx.actor, external_id=values["external_id"], **kwargs)
        else:
            need_update(need=existing, actor=ctx.actor, **kwargs)


KINDS: dict[str, Kind] = {kind.name: kind for kind in (Facilities(), Volunteers(), Needs())}

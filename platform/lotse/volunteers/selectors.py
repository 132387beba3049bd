"""Reads on volunteers, scoped by role: who may see which volunteer, and how much of them.

A social worker sees the volunteers who would travel to one of their organisation's
facilities, and of them only the display name, skills, languages, availability and distance
— contact details and address only once a placement is approved. Coordinators see
aggregates, never persons; volunteers see themselves.
"""

import datetime as dt
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from lotse.accounts.models import Role, User
from lotse.core.audit import access_log_record
from lotse.core.hooks import Hook
from lotse.places.models import Facility
from lotse.places.selectors import facility_list_visible_to
from matching.geo import haversine_km

from .consents import consent_hooks
from .models import CertificateInspection, SignupDraft, Volunteer, VolunteerLanguage

audit = logging.getLogger("lotse.audit")
# Every staff read of eFZ data goes to the safeguarding access log (GDPR Art. 10).
CERTIFICATE_READ_PURPOSE = "certificate of conduct: status shown to staff"
EXPIRING_DAYS = 60


# Her languages with their names in one query, not two.
LANGUAGES_WITH_NAMES = Prefetch(
    "languages", queryset=VolunteerLanguage.objects.select_related("language")
)


# The newest inspection first: by the day it was inspected, then by the order of recording.
NEWEST_INSPECTION = ("-inspected_on", "-pk")


def volunteer_of(user: User, *, with_details: bool = False) -> Volunteer | None:
    """The user's profile; `with_details` also reads its skills and languages (profile pages)."""
    if not user.is_authenticated:
        return None
    rows = Volunteer.objects.filter(user=user).select_related("postcode")
    if with_details:
        rows = rows.prefetch_related("skills", LANGUAGES_WITH_NAMES)
    volunteer = rows.first()
    if volunteer is not None:
        volunteer.user = user  # the account at hand: the profile pages need not read it again
    return volunteer


def _with_details(qs: QuerySet[Volunteer]) -> QuerySet[Volunteer]:
    return qs.select_related("user", "postcode").prefetch_related("skills", LANGUAGES_WITH_NAMES)


def volunteers_matchable() -> QuerySet[Volunteer]:
    """Every volunteer whose data may be processed for matching (not withdrawn)."""
    return _with_details(Volunteer.objects.exclude(consent_hooks().privacy_withdrawn()))


def can_see_volunteers(user: User) -> bool:
    """Persons are shown to social workers and administrators only."""
    return user.is_authenticated and (
        user.is_city_admin or (user.role == Role.SOCIAL_WORKER and user.organisation_id)
    )


def volunteers_visible_to(user: User) -> QuerySet[Volunteer]:
    if not can_see_volunteers(user):
        return Volunteer.objects.none()
    qs = volunteers_matchable()
    if user.is_city_admin:
        return qs
    return qs.filter(pk__in=volunteer_ids_visible_to(user))


def volunteer_ids_visible_to(user: User, *, at_most: int | None = None) -> list[int] | None:
    """Ids of the volunteers `user` may see (volunteers_visible_to, the scope rule), or None
    when there are more than `at_most` (a page that lists names asks for the id instead).

    Who is within reach of a social worker's facilities is asked of the reach index first:
    the matching pool's answer (registered by the matchmaking app), a few passes over its
    columns instead of reading 100,000 volunteers' rows (1.2 s, issue 21). Its answer is a
    superset of those within reach as the pool last synced, and only those rows (and the few
    deactivated accounts, which the pool leaves out) are read and measured exactly here: a
    volunteer who narrowed her radius a moment ago on another web node is out at once; one
    who widened it is in after that node's next sync (LOTSE_MATCHING_SYNC_SECONDS)."""
    found = _visible(user, at_most)
    if found is None or isinstance(found, list):
        return found
    rows, points = found
    ids = _ids_within_reach(rows, points)
    return None if at_most is not None and len(ids) > at_most else ids


def volunteers_visible_by_name(
    user: User, *, at_most: int, order: Sequence[str]
) -> list[Volunteer] | None:
    """The volunteers of `volunteer_ids_visible_to` with their accounts, in `order`, read in
    one query (the rows the reach index names, measured exactly here); None when there are
    more than `at_most`."""
    found = _visible(user, at_most)
    if found is None or isinstance(found, list):
        return found and list(
            Volunteer.objects.filter(pk__in=found).select_related("user").order_by(*order)
        )
    rows, points = found
    people = list(
        rows.prefetch_related(None).select_related(None).select_related("user").order_by(*order)
    )
    near = set(_ids_within_reach(people, points))
    people = [v for v in people if v.pk in near]
    return None if len(people) > at_most else people


def _visible(user: User, at_most: int | None):
    """The scope rule's answer: a list of ids (or None: more than `at_most`), or the rows that
    may be within reach of `points` (to be measured exactly)."""
    if not can_see_volunteers(user):
        return []
    qs = volunteers_matchable()
    if user.is_city_admin:
        if at_most is not None and qs.count() > at_most:
            return None
        return list(qs.values_list("pk", flat=True))
    points = [(f.lat, f.lon) for f in facility_list_visible_to(user)]
    if not points:
        return []
    near = reach_index(points, at_most=at_most)
    if near is None:
        return None  # the index's count decides: no row read for a list nobody will get
    return qs.filter(Q(pk__in=list(near)) | Q(user__is_active=False)), points


def volunteer_in_scope(user: User, volunteer_id, *, need=None) -> Volunteer:
    """The one lookup of a volunteer named by an id in a request (path, query or body).

    A volunteer reaches only themselves; a social worker a volunteer whose travel radius reaches
    one of their facilities (or the need of their organisation they act on); an administrator
    anyone not withdrawn. Everyone else, and every id outside that scope, gets
    Volunteer.DoesNotExist: an id one may not name looks like one that does not exist.
    """
    try:
        pk = int(volunteer_id)
    except (TypeError, ValueError, OverflowError):
        raise Volunteer.DoesNotExist from None
    if user.is_authenticated and user.role == Role.VOLUNTEER:
        return _with_details(Volunteer.objects.filter(user=user)).get(pk=pk)
    if not can_see_volunteers(user):
        raise Volunteer.DoesNotExist
    volunteer = volunteers_matchable().get(pk=pk)
    if user.is_city_admin:
        return volunteer
    points = [(f.lat, f.lon) for f in facility_list_visible_to(user)]
    if need is not None and need.organisation_id == user.organisation_id and need.location:
        points.append(need.location)
    if not _ids_within_reach(Volunteer.objects.filter(pk=pk), points):
        raise Volunteer.DoesNotExist
    return volunteer


def _ids_within_reach(
    rows: QuerySet[Volunteer] | list[Volunteer], points: list[tuple[float, float]]
) -> list[int]:
    """The ids of `rows` whose own radius reaches one of `points`, measured exactly."""
    if isinstance(rows, QuerySet):
        values = list(rows.order_by().values_list("id", "lat", "lon", "max_distance_km"))
    else:
        values = [(v.pk, v.lat, v.lon, v.max_distance_km) for v in rows]
    found = np.array(values, dtype=float)
    if not len(found) or not points:
        return []
    reach = np.zeros(len(found), dtype=bool)
    for lat, lon in points:
        reach |= haversine_km(found[:, 1], found[:, 2], lat, lon) <= found[:, 3]
    return found[reach, 0].astype(int).tolist()


def distance_km(volunteer: Volunteer, facility: Facility) -> float:
    return round(float(haversine_km(volunteer.lat, volunteer.lon, facility.lat, facility.lon)), 1)


# Ids of the active volunteers whose own radius may reach one of the points (lat, lon): at
# least every one within reach, as the matching pool last synced; None when there are more
# than `at_most` (keyword). The matchmaking app, built on this one, registers the pool's
# column scan at start-up.
reach_index: Hook[Callable[..., Sequence[int] | None]] = Hook(
    "reach index", registered_by="lotse.matchmaking"
)

# Who else sees a volunteer's contact data is decided by the placements app, built on this one
# (the facility side of a placement both sides agreed to); it registers its rule at start-up.
contact_rule: Hook[Callable[[User, Volunteer], bool]] = Hook(
    "contact release rule", registered_by="lotse.placements"
)


def contact_released_to(user: User, volunteer: Volunteer) -> bool:
    """E-mail, phone, full name and street: the volunteer, admins, and whom the registered
    rule of the placements app releases them to."""
    if not user.is_authenticated:
        return False
    if user.pk == volunteer.user_id or user.is_city_admin:
        return True
    return contact_rule(user, volunteer)


# ---------------------------------------------------------------------------
# Certificate of conduct (eFZ)
# ---------------------------------------------------------------------------
@dataclass(frozen=True)
class CertificateStatus:
    needed: bool  # the volunteer offers work with minors
    state: str  # "missing", "valid", "expiring", "expired" or "disqualified"
    valid_until: dt.date | None = None
    inspected_on: dt.date | None = None

    @property
    def is_valid(self) -> bool:
        return self.state in ("valid", "expiring")


def certificate_needed(volunteer: Volunteer) -> bool:
    # From the skills a profile page prefetched already; else one query for her few skills.
    return any(skill.certificate_by_default for skill in volunteer.skills.all())


def certificate_latest(volunteer: Volunteer, reader: User | None = None):
    """The newest inspection; every read by staff is logged (criminal-record data)."""
    newest = CertificateInspection.objects.filter(volunteer=volunteer)
    inspection = newest.order_by(*NEWEST_INSPECTION).first()
    if reader is not None and reader.pk != volunteer.user_id:
        audit.info(
            "certificate inspection of volunteer %s read by user %s", volunteer.pk, reader.pk
        )
        if inspection is not None:
            access_log_record(actor=reader, record=inspection, purpose=CERTIFICATE_READ_PURPOSE)
    return inspection


def certificate_status(
    volunteer: Volunteer, today: dt.date | None = None, reader: User | None = None
) -> CertificateStatus:
    today = today or timezone.localdate()
    needed = certificate_needed(volunteer)
    inspection = certificate_latest(volunteer, reader)
    if inspection is None:
        return CertificateStatus(needed, "missing")
    if inspection.disqualifying_conviction:
        return CertificateStatus(needed, "disqualified", None, inspection.inspected_on)
    until = inspection.valid_until()
    if until is None or until < today:
        return CertificateStatus(needed, "expired", until, inspection.inspected_on)
    state = "expiring" if (until - today).days <= EXPIRING_DAYS else "valid"
    return CertificateStatus(needed, state, until, inspection.inspected_on)


def signup_draft_of(user) -> dict | None:
    """The wizard's answers kept from an earlier session, if any."""
    draft = SignupDraft.objects.filter(user=user).first()
    return dict(draft.answers) if draft else None

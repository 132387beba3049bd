"""Reads scoped by role: what each user may see among organisations and facilities."""

from django.db.models import QuerySet

from lotse.core.roles import Role
from lotse.core.scope import EVERY_DISTRICT, scope_rows
from lotse.core.versioned import versioned

from .models import District, Facility, Neighbourhood, Organisation

ORGANISATIONS = "places.organisations"
# Every facility list kept per process (with its operator, neighbourhood and district), moved
# by a saved or deleted facility, operator, neighbourhood or district (receivers).
FACILITIES = "places.facilities"


def all_organisations() -> list[Organisation]:
    """Every operator by name, kept per process while their stamp stands (issue 21)."""
    return versioned(ORGANISATIONS, lambda: list(Organisation.objects.order_by("name")))


def organisations_visible_to(user) -> QuerySet[Organisation]:
    """Coordinators know every organisation; staff of one organisation only their own."""
    return scope_rows(user, Organisation.objects.all(), district=EVERY_DISTRICT, organisation="pk")


def facilities_visible_to(user) -> QuerySet[Facility]:
    """Volunteers see none: they see a facility's details only through an approved placement."""
    base = Facility.objects.select_related("organisation", "neighbourhood__district")
    return scope_rows(
        user,
        base,
        district="neighbourhood__district",
        organisation="organisation_id",
        facility="pk",
    )


def facility_list_visible_to(user) -> list[Facility]:
    """`facilities_visible_to` as a list. A social worker sees what her whole organisation
    sees (the scope rule's organisation rung), so that list is kept per process, one per
    organisation under the facilities' stamp: the decision queue's filter and the reach of
    her facilities read it on every request (issue 21). Everyone else's is read."""
    if (
        user.is_authenticated
        and not user.is_city_admin
        and user.role == Role.SOCIAL_WORKER
        and user.organisation_id
    ):
        rows = facilities_visible_to(user)
        return versioned(FACILITIES, lambda: list(rows), key=user.organisation_id)
    return list(facilities_visible_to(user))


def facilities_assigned_to(user) -> QuerySet[Facility]:
    """“My facilities”: those a staff member is assigned to, within what they may see."""
    return facilities_visible_to(user).filter(staff=user)


def districts_visible_to(user) -> QuerySet[District]:
    if user.is_authenticated and user.role == Role.COORDINATOR and not user.is_city_admin:
        return user.districts.all()
    return District.objects.all()


def neighbourhoods_all() -> QuerySet[Neighbourhood]:
    return Neighbourhood.objects.select_related("district")

"""Reads scoped by role: what each user may see among organisations and facilities."""

from django.db.models import QuerySet

from lotse.accounts.models import Role, User

from .models import District, Facility, Neighbourhood, Organisation


def organisations_visible_to(user: User) -> QuerySet[Organisation]:
    if not user.is_authenticated:
        return Organisation.objects.none()
    if user.is_city_admin or user.role == Role.COORDINATOR:
        return Organisation.objects.all()
    if user.role in (Role.SOCIAL_WORKER, Role.FACILITY_STAFF) and user.organisation_id:
        return Organisation.objects.filter(pk=user.organisation_id)
    return Organisation.objects.none()


def facilities_visible_to(user: User) -> QuerySet[Facility]:
    """Admins: all; coordinators: their districts; social workers: their organisation's;
    facility staff: the facilities they are assigned to; volunteers: none (they see a
    facility's details only through an approved placement)."""
    base = Facility.objects.select_related("organisation", "neighbourhood__district")
    if not user.is_authenticated:
        return base.none()
    if user.is_city_admin:
        return base.all()
    if user.role == Role.COORDINATOR:
        return base.filter(neighbourhood__district__in=user.districts.all())
    if user.role == Role.SOCIAL_WORKER and user.organisation_id:
        return base.filter(organisation_id=user.organisation_id)
    if user.role == Role.FACILITY_STAFF and user.organisation_id:
        return base.filter(organisation_id=user.organisation_id, staff=user)
    return base.none()


def facilities_assigned_to(user: User) -> QuerySet[Facility]:
    """“My facilities”: those a staff member is assigned to, within what they may see."""
    return facilities_visible_to(user).filter(staff=user)


def districts_visible_to(user: User) -> QuerySet[District]:
    if user.is_authenticated and user.role == Role.COORDINATOR and not user.is_city_admin:
        return user.districts.all()
    return District.objects.all()


def neighbourhoods_all() -> QuerySet[Neighbourhood]:
    return Neighbourhood.objects.select_related("district")

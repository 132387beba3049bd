"""The role-scope ladder, written once: which rows of a table each role may see as rows.

Administrators see every row; coordinators the rows in their districts; social workers their
organisation's; facility staff those of the facilities they are assigned to within their
organisation; volunteers their own. A table says how its rows lead to a district, an
organisation, a facility or a volunteer's user; a rung it gives no path for sees no rows.
The user is read by its attributes only, so every app may scope rows without `accounts`.
"""

from collections.abc import Callable

from django.db.models import Q, QuerySet

from .roles import Role

# As the district path: coordinators see every row (organisations are known city-wide).
EVERY_DISTRICT = Q()


def scope_q(
    user,
    *,
    district: str | Q | None = None,
    organisation: str | Callable[[int], Q] | None = None,
    facility: str | None = None,
    volunteer: str | None = None,
) -> Q | None:
    """The condition on rows that `user` may see; None means none."""
    if not user.is_authenticated:
        return None
    if user.is_city_admin:
        return Q()
    if user.role == Role.COORDINATOR:
        return _district_q(user, district)
    if user.role == Role.VOLUNTEER:
        return Q(**{volunteer: user}) if volunteer else None
    if user.role not in (Role.SOCIAL_WORKER, Role.FACILITY_STAFF) or not user.organisation_id:
        return None
    if user.role == Role.FACILITY_STAFF and facility:
        assigned = user.facilities.filter(organisation_id=user.organisation_id)
        return Q(**{f"{facility}__in": assigned})
    return _organisation_q(user.organisation_id, organisation)


def scope_rows(user, rows: QuerySet, **paths) -> QuerySet:
    """`rows` cut to what `user` may see; `paths` as for `scope_q`."""
    scope = scope_q(user, **paths)
    return rows.none() if scope is None else rows.filter(scope)


def _district_q(user, district: str | Q | None) -> Q | None:
    if isinstance(district, Q) or district is None:
        return district
    return Q(**{f"{district}__in": user.districts.all()})


def _organisation_q(organisation_id: int, organisation) -> Q | None:
    if organisation is None:
        return None
    if callable(organisation):
        return organisation(organisation_id)
    return Q(**{organisation: organisation_id})

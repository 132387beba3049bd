"""Who stands on which side of a placement: facts about one user and one placement."""

from lotse.accounts.models import Role, User

from .models import Placement


def is_own_volunteer(user: User, placement: Placement) -> bool:
    return (
        user.is_authenticated
        and user.role == Role.VOLUNTEER
        and placement.volunteer_id is not None
        and placement.volunteer.user_id == user.pk
    )


def is_deciding_social_worker(user: User, placement: Placement) -> bool:
    """A social worker of the organisation that runs the facility (or posted a district need)."""
    return (
        user.is_authenticated
        and user.role == Role.SOCIAL_WORKER
        and user.organisation_id is not None
        and user.organisation_id == placement.organisation_id
    )


def is_facility_staff(user: User, placement: Placement) -> bool:
    facility_id = placement.need.facility_id
    return (
        user.is_authenticated
        and user.role == Role.FACILITY_STAFF
        and facility_id is not None
        and user.organisation_id == placement.organisation_id
        and user.facilities.filter(pk=facility_id).exists()
    )


def is_staff_side(user: User, placement: Placement) -> bool:
    """Those who run the placement on the facility's side: its social workers and staff."""
    return is_deciding_social_worker(user, placement) or is_facility_staff(user, placement)

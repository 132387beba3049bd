from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from .models import Role

MFA_REQUIRED_MESSAGE = _("Staff accounts must set up two-factor authentication first.")


class IsActiveUserWithMFA(BasePermission):
    """Logged-in users; staff additionally need TOTP set up."""

    message = MFA_REQUIRED_MESSAGE

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return not user.needs_mfa_setup()


class HasRole(BasePermission):
    """Use as `HasRole.of(Role.SOCIAL_WORKER, Role.ADMIN)`."""

    roles: frozenset[str] = frozenset()
    message = _("Your role does not allow this.")

    @classmethod
    def of(cls, *roles: str) -> type["HasRole"]:
        return type("HasRoleOf", (cls,), {"roles": frozenset(roles)})

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(
            user and user.is_authenticated and (user.role in self.roles or user.is_superuser)
        )


IsStaffRole = HasRole.of(Role.SOCIAL_WORKER, Role.FACILITY_STAFF, Role.COORDINATOR, Role.ADMIN)
IsVolunteer = HasRole.of(Role.VOLUNTEER)

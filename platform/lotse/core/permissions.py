"""API permissions by role and second factor; they read only `request.user`'s attributes."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from lotse.core.errors import MFA_REQUIRED_MESSAGE

from .roles import STAFF_ROLES, Role


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


IsStaffRole = HasRole.of(*STAFF_ROLES)
IsVolunteer = HasRole.of(Role.VOLUNTEER)

"""The roles a user can have, and the gate that lets a page through to some of them.

Below `accounts` on purpose: every app may ask about a role without importing the user model.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    VOLUNTEER = "volunteer", _("Volunteer")
    SOCIAL_WORKER = "social_worker", _("Social worker")
    FACILITY_STAFF = "facility_staff", _("Facility staff")
    COORDINATOR = "coordinator", _("District coordinator")
    ADMIN = "admin", _("Administrator")


STAFF_ROLES = frozenset({Role.SOCIAL_WORKER, Role.FACILITY_STAFF, Role.COORDINATOR, Role.ADMIN})
ROLE_NOT_ALLOWED = _("Your role does not allow this page.")


def has_role(user, roles) -> bool:
    """One of `roles`; superusers count wherever administrators are listed."""
    return user.role in roles or (Role.ADMIN in roles and user.is_superuser)


def role_required(*roles: str, message=ROLE_NOT_ALLOWED, others_to: str | None = None):
    """Logged in and one of `roles`; anyone else gets a 403 saying `message`, or, for pages
    that are simply not theirs (a start page of another role), is sent to `others_to`."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if has_role(request.user, roles):
                return view(request, *args, **kwargs)
            if others_to:
                return redirect(others_to)
            raise PermissionDenied(message)

        return wrapped

    return decorator

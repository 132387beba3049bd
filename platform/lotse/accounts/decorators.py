"""Page access by role: one decorator for every app's views."""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

ROLE_NOT_ALLOWED = _("Your role does not allow this page.")


def role_required(*roles: str):
    """Logged in and one of `roles` (administrators pass wherever "admin" is listed)."""

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if user.role not in roles and not ("admin" in roles and user.is_superuser):
                raise PermissionDenied(ROLE_NOT_ALLOWED)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator

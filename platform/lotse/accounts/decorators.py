"""Page access by second factor; access by role is `lotse.core.roles.role_required`."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _

from .middleware import MFA_SETUP_URL_NAME

MFA_NEEDED_FOR_PAGE = _(
    "This page needs two-factor authentication. Set it up first, then come back to this page."
)


def mfa_required(view):
    """Only with a confirmed second factor (allauth.mfa TOTP), else off to set it up.

    StaffMFARequiredMiddleware already sends staff without one there; pages that hand out
    credentials check it themselves too, so that a change to the middleware's exempt paths
    cannot open them."""

    @login_required
    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.has_mfa():
            messages.warning(request, MFA_NEEDED_FOR_PAGE)
            return redirect(MFA_SETUP_URL_NAME)
        return view(request, *args, **kwargs)

    return wrapped

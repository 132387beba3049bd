"""Staff roles must set up TOTP before they can act anywhere on the site, and are logged out
when idle."""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

MFA_SETUP_URL_NAME = "mfa_activate_totp"
# Paths a staff user without MFA may still reach: login/logout/MFA set-up, language switch,
# static files. The API answers 403 through its permission class instead of a redirect.
ALLOWED_PREFIXES = ("/accounts/", "/i18n/", "/static/", "/api/", "/healthz")


class StaffMFARequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and user.needs_mfa_setup()
        ):
            messages.warning(
                request,
                _("Staff accounts must set up two-factor authentication before they can continue."),
            )
            return redirect(MFA_SETUP_URL_NAME)
        return self.get_response(request)


IDLE_LOGOUT_MESSAGE = gettext_lazy(
    "You were logged out after %(minutes)s minutes without activity. Please log in again."
)
LAST_SEEN_KEY = "lotse_staff_last_seen"
# Storing the time on every request would write the session on every request; a minute is
# precise enough for a timeout counted in tens of minutes.
TOUCH_EVERY_SECONDS = 60


class StaffIdleTimeoutMiddleware:
    """Staff sessions end after LOTSE_STAFF_IDLE_MINUTES without a request; volunteers keep
    the normal session age. Pages send the user to the login page with a message; the API
    goes on as for an anonymous caller (and so refuses)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        minutes = settings.LOTSE_STAFF_IDLE_MINUTES
        user = getattr(request, "user", None)
        if minutes > 0 and user is not None and user.is_authenticated and _is_staff(user):
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > minutes * 60:
                return self._log_out(request, minutes)
            if last_seen is None or now - last_seen >= TOUCH_EVERY_SECONDS:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)

    def _log_out(self, request, minutes: int):
        next_url = request.get_full_path()
        logout(request)
        if request.path.startswith("/api/"):
            return self.get_response(request)
        messages.info(request, IDLE_LOGOUT_MESSAGE % {"minutes": minutes})
        return redirect_to_login(next_url)


def _is_staff(user) -> bool:
    return user.is_staff_role or user.is_superuser

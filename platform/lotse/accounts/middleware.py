"""Staff roles must set up TOTP before they can act anywhere on the site."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _

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

"""allauth hooks: self sign-up creates volunteers; staff come from administrators."""

from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core import context as allauth_context
from allauth.core import ratelimit
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from lotse.core.client import client_ip
from notifications import conf as notifications_conf

from .models import Role

# What NOTIFICATIONS_SITE_URL says when nobody configured it (the demo's own address).
LOOPBACK_DEFAULT_SITE_URL = "http://127.0.0.1:8000"


def site_address(request) -> str:
    """The address links in account e-mails start with, without a trailing slash."""
    configured = notifications_conf.site_url()
    # Unconfigured, the request knows better: the demo may run on any host and port.
    if request is not None and configured in ("", LOOPBACK_DEFAULT_SITE_URL):
        return f"{request.scheme}://{request.get_host()}"
    return configured


def _moved_to_site(url: str, request, site: str) -> str:
    """allauth builds links from the request's host; point those at the site address."""
    parts = urlsplit(url)
    if request is None or parts.netloc != request.get_host():
        return url
    return site + parts._replace(scheme="", netloc="").geturl()


DEMO_LOGIN_REFUSED = _("Demo accounts cannot log in to a production installation.")


def is_demo_account(user) -> bool:
    return (user.email or "").lower().endswith("@" + settings.LOTSE_DEMO_DOMAIN)


class AccountAdapter(DefaultAccountAdapter):
    def _get_login_attempts_cache_key(self, request, **credentials):
        """Failed logins count per account and client address together."""
        key = super()._get_login_attempts_cache_key(request, **credentials)
        return f"{key}:{client_ip(request)}"

    def pre_authenticate(self, request, **credentials):
        """Attempts on one account from all addresses together: a distributed guess."""
        login = (credentials.get("email") or credentials.get("username") or "").lower()
        if not ratelimit.consume(request, action="login_failed_account", key=login):
            raise self.validation_error("too_many_login_attempts")
        super().pre_authenticate(request, **credentials)

    def pre_login(self, request, user, **kwargs):
        """Demo accounts have a public password and TOTP secret: never in production."""
        if settings.LOTSE_PRODUCTION and is_demo_account(user):
            raise PermissionDenied(DEMO_LOGIN_REFUSED)
        return super().pre_login(request, user, **kwargs)

    def save_user(self, request, user, form, commit=True):
        user.role = Role.VOLUNTEER
        # The language she signed up in is hers from the start (pages, e-mails).
        lang = getattr(request, "LANGUAGE_CODE", "") or settings.LANGUAGE_CODE
        known = {code for code, _name in settings.LANGUAGES}
        user.preferred_language = lang if lang in known else settings.LANGUAGE_CODE
        return super().save_user(request, user, form, commit=commit)

    def get_login_redirect_url(self, request):
        return reverse("web:start")

    def send_mail(self, template_prefix, email, context):
        # Every allauth e-mail passes here, whichever flow built its links (confirmation,
        # password reset, sign-up, unknown account), so the address is decided once.
        request = allauth_context.request
        site = site_address(request)
        links = {
            name: _moved_to_site(value, request, site)
            for name, value in context.items()
            if name.endswith("_url") and isinstance(value, str)
        }
        branding = {"site_url": site, "city_name": settings.LOTSE_CITY_NAME}
        super().send_mail(template_prefix, email, {**context, **links, **branding})

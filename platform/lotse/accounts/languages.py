"""Which language a page is in: the visitor's choice, kept on her account, and staff pages.

- Before login: Django's LocaleMiddleware (the cookie set by the switcher, else the browser's
  Accept-Language, else German).
- At login: a choice made before login is stored on the account; a browser without a choice
  gets the account's language (cookie), so it is kept on every device.
- Staff pages: a staff member (social worker, facility staff, coordinator, administrator) sees
  every page except the public ones in her staff language (German or English), never a mix.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.urls import Resolver404, resolve
from django.utils import translation
from django.utils.translation import gettext, gettext_noop
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language

from .services import user_language_set

# Pages meant for everyone (residents, the public); in any language, also for staff.
PUBLIC_PAGES = frozenset({
    "web:home",
    "web:imprint",
    "safeguarding:new",
    "safeguarding:thanks",
    "safeguarding:status",
    "privacy:notice",
    "dashboard:transparency",
    "dashboard:transparency_csv",
})  # fmt: skip
STAFF_PAGES_STAY = gettext_noop(
    "Staff pages stay in German or English; the public pages and the messages to volunteers "
    "use the language you chose."
)
RESTORED = "lotse_restored_language"  # request attribute: the account's language, for the cookie
# Outside the pages: the API answers in the client's Accept-Language; files need no language.
UNTOUCHED_PREFIXES = ("/api/", "/static/", "/i18n/", "/healthz", "/readyz", "/metrics")


def interface_language(code: str | None) -> str | None:
    """`code` if it is one of settings.LANGUAGES, else None."""
    known = {lang for lang, _name in settings.LANGUAGES}
    return code if code in known else None


def is_public_page(path_info: str) -> bool:
    try:
        match = resolve(path_info)
    except Resolver404:
        return True  # the 404 page speaks the visitor's language
    return match.view_name in PUBLIC_PAGES


def is_staff_page(request) -> bool:
    """A page a staff member reads as staff: every page of hers but the public ones."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.is_staff_role:
        return False
    if request.path_info.startswith(UNTOUCHED_PREFIXES):
        return False
    return not is_public_page(request.path_info)


class UserLanguageMiddleware:
    """After authentication: German/English on staff pages; at login, the account's language
    into a browser that had none."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        linked = _linked_language(request)
        if linked:  # a link from a message, e.g. /placements/7/?lang=ar
            translation.activate(linked)
            request.LANGUAGE_CODE = linked
            setattr(request, RESTORED, linked)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and is_staff_page(request):
            translation.activate(user.language_for_staff_work(translation.get_language()))
            request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        restored = getattr(request, RESTORED, None)
        if restored:
            _set_cookie(response, restored)
        return response


def _linked_language(request) -> str | None:
    """The language a link names (`?lang=`), if it is one of ours; an unknown code is ignored."""
    if request.method != "GET" or request.path_info.startswith(UNTOUCHED_PREFIXES):
        return None
    return interface_language(request.GET.get(settings.LOTSE_LANGUAGE_PARAMETER))


def _set_cookie(response, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


@require_POST
def set_language(request):
    """Django's switcher (cookie, works without login and without JavaScript), then the account."""
    response = django_set_language(request)
    language = interface_language(request.POST.get("language"))
    user = request.user
    if language and user.is_authenticated:
        user_language_set(user=user, language=language)
        if user.is_staff_role and language not in settings.LOTSE_STAFF_LANGUAGES:
            with translation.override(user.language_for_staff_work(language)):
                messages.info(request, gettext(STAFF_PAGES_STAY))
    return response


@receiver(user_logged_in, dispatch_uid="lotse.accounts.languages.keep_choice")
def keep_choice_at_login(sender, request, user, **kwargs) -> None:
    """A language chosen before login becomes the account's; else the account's is restored
    (the middleware puts it in this browser's cookie with the login's response)."""
    cookies = getattr(request, "COOKIES", None) or {}
    chosen = interface_language(cookies.get(settings.LANGUAGE_COOKIE_NAME))
    if chosen and chosen != user.preferred_language:
        user_language_set(user=user, language=chosen)
    elif not chosen and request is not None and interface_language(user.preferred_language):
        setattr(request, RESTORED, user.preferred_language)

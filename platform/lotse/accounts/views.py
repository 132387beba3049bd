"""The staff's API token page: their own tokens, a new one (its key shown once), revoking."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from lotse.core.roles import role_required

from . import tokens
from .decorators import mfa_required
from .forms import ApiTokenForm
from .models import STAFF_ROLES, ApiToken, Role, User

# The new key travels from the POST to the page after the redirect in a short-lived signed
# cookie, never in the session: the database must not hold a key in clear, even for a moment.
NEW_KEY_COOKIE = "lotse_new_api_token"
NEW_KEY_SALT = "lotse.accounts.views.new-api-token"
NEW_KEY_SECONDS = 300

STAFF = tuple(sorted(STAFF_ROLES))


@role_required(*STAFF)
@mfa_required
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            token, key = tokens.token_create(user=request.user, **form.token_input())
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("The token “%(name)s” is created.") % {"name": token.name})
            return _with_key_for_next_page(redirect("accounts:api_tokens"), key)
    new_token, key = _key_to_show(request)
    scope = account_scope(request.user)
    context = {
        "form": form,
        "tokens": _with_scope_text(tokens.tokens_of(request.user), request.user, scope),
        "new_token": new_token,
        "new_key": key,
        "account_scope": scope,
        "retention_days": settings.LOTSE_API_TOKEN_RETENTION_DAYS,
    }
    response = render(request, "accounts/api_tokens.html", context)
    if NEW_KEY_COOKIE in request.COOKIES:  # shown once: gone for the next view
        response.delete_cookie(NEW_KEY_COOKIE, path=reverse("accounts:api_tokens"))
    response["Cache-Control"] = "no-store"
    return response


@role_required(*STAFF)
@mfa_required
@require_http_methods(["GET", "POST"])
def api_token_revoke(request, pk: int):
    token = get_object_or_404(tokens.tokens_of(request.user), pk=pk)
    if token.is_revoked():
        messages.info(request, _("This token was already revoked."))
        return redirect("accounts:api_tokens")
    if request.method == "POST":
        tokens.token_revoke(token=token)
        messages.success(
            request,
            _("The token “%(name)s” is revoked: every request with it is refused from now on.")
            % {"name": token.name or token.prefix},
        )
        return redirect("accounts:api_tokens")
    return render(request, "accounts/api_token_revoke.html", {"token": token})


def account_scope(user: User) -> str:
    """What a read-write token of this user reaches, in words (the selectors' role ladder)."""
    if user.is_city_admin:
        return _("the whole city, as your administrator account")
    if user.role == Role.COORDINATOR:
        names = ", ".join(d.name for d in user.districts.order_by("name"))
        return _("your districts: %(names)s") % {"names": names or "–"}
    if user.organisation_id:
        if user.role == Role.FACILITY_STAFF:
            return _("your facilities of %(name)s") % {"name": user.organisation}
        return str(user.organisation)
    return _("nothing yet: an administrator has not assigned you an organisation")


def _with_scope_text(rows, user: User, scope: str) -> list[ApiToken]:
    """Each token's reach: the account's, or refused once the account left its organisation."""
    own = tokens.organisation_scope(user)
    rows = list(rows)
    for token in rows:
        token.scope_text = scope
        if token.organisation_id and token.organisation_id != own:
            token.scope_text = _(
                "%(name)s, which is no longer your organisation: the token is refused"
            ) % {"name": token.organisation}
    return rows


def _with_key_for_next_page(response, key: str):
    response.set_signed_cookie(
        NEW_KEY_COOKIE,
        key,
        salt=NEW_KEY_SALT,
        max_age=NEW_KEY_SECONDS,
        path=reverse("accounts:api_tokens"),
        secure=settings.SESSION_COOKIE_SECURE,
        httponly=True,
        samesite="Strict",
    )
    return response


def _key_to_show(request) -> tuple[ApiToken | None, str]:
    """The key created just before, if it is this user's usable token; else nothing."""
    key = request.get_signed_cookie(
        NEW_KEY_COOKIE, default="", salt=NEW_KEY_SALT, max_age=NEW_KEY_SECONDS
    )
    token = tokens.token_for_key(key) if key else None
    if token is None or token.user_id != request.user.pk or not token.is_usable():
        return None, ""
    return token, key

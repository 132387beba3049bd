"""`Authorization: Token <key>` (the documented form) or `Bearer <key>` for API clients."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS

from . import tokens

KEYWORDS = (b"token", b"bearer")
TOKEN_EXPIRED = _("This token has expired. Ask your administrator for a new one.")
TOKEN_REVOKED = _("This token has been revoked. Create a new one or ask your administrator.")
TOKEN_SCOPE_CHANGED = _(
    "This token was issued for another organisation than the one your account now belongs to."
)
TOKEN_READ_ONLY = _("This token is read-only: it may only read (GET, HEAD, OPTIONS).")


class ApiTokenAuthentication(BaseAuthentication):
    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in KEYWORDS:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Invalid token header: give the keyword and the key, separated by one space.")
            )
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from None
        token = tokens.token_for_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid token."))
        # The codes are the problem document's (lotse.api.errors): clients tell them apart.
        if token.is_revoked():
            raise exceptions.AuthenticationFailed(TOKEN_REVOKED, code="token-revoked")
        if token.is_expired():
            raise exceptions.AuthenticationFailed(TOKEN_EXPIRED, code="token-expired")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This account is deactivated."))
        if token.organisation_id and token.organisation_id != tokens.organisation_scope(token.user):
            raise exceptions.AuthenticationFailed(TOKEN_SCOPE_CHANGED)
        if token.read_only and request.method not in SAFE_METHODS:
            # Refused here, for every view: views choose their own permission classes.
            raise exceptions.PermissionDenied(TOKEN_READ_ONLY, code="token-read-only")
        tokens.note_use(token)
        return token.user, token

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = ApiTokenAuthentication
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "An API token, created by staff on their account page (/account/api-tokens/) "
                "or by `manage.py drf_create_token EMAIL`, sent as "
                "`Authorization: Bearer <key>` or `Authorization: Token <key>`. A read-only "
                "token may only GET, HEAD and OPTIONS."
            ),
        }

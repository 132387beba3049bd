"""`Authorization: Token <key>` (the documented form) or `Bearer <key>` for API clients."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header

from . import tokens

KEYWORDS = (b"token", b"bearer")
TOKEN_EXPIRED = _("This token has expired. Ask your administrator for a new one.")


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
        if token.is_expired():
            # The code is the problem document's (lotse.web.api_errors): clients tell it apart.
            raise exceptions.AuthenticationFailed(TOKEN_EXPIRED, code="token-expired")
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("This account is deactivated."))
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
                "An API token from `manage.py drf_create_token EMAIL`, sent as "
                "`Authorization: Bearer <key>` or `Authorization: Token <key>`."
            ),
        }

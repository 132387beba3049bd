"""Rate limits for the public concern form and API (anonymous spam), on the shared cache."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework.throttling import SimpleRateThrottle

from lotse.api.ratelimit import RateLimitHeadersMixin

TOO_MANY_CONCERNS = _(
    "You have sent several concerns in a short time. Please wait a while, or call the "
    "facility's contact person."
)


class ConcernRateThrottle(RateLimitHeadersMixin, SimpleRateThrottle):
    """Per account when logged in, else per IP address; the same limit for page and API (the
    API's answers state it in RateLimit-* fields)."""

    scope = "concerns"

    def get_rate(self):
        return settings.LOTSE_CONCERN_RATE

    def get_cache_key(self, request, view):
        user = getattr(request, "user", None)
        ident = f"user-{user.pk}" if user is not None and user.is_authenticated else None
        return self.cache_format % {"scope": self.scope, "ident": ident or self.get_ident(request)}


def concern_rate_exceeded(request) -> bool:
    """For the page: consume one attempt; True when the limit is reached."""
    return not ConcernRateThrottle().allow_request(request, None)


class ConcernStatusThrottle(ConcernRateThrottle):
    """Looking up a status by reference code: more generous, but no guessing at scale."""

    scope = "concern_status"

    def get_rate(self):
        return settings.LOTSE_CONCERN_STATUS_RATE


def concern_status_rate_exceeded(request) -> bool:
    return not ConcernStatusThrottle().allow_request(request, None)

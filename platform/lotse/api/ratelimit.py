"""Rate limits a client can see (issue 19): every answer of a throttled API operation states
the limit, what is left of it and when the window frees a request, in the three fields of the
IETF httpapi draft (draft-ietf-httpapi-ratelimit-headers-06) plus its policy field:

    RateLimit-Limit: 5            RateLimit-Remaining: 3
    RateLimit-Reset: 3412         RateLimit-Policy: 5;w=3600

A throttle built on `RateLimitHeadersMixin` records its state when `allow_request` runs and
hands the fields to the view's `headers`, which DRF copies onto whatever the view answers —
the success, a 400, the 429 (`APIView.finalize_response`). When several throttles apply, the
one closest to its limit is reported and the policy lists them all. The page-side callers
(`concern_rate_exceeded`) pass no view: the state is only recorded on the request."""

import math
from dataclasses import dataclass

from rest_framework import throttling

# The state of every throttle that ran, on the underlying HttpRequest.
REQUEST_ATTRIBUTE = "lotse_rate_limits"
FIELDS = ("RateLimit-Limit", "RateLimit-Remaining", "RateLimit-Reset", "RateLimit-Policy")


@dataclass(frozen=True)
class RateLimit:
    """One throttle as a request leaves it; `reset` in whole seconds."""

    limit: int
    remaining: int
    reset: int
    window: int

    @property
    def policy(self) -> str:
        return f"{self.limit};w={self.window}"

    def urgency(self) -> tuple[int, int]:
        """Sorts the one closest to its limit first: fewest left, then the longest wait."""
        return (self.remaining, -self.reset)


def rate_limit_headers(limits: list[RateLimit]) -> dict[str, str]:
    closest, *_ = ordered = sorted(limits, key=RateLimit.urgency)
    policies = list(dict.fromkeys(limit.policy for limit in ordered))
    return {
        "RateLimit-Limit": str(closest.limit),
        "RateLimit-Remaining": str(closest.remaining),
        "RateLimit-Reset": str(closest.reset),
        "RateLimit-Policy": ", ".join(policies),
    }


class RateLimitHeadersMixin:
    """For a `SimpleRateThrottle`: records its state on the request and the view's headers."""

    def allow_request(self, request, view):
        allowed = super().allow_request(request, view)
        if self.rate is not None and getattr(self, "key", None) is not None:
            _record(request, view, self.rate_limit())
        return allowed

    def rate_limit(self) -> RateLimit:
        remaining = max(self.num_requests - len(self.history), 0)
        return RateLimit(self.num_requests, remaining, math.ceil(self.wait()), self.duration)

    def wait(self) -> float:
        """Seconds until the window frees a request (DRF's own spreads the rest of the window
        over the requests left, and has no answer once a lowered rate leaves more requests
        counted than it allows: the 429 would go out without Retry-After)."""
        # history is newest first; once the entry at the limit's place leaves the window,
        # fewer requests than the limit remain counted.
        counted = self.history[: self.num_requests]
        if not counted:
            return float(self.duration)
        return max(self.duration - (self.now - counted[-1]), 0.0)


def _record(request, view, limit: RateLimit) -> None:
    http_request = getattr(request, "_request", request)
    limits = [*getattr(http_request, REQUEST_ATTRIBUTE, ()), limit]
    setattr(http_request, REQUEST_ATTRIBUTE, limits)
    headers = getattr(view, "headers", None)
    if isinstance(headers, dict):
        headers.update(rate_limit_headers(limits))


class AnonRateThrottle(RateLimitHeadersMixin, throttling.AnonRateThrottle):
    """DRF's, with the fields: what DEFAULT_THROTTLE_CLASSES would name."""


class UserRateThrottle(RateLimitHeadersMixin, throttling.UserRateThrottle):
    """DRF's, with the fields: what DEFAULT_THROTTLE_CLASSES would name."""

"""The client's address as the trusted proxies in front of Lotse report it.

One setting, LOTSE_TRUSTED_PROXY_COUNT, decides for every reader: allauth's login limits
(ALLAUTH_TRUSTED_PROXY_COUNT), DRF's throttles (NUM_PROXIES) and this function, which reads the
address the way DRF does. With 0 (no proxy) X-Forwarded-For is ignored, so a client cannot
choose the address its requests are counted under; behind one nginx that sets
`X-Forwarded-For $remote_addr` it is 1 (docs/deployment.md)."""

from rest_framework.throttling import BaseThrottle


def client_ip(request) -> str:
    return BaseThrottle().get_ident(request)

"""Limits that hold behind the documented proxy (issue 17, finding 3): one setting,
LOTSE_TRUSTED_PROXY_COUNT, decides which address a request is counted under — for allauth's
login limits, DRF's throttles and our own code. A client cannot pick its address with
X-Forwarded-For, and a stranger who knows an e-mail address cannot lock its owner out."""

import pytest
from django.core.cache import cache
from django.test import Client

from lotse.core.client import client_ip
from lotse.settings.base import ACCOUNT_RATE_LIMITS

from ..factories import PASSWORD

pytestmark = pytest.mark.django_db
PROXY = "10.9.9.9"  # nginx on another machine: every request arrives from it


@pytest.fixture(autouse=True)
def limits_on(settings):
    cache.clear()
    settings.ACCOUNT_RATE_LIMITS = ACCOUNT_RATE_LIMITS
    settings.LOTSE_CONCERN_RATE = "3/h"
    yield settings
    cache.clear()


def _behind_proxies(settings, count: int) -> None:
    settings.LOTSE_TRUSTED_PROXY_COUNT = count
    settings.ALLAUTH_TRUSTED_PROXY_COUNT = count
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "NUM_PROXIES": count}


def _concern(client, facility, **headers):
    body = {"facility": facility.pk, "category": "other", "text": "Die Tür klemmt."}
    return client.post("/api/v1/concerns/", body, "application/json", **headers).status_code


def test_without_a_proxy_a_forged_forwarded_for_does_not_lift_the_concern_limit(facility_a1):
    # The default settings: no proxy, so X-Forwarded-For is the client's own words.
    client = Client(REMOTE_ADDR="203.0.113.5")
    codes = [
        _concern(client, facility_a1, HTTP_X_FORWARDED_FOR=f"198.51.100.{n}") for n in range(4)
    ]
    assert codes == [201, 201, 201, 429]


def test_behind_nginx_each_client_has_its_own_concern_limit(settings, facility_a1):
    _behind_proxies(settings, 1)
    client = Client(REMOTE_ADDR=PROXY)
    first = [_concern(client, facility_a1, HTTP_X_FORWARDED_FOR="198.51.100.1") for _ in range(4)]
    other = _concern(client, facility_a1, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert (first, other) == ([201, 201, 201, 429], 201)


def test_behind_nginx_only_the_address_nginx_wrote_counts(settings, facility_a1):
    """nginx sets `X-Forwarded-For $remote_addr`; with `$proxy_add_x_forwarded_for` a client's
    own header would come first — the last entry (the one nginx added) is the one read."""
    _behind_proxies(settings, 1)
    client = Client(REMOTE_ADDR=PROXY)
    codes = [
        _concern(client, facility_a1, HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 198.51.100.7")
        for n in range(4)
    ]
    assert codes == [201, 201, 201, 429]


def test_the_platform_reads_the_same_address_as_the_throttles(settings, rf):
    _behind_proxies(settings, 1)
    request = rf.get("/", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7")
    assert client_ip(request) == "198.51.100.7"
    _behind_proxies(settings, 0)
    assert client_ip(request) == PROXY


def _fail_login(client, email, **headers):
    client.post("/accounts/login/", {"login": email, "password": "wrong-guess"}, **headers)


def test_failed_logins_with_invented_addresses_do_not_lock_out_everyone(settings, victor):
    _behind_proxies(settings, 1)
    attacker = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.66")
    for n in range(12):
        _fail_login(attacker, f"nobody{n}@example.org")
    victim = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.10")
    victim.post("/accounts/login/", {"login": victor.email, "password": PASSWORD})
    assert victim.session.get("_auth_user_id") == str(victor.pk)


def test_a_stranger_who_knows_my_address_cannot_lock_me_out(settings, victor):
    _behind_proxies(settings, 1)
    stranger = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.66")
    for _ in range(6):
        _fail_login(stranger, victor.email)
    me = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="192.0.2.10")
    me.post("/accounts/login/", {"login": victor.email, "password": PASSWORD})
    assert me.session.get("_auth_user_id") == str(victor.pk)


def test_the_stranger_is_still_stopped_after_five_guesses(settings, victor):
    _behind_proxies(settings, 1)
    stranger = Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.66")
    for _ in range(5):
        _fail_login(stranger, victor.email)
    stranger.post("/accounts/login/", {"login": victor.email, "password": PASSWORD})
    assert "_auth_user_id" not in stranger.session

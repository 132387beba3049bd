"""Logins timed apart from the page mix (issue 21): the password hash alone for several hashers,
and whole logins through the login form as a browser sends them (CSRF token included)."""

import math
import time
from collections.abc import Callable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import (
    Argon2PasswordHasher,
    BasePasswordHasher,
    PBKDF2PasswordHasher,
    get_hasher,
)
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from lotse.accounts.models import User

BENCH_PASSWORD = "a-long-benchmark-passphrase"  # noqa: S105 (a throwaway account, rolled back)
HEADER = f"{'case':<58} {'wall p50':>9} {'p95':>7} {'CPU p50':>8} {'p95':>7}   (ms)"


class OwaspMinimumArgon2Hasher(Argon2PasswordHasher):
    """OWASP's minimum for Argon2id (Password Storage Cheat Sheet), for comparison only."""

    time_cost = 2
    memory_cost = 19 * 1024
    parallelism = 1


@dataclass
class Timing:
    label: str
    wall_ms: list[float]
    cpu_ms: list[float]

    def row(self) -> str:
        wall, cpu = self.wall_ms, self.cpu_ms
        return (
            f"{self.label:<58} {_p(wall, 50):>9.1f} {_p(wall, 95):>7.1f}"
            f" {_p(cpu, 50):>8.1f} {_p(cpu, 95):>7.1f}"
        )

    @property
    def cpu_p50(self) -> float:
        return _p(self.cpu_ms, 50)


def _p(values: list[float], percent: int) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(percent / 100 * len(ordered)) - 1)]


def timed(label: str, call: Callable[[], object], repeat: int) -> Timing:
    timing = Timing(label, [], [])
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()  # CPU of all threads (lanes)
        call()
        timing.wall_ms.append((time.perf_counter() - wall) * 1000)
        timing.cpu_ms.append((time.process_time() - cpu) * 1000)
    return timing


def describe(hasher: BasePasswordHasher) -> str:
    if isinstance(hasher, Argon2PasswordHasher):
        return (
            f"argon2id t={hasher.time_cost} m={hasher.memory_cost // 1024} MiB"
            f" p={hasher.parallelism}"
        )
    if isinstance(hasher, PBKDF2PasswordHasher):
        return f"{hasher.algorithm} {hasher.iterations:,} iterations"
    return hasher.algorithm


def hasher_timings(repeat: int) -> list[Timing]:
    configured = get_hasher("default")
    cases = [
        ("configured", configured),
        ("Django's Argon2 defaults", Argon2PasswordHasher()),
        ("OWASP minimum", OwaspMinimumArgon2Hasher()),
        ("Django's PBKDF2", PBKDF2PasswordHasher()),
    ]
    return [timed(f"hash: {name}, {describe(h)}", _hashing(h), repeat) for name, h in cases]


def _hashing(hasher: BasePasswordHasher) -> Callable[[], str]:
    return lambda: hasher.encode(BENCH_PASSWORD, hasher.salt())


def login_timings(repeat: int) -> list[Timing]:
    """Log a throwaway volunteer in `repeat` times, then fail as often; nothing is kept."""
    with transaction.atomic(), _bench_settings():
        user = _throwaway_volunteer()
        form = lambda: _login_form(Client(enforce_csrf_checks=True))  # noqa: E731
        good = lambda: _login(user, BENCH_PASSWORD)  # noqa: E731
        bad = lambda: _login(user, "not-the-passphrase", expect=False)  # noqa: E731
        timings = [
            timed("login form (GET)", form, repeat),
            timed("login (GET form + POST, logged in)", good, repeat),
            timed("failed login (GET form + POST, wrong password)", bad, repeat),
        ]
        transaction.set_rollback(True)
    return timings


def _bench_settings():
    # The test client's host; allauth's rate limits would stop the repetitions after 30 logins.
    return override_settings(
        ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"], ACCOUNT_RATE_LIMITS=False
    )


def _throwaway_volunteer() -> User:
    # Not the demo domain: a production-like configuration refuses demo accounts.
    email = "login-bench@bench.lotse.invalid"
    user = User.objects.create_user(email=email, password=BENCH_PASSWORD)
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    return user


def _login_form(client: Client) -> str:
    response = client.get(reverse("account_login"))
    if response.status_code != 200:
        raise RuntimeError(f"login form answered {response.status_code}")
    return client.cookies[settings.CSRF_COOKIE_NAME].value


def _login(user: User, password: str, *, expect: bool = True) -> None:
    client = Client(enforce_csrf_checks=True)
    token = _login_form(client)
    data = {"login": user.email, "password": password, "csrfmiddlewaretoken": token}
    response = client.post(reverse("account_login"), data)
    logged_in = client.session.get("_auth_user_id") == str(user.pk)
    if logged_in != expect or response.status_code >= 400:
        raise RuntimeError(f"login answered {response.status_code}, logged in: {logged_in}")

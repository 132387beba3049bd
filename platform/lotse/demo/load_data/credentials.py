"""Logins of the load-test data set; the locust file builds the same names from the same rules.

Load-test data only: never build it in a database real people use.
"""

EMAIL_DOMAIN = "load.lotse.local"
LOAD_PASSWORD = "lotse-load-2026"  # noqa: S105 - synthetic accounts of the load test
LOAD_TOTP_SECRET = "KRUGS4ZANRXWC2BAORSXG5BAONSWGZLU"  # noqa: S105 - same, base32


def volunteer_email(n: int) -> str:
    return f"load-v-{n:06d}@{EMAIL_DOMAIN}"


def social_worker_email(organisation: int, k: int) -> str:
    return f"load-sw-{organisation:02d}-{k:03d}@{EMAIL_DOMAIN}"


def coordinator_email(k: int) -> str:
    return f"load-co-{k:03d}@{EMAIL_DOMAIN}"


def admin_email() -> str:
    return f"load-admin@{EMAIL_DOMAIN}"

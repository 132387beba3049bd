"""runserver on PostgreSQL must not keep a connection per request thread (issue 17, finding 8):
60 requests held 28 backends. Persistent connections only under production settings."""

import subprocess
import sys

import pytest

POSTGRES = "postgres://postgres@127.0.0.1:5432/lotse"
PROD_ENV = {
    "DJANGO_SECRET_KEY": "x" * 60,
    "DJANGO_ALLOWED_HOSTS": "lotse.example.org",
}


def _conn_max_age(module: str, **env) -> int:
    code = (
        "import sys; sys.path[:0] = ['.', 'platform']; import importlib; "
        f"print(importlib.import_module('{module}').DATABASES['default']['CONN_MAX_AGE'])"
    )
    done = subprocess.run(  # noqa: S603 - our own interpreter and settings module
        [sys.executable, "-c", code],
        env={"DATABASE_URL": POSTGRES, "PATH": "/usr/bin:/bin", **env},
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return int(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("module", ["lotse.settings.dev", "lotse.settings.test"])
def test_development_opens_one_connection_per_request(module):
    assert _conn_max_age(module) == 0


def test_production_keeps_connections_for_its_workers():
    assert _conn_max_age("lotse.settings.prod", **PROD_ENV) == 60

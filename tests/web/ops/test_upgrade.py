"""An upgrade: today's migrations run on a database holding data of an older release.

`data/release-0.1.0-1383b58.sql` is a pg_dump (plain SQL) of release 0.1.0 (commit 1383b58)
after `seed_demo --volunteers 10 --needs 5`. It is restored into a new database and migrated
by `manage.py migrate`, as docs/deployment.md tells the city to upgrade.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db.migrations.loader import MigrationLoader

from lotse.ops.backup import _connect, _env, drop_database

RELEASE_DUMP = Path(__file__).parent / "data" / "release-0.1.0-1383b58.sql"


@pytest.fixture
def old_release(postgres):
    """A new database holding release 0.1.0's schema and data."""
    name = f"{postgres['NAME']}_upgrade"
    drop_database(name=name)
    with _connect(postgres, postgres["NAME"]) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    subprocess.run(
        ["psql", "--quiet", "-v", "ON_ERROR_STOP=1", "--single-transaction",
         "--dbname", name, "--file", str(RELEASE_DUMP)],
        env=_env(postgres), check=True, capture_output=True, timeout=120,
    )  # fmt: skip
    yield name
    drop_database(name=name)


def _manage(name: str, postgres: dict, *args: str) -> subprocess.CompletedProcess:
    url = (
        f"postgres://{postgres['USER']}:{postgres.get('PASSWORD') or ''}@"
        f"{postgres.get('HOST') or '127.0.0.1'}:{postgres.get('PORT') or 5432}/{name}"
    )
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "lotse.settings.test"}
    return subprocess.run(
        [sys.executable, str(settings.BASE_DIR / "manage.py"), *args],
        env=env, capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_it_migrates_a_database_of_an_older_release_and_keeps_its_data(postgres, old_release):
    with _connect(postgres, old_release) as conn:
        before = {
            "volunteers": sorted(conn.execute("SELECT id, lat, lon FROM volunteers_volunteer")),
            "needs": sorted(conn.execute("SELECT id, title, schedule FROM needs_need")),
            "users": sorted(conn.execute("SELECT id, email FROM accounts_user")),
        }
    assert len(before["volunteers"]) == 10 and len(before["needs"]) == 5

    migrated = _manage(old_release, postgres, "migrate", "--noinput")
    assert migrated.returncode == 0, migrated.stderr
    with _connect(postgres, old_release) as conn:
        applied = set(conn.execute("SELECT app, name FROM django_migrations"))
        assert set(MigrationLoader(None).graph.leaf_nodes()) <= applied
        assert before["volunteers"] == sorted(
            conn.execute("SELECT id, lat, lon FROM volunteers_volunteer")
        )
        assert before["needs"] == sorted(conn.execute("SELECT id, title, schedule FROM needs_need"))
        assert before["users"] == sorted(conn.execute("SELECT id, email FROM accounts_user"))
        assert conn.execute("SELECT count(*) FROM placements_placement").fetchone() == (0,)

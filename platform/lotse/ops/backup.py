"""Backup and restore of the PostgreSQL database with pg_dump / pg_restore (docs/backup.md).

A restore goes into a new, empty database and is all or nothing: the archive is read first
(a corrupt file is refused before anything is created), the restore runs in one transaction
that stops at the first error, and a database this module created is dropped again if the
restore fails. The live database is never overwritten: switch DATABASE_URL when satisfied.
"""

import os
import shutil
import subprocess
from pathlib import Path

import psycopg
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from psycopg import sql

NOT_POSTGRES = _("Backups with pg_dump need PostgreSQL; this database is %(engine)s.")
TOOL_MISSING = _("%(tool)s is not installed (Debian: apt-get install postgresql-client).")
DUMP_FAILED = _("pg_dump failed: %(error)s")
NOT_AN_ARCHIVE = _("%(path)s is not a readable pg_dump archive: %(error)s")
TARGET_NOT_EMPTY = _(
    "Database %(name)s already exists and holds tables; restore into a new, empty database."
)
RESTORE_FAILED = _("The restore failed and nothing was restored: %(error)s")
FORMAT_ARGS = ("--format=custom", "--no-owner", "--no-privileges")


class BackupError(Exception):
    pass


def _database(db: dict | None) -> dict:
    db = db or settings.DATABASES["default"]
    if db["ENGINE"] != "django.db.backends.postgresql":
        raise BackupError(NOT_POSTGRES % {"engine": db["ENGINE"].rsplit(".", 1)[-1]})
    return db


def _env(db: dict) -> dict:
    """Connection settings for the pg tools as PG* variables (a password never in argv)."""
    env = {**os.environ}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER")):
        if db.get(key):
            env[var] = str(db[key])
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return env


def _run(tool: str, args: list[str], db: dict) -> subprocess.CompletedProcess:
    if shutil.which(tool) is None:
        raise BackupError(TOOL_MISSING % {"tool": tool})
    return subprocess.run(  # noqa: S603 - fixed tool, arguments built here, no shell
        [tool, *args], env=_env(db), capture_output=True, text=True, check=False
    )


def _last_error(process: subprocess.CompletedProcess) -> str:
    if process.returncode < 0:  # pg_restore can crash on a badly damaged archive
        return f"{process.args[0]} stopped by signal {-process.returncode}"
    lines = [line for line in process.stderr.splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower()]
    return (errors or lines or [f"exit status {process.returncode}"])[-1]


def backup_database(*, path: Path, db: dict | None = None) -> Path:
    """Write the whole database into a compressed pg_dump archive at `path`."""
    db = _database(db)
    process = _run("pg_dump", [*FORMAT_ARGS, "--file", str(path), db["NAME"]], db)
    if process.returncode != 0:
        raise BackupError(DUMP_FAILED % {"error": _last_error(process)})
    return path


def archive_entries(path: Path, db: dict | None = None) -> int:
    """How many objects the archive holds; a corrupt or foreign file is refused here."""
    db = _database(db)
    if not Path(path).is_file():
        raise BackupError(NOT_AN_ARCHIVE % {"path": path, "error": "no such file"})
    process = _run("pg_restore", ["--list", str(path)], db)
    if process.returncode != 0:
        raise BackupError(NOT_AN_ARCHIVE % {"path": path, "error": _last_error(process)})
    return sum(1 for line in process.stdout.splitlines() if line and not line.startswith(";"))


def _connect(db: dict, name: str):
    return psycopg.connect(
        dbname=name,
        host=db.get("HOST") or None,
        port=db.get("PORT") or None,
        user=db.get("USER") or None,
        password=db.get("PASSWORD") or None,
        autocommit=True,
        connect_timeout=10,
    )


def database_create_if_missing(db: dict, name: str) -> bool:
    """Create database `name` on db's server unless it exists; True if created here. `db` is
    a Django DATABASES entry; its own database is where the statement runs."""
    with _connect(db, db["NAME"]) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return not exists


def _create_empty(db: dict, name: str) -> bool:
    """Create the target database; True if created here, False if it existed empty."""
    if database_create_if_missing(db, name):
        return True
    with _connect(db, name) as conn:
        tables = conn.execute(
            "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"
        ).fetchone()[0]
    if tables:
        raise BackupError(TARGET_NOT_EMPTY % {"name": name})
    return False


def drop_database(*, name: str, db: dict | None = None) -> None:
    db = _database(db)
    with _connect(db, db["NAME"]) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def restore_database(*, path: Path, into: str, db: dict | None = None) -> int:
    """Restore the archive into the new database `into`, all or nothing; returns its entries."""
    db = _database(db)
    entries = archive_entries(path, db)
    created = _create_empty(db, into)
    args = [*FORMAT_ARGS[1:], "--single-transaction", "--exit-on-error", "--dbname", into]
    process = _run("pg_restore", [*args, str(path)], db)
    if process.returncode != 0:
        if created:
            drop_database(name=into, db=db)
        raise BackupError(RESTORE_FAILED % {"error": _last_error(process)})
    return entries

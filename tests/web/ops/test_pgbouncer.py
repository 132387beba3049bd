"""Lotse behind PgBouncer in transaction mode (issue 21, docs/deployment.md): Debian's PgBouncer
on loopback in front of the test database, and a Django process talking only to it with the
settings the deployment guide names. A cursor declared on the server (what `.iterator()` uses
on PostgreSQL) would outlive the server connection PgBouncer lent for one transaction; with
DATABASE_DISABLE_SERVER_SIDE_CURSORS=1 the same reads, row locks and writes work."""

import os
import shutil
import socket
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.db import connection

from lotse.core.models import Stamp
from tests.conftest import service_missing
from tests.notifications.realparts import wait_for

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]
DATE_INDEPENDENT = "database connections; no date words"
ROOT = Path(__file__).resolve().parents[3]

# What the pooled process does: reads in chunks, a locked read in a transaction, a write.
WORK = """
import django
django.setup()
from django.db import transaction
from lotse.core.models import Stamp
read = [s.name for s in Stamp.objects.order_by("name").iterator(chunk_size=2)]
with transaction.atomic():
    locked = list(Stamp.objects.select_for_update(skip_locked=True).order_by("name")[:2])
    Stamp.objects.filter(name=locked[0].name).update(value="via-pgbouncer")
print(len(read), bool(locked))  # skip_locked: another process may hold some
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def pgbouncer(postgres):
    binary = shutil.which("pgbouncer") or "/usr/sbin/pgbouncer"
    if not Path(binary).exists():
        service_missing("needs Debian's pgbouncer (apt-get install pgbouncer)")
    folder = Path(tempfile.mkdtemp(prefix="pgbouncer-"))
    folder.chmod(0o777)  # PgBouncer refuses root and runs as postgres (-u) when started by root
    port, db = _free_port(), connection.settings_dict
    (folder / "users.txt").write_text(f'"{db["USER"]}" "{db.get("PASSWORD") or ""}"\n')
    (folder / "pgbouncer.ini").write_text(f"""
[databases]
* = host={db.get("HOST") or "127.0.0.1"} port={db.get("PORT") or 5432}
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = trust
auth_file = {folder / "users.txt"}
pool_mode = transaction
default_pool_size = 1
ignore_startup_parameters = extra_float_digits,options
logfile = {folder / "pgbouncer.log"}
""")
    as_user = ["-u", "postgres"] if os.geteuid() == 0 else []
    process = subprocess.Popen([binary, *as_user, str(folder / "pgbouncer.ini")])
    try:
        wait_for(lambda: _accepts(port), timeout=10, interval=0.1, what="pgbouncer")
        yield port
    finally:
        process.terminate()
        process.wait(timeout=10)
        shutil.rmtree(folder, ignore_errors=True)


def _accepts(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _start_through(port: int, **env) -> subprocess.Popen:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    url = f"postgres://{db['USER']}{password}@127.0.0.1:{port}/{db['NAME']}"
    return subprocess.Popen(
        [sys.executable, "-c", WORK], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "lotse.settings.test",
             "PYTHONPATH": os.pathsep.join([str(ROOT / "platform"), str(ROOT)]),
             "DATABASE_URL": url, "DATABASE_CONN_MAX_AGE": "60", **env},
    )  # fmt: skip


def test_lotse_reads_locks_and_writes_through_pgbouncer_in_transaction_mode(pgbouncer):
    """Three processes at once through one server connection (pool size 1): PgBouncer lends
    it per transaction, so their statements interleave on it as web workers' would."""
    Stamp.objects.bulk_create(Stamp(name=f"s{i}", value="v") for i in range(5))
    workers = [
        _start_through(pgbouncer, DATABASE_DISABLE_SERVER_SIDE_CURSORS="1") for _ in range(3)
    ]
    for worker in workers:
        out, err = worker.communicate(timeout=120)
        assert worker.returncode == 0, err[-2000:]
        assert out.split() == ["5", "True"]
    assert Stamp.objects.filter(value="via-pgbouncer").exists()

"""Backup and restore with pg_dump / pg_restore: everything comes back, bad archives are refused."""

import pytest
from django.db import connection

from lotse.accounts.models import User
from lotse.demo.seed import seed_demo
from lotse.needs.models import Need
from lotse.ops.backup import (
    NOT_AN_ARCHIVE,
    RESTORE_FAILED,
    TARGET_NOT_EMPTY,
    BackupError,
    _connect,
    backup_database,
    drop_database,
    restore_database,
)
from lotse.placements.models import Placement
from lotse.placements.services import placement_propose
from lotse.volunteers.models import Volunteer

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def restored_name(postgres):
    name = f"{postgres['NAME']}_restored"
    drop_database(name=name)
    yield name
    drop_database(name=name)


def _seed_with_placements() -> None:
    seed_demo(volunteers=12, needs=6)
    social_worker = User.objects.get(email="sozialarbeit@demo.lotse.local")
    needs = Need.objects.filter(facility__organisation=social_worker.organisation)[:3]
    for need, volunteer in zip(needs, Volunteer.objects.order_by("pk"), strict=False):
        placement_propose(need=need, volunteer=volunteer, actor=social_worker)


def _rows(conn, query: str) -> list[tuple]:
    return sorted(conn.execute(query).fetchall())


def test_it_restores_every_volunteer_need_and_placement(postgres, tmp_path, restored_name):
    _seed_with_placements()
    volunteers = sorted(Volunteer.objects.values_list("pk", "external_id", "user__email"))
    needs = sorted(Need.objects.values_list("pk", "title", "status"))
    placements = sorted(Placement.objects.values_list("pk", "need_id", "volunteer_id", "state"))
    assert len(volunteers) == 12 and len(needs) == 6 and len(placements) == 3

    archive = backup_database(path=tmp_path / "lotse.dump")
    restore_database(path=archive, into=restored_name)

    with _connect(postgres, restored_name) as conn:
        assert volunteers == _rows(
            conn,
            "SELECT v.id, v.external_id, u.email FROM volunteers_volunteer v "
            "JOIN accounts_user u ON u.id = v.user_id",
        )
        assert needs == _rows(conn, "SELECT id, title, status FROM needs_need")
        assert placements == _rows(
            conn, "SELECT id, need_id, volunteer_id, state FROM placements_placement"
        )


def test_it_refuses_a_file_that_is_not_a_dump(postgres, tmp_path, restored_name):
    corrupt = tmp_path / "corrupt.dump"
    corrupt.write_bytes(b"PGDMP but then garbage \x00\x01\x02" * 40)
    with pytest.raises(BackupError) as error:
        restore_database(path=corrupt, into=restored_name)
    assert str(error.value).startswith(str(NOT_AN_ARCHIVE).split("%")[0] + str(corrupt))
    with _connect(postgres, postgres["NAME"]) as conn:
        assert not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [restored_name]
        ).fetchone()


def test_it_restores_nothing_from_a_cut_off_dump(postgres, tmp_path, restored_name):
    seed_demo(volunteers=5, needs=2)
    archive = backup_database(path=tmp_path / "lotse.dump")
    data = archive.read_bytes()
    truncated = tmp_path / "truncated.dump"
    truncated.write_bytes(data[: len(data) * 2 // 3])
    with pytest.raises(BackupError) as error:
        restore_database(path=truncated, into=restored_name)
    # Cut inside the table of contents or inside the data: either way a clear refusal.
    refusals = (
        str(RESTORE_FAILED).split("%")[0],
        str(NOT_AN_ARCHIVE).split("%")[0] + str(truncated),
    )
    assert str(error.value).startswith(refusals)
    with _connect(postgres, postgres["NAME"]) as conn:
        assert not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [restored_name]
        ).fetchone()


def test_it_never_restores_over_a_database_with_tables(postgres, tmp_path):
    archive = backup_database(path=tmp_path / "lotse.dump")
    with pytest.raises(BackupError) as error:
        restore_database(path=archive, into=connection.settings_dict["NAME"])
    assert str(error.value) == str(TARGET_NOT_EMPTY) % {"name": connection.settings_dict["NAME"]}

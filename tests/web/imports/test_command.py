from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from lotse.places.models import Facility

from .conftest import FACILITY, csv_bytes

pytestmark = pytest.mark.django_db


def _file(tmp_path, rows, name="facilities.csv"):
    path = tmp_path / name
    path.write_bytes(csv_bytes(rows))
    return str(path)


def test_it_imports_and_says_what_happened(stadt, tmp_path):
    out = StringIO()
    call_command("import_data", "facilities", _file(tmp_path, [FACILITY]), stdout=out)
    assert "1 rows checked: 1 were created" in out.getvalue()
    assert Facility.objects.count() == 1


def test_a_dry_run_saves_nothing(stadt, tmp_path):
    out = StringIO()
    call_command("import_data", "facilities", _file(tmp_path, [FACILITY]), "--dry-run", stdout=out)
    assert "Dry run: nothing saved." in out.getvalue()
    assert not Facility.objects.exists()


def test_a_bad_file_fails_with_one_line_per_problem(stadt, tmp_path):
    err = StringIO()
    path = _file(tmp_path, [FACILITY | {"postcode": "99999"}, FACILITY | {"external_id": ""}])
    with pytest.raises(CommandError):
        call_command("import_data", "facilities", path, stderr=err)
    lines = err.getvalue().splitlines()
    assert lines[0].startswith("row 2, column postcode: ")
    assert lines[1].startswith("row 3, column external_id: ")
    assert not Facility.objects.exists()


def test_a_long_file_shows_a_progress_bar(stadt, tmp_path):
    rows = [FACILITY | {"external_id": f"F-{n}", "lat": "52.0", "lon": "7.6"}
            for n in range(200)]  # fmt: skip
    err = StringIO()
    call_command("import_data", "facilities", _file(tmp_path, rows), stderr=err, stdout=StringIO())
    assert "100% 200/200" in err.getvalue()


def test_a_missing_file_is_a_clear_error(db):
    with pytest.raises(CommandError, match="no such file"):
        call_command("import_data", "facilities", "/nonexistent.csv")


def test_it_imports_with_the_rights_of_a_staff_account(charlie, facility_a1, tmp_path):
    from .conftest import need_row

    facility_a1.external_id = "A1"
    facility_a1.save()
    path = _file(tmp_path, [need_row(facility_a1)], "needs.csv")
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_data", "needs", path, "--as", charlie.email, stderr=err)
    assert err.getvalue().startswith("row 2, column facility: ")

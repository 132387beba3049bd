"""The benchmark command builds its data set and prints a table of timings."""

from django.core.management import call_command

from lotse.needs.models import Need
from lotse.placements.models import HoursEntry, Placement


def test_it_builds_a_small_data_set_and_times_the_dashboard(capsys):
    call_command(
        "bench_dashboard", "--volunteers", "30", "--needs", "60", "--open-needs", "12",
        "--placements", "40", "--organisations", "1", "--facilities", "3", "--repeat", "1",
        verbosity=0,
    )  # fmt: skip
    out = capsys.readouterr().out
    assert Need.objects.count() == 60
    assert Placement.objects.count() >= 40 and HoursEntry.objects.exists()
    assert "| page /dashboard/ (coordinator) |" in out
    assert "| API GET /api/v1/districts/demand/ (administrator) |" in out

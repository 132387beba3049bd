import pytest

from lotse.places.models import Facility, Organisation

from .conftest import FACILITY, messages, run

pytestmark = pytest.mark.django_db


def test_it_imports_a_facility_at_its_postcode_centroid(stadt):
    report = run("facilities", [FACILITY])
    assert (report.created, report.ok) == (1, True)
    facility = Facility.objects.get(external_id="F-1")
    assert (facility.lat, facility.lon) == (52.0149, 7.5981)
    assert facility.organisation == stadt
    assert facility.neighbourhood.name == "Kinderhaus"


def test_an_unknown_organisation_is_created_as_independent(db):
    run("facilities", [FACILITY | {"organisation": "Malteser Münster"}])
    assert Organisation.objects.get(name="Malteser Münster").kind == "independent"


def test_importing_again_changes_nothing(stadt):
    rows = [FACILITY | {"capacity": "80", "lat": "52.01", "lon": "7.6"}]
    run("facilities", rows)
    report = run("facilities", rows)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert Facility.objects.count() == 1


def test_a_changed_row_updates_the_facility(stadt):
    run("facilities", [FACILITY])
    report = run("facilities", [FACILITY | {"name": "Haus am Aasee"}])
    assert report.updated == 1
    assert Facility.objects.get().name == "Haus am Aasee"


def test_a_column_left_out_keeps_what_is_stored(stadt):
    run("facilities", [FACILITY | {"consultation_hours": "mon 09:00-12:00", "capacity": "40"}])
    run("facilities", [FACILITY])
    facility = Facility.objects.get()
    assert (facility.consultation_hours, facility.capacity) == ("mon 09:00-12:00", 40)


@pytest.mark.parametrize(
    ("changes", "column"),
    [
        ({"postcode": "99999"}, "postcode"),
        ({"postcode": "481"}, "postcode"),
        ({"lat": "52.0"}, "lon"),
        ({"lat": "95", "lon": "7"}, "lat"),
        ({"capacity": "viele"}, "capacity"),
        ({"neighbourhood": "Atlantis"}, "neighbourhood"),
        ({"consultation_hours": "montags"}, "consultation_hours"),
        ({"name": ""}, "name"),
    ],
)
def test_a_bad_cell_is_reported_with_row_and_column(stadt, changes, column):
    report = run("facilities", [FACILITY | changes])
    assert messages(report)[0].startswith(f"row 2, column {column}: ")
    assert not Facility.objects.exists()

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from lotse.places.city_loader import load_city
from lotse.places.models import District, Neighbourhood, Postcode

pytestmark = pytest.mark.django_db


def test_it_loads_muensters_six_districts_and_postcodes():
    assert sorted(District.objects.values_list("name", flat=True)) == [
        "Hiltrup",
        "Mitte",
        "Nord",
        "Ost",
        "Süd-Ost",
        "West",
    ]
    assert Postcode.objects.filter(outside_city=False).count() == 13
    assert Neighbourhood.objects.get(name="Kinderhaus").district.name == "Nord"
    assert Postcode.objects.get(code="48159").neighbourhood.name == "Kinderhaus"


def test_loading_again_changes_nothing(settings):
    before = (District.objects.count(), Neighbourhood.objects.count(), Postcode.objects.count())
    call_command("load_city", settings.LOTSE_CITY_DIR, verbosity=0)
    after = (District.objects.count(), Neighbourhood.objects.count(), Postcode.objects.count())
    assert before == after


def _write_city(folder, postcodes_row):
    (folder / "districts.csv").write_text("name,lat,lon\nNordstadt,52.0,7.0\n", encoding="utf-8")
    (folder / "neighbourhoods.csv").write_text(
        "district,name,lat,lon\nNordstadt,Hafen,52.0,7.0\n", encoding="utf-8"
    )
    (folder / "postcodes.csv").write_text(
        "postcode,lat,lon,neighbourhood,district\n" + postcodes_row, encoding="utf-8"
    )


def test_another_city_loads_its_own_files(tmp_path):
    _write_city(tmp_path, "12345,52.01,7.01,Hafen,Nordstadt\n")
    load_city(tmp_path)
    assert Postcode.objects.get(code="12345").neighbourhood.district.name == "Nordstadt"


def test_a_bad_row_loads_nothing_and_names_the_row(tmp_path):
    _write_city(tmp_path, "12345,52.01,7.01,Hafen,Nordstadt\n12346,north,7.0,,\n")
    with pytest.raises(ValidationError, match="postcodes.csv row 3, column lat"):
        load_city(tmp_path)
    assert not District.objects.filter(name="Nordstadt").exists()
    assert not Postcode.objects.filter(code="12345").exists()


def test_it_loads_neighbouring_towns_outside_the_city():
    greven = Postcode.objects.get(code="48268")
    assert (greven.outside_city, greven.town, greven.neighbourhood) == (True, "Greven", None)
    assert Postcode.objects.filter(outside_city=True).count() == 8


def test_a_city_without_neighbouring_towns_loads_without_the_file(tmp_path):
    _write_city(tmp_path, "12345,52.01,7.01,Hafen,Nordstadt\n")
    assert load_city(tmp_path).nearby_postcodes == 0


def test_a_nearby_postcode_that_is_in_the_city_is_refused(tmp_path):
    _write_city(tmp_path, "12345,52.01,7.01,Hafen,Nordstadt\n")
    (tmp_path / "postcodes_nearby.csv").write_text(
        "# approximate\npostcode,lat,lon,town\n12345,52.1,7.1,Dorf\n", encoding="utf-8"
    )
    with pytest.raises(ValidationError, match="postcodes_nearby.csv row 2, column postcode"):
        load_city(tmp_path)

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
    assert Postcode.objects.count() == 13
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

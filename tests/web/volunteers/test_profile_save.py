"""volunteer_profile_save: the one rule set behind the wizard, the API and the import."""

import pytest
from django.core.exceptions import ValidationError

from lotse.volunteers import services
from lotse.volunteers.models import Volunteer, VolunteerLanguage

from .conftest import profile

pytestmark = pytest.mark.django_db


def _errors(user, **changes) -> dict:
    with pytest.raises(ValidationError) as caught:
        services.volunteer_profile_save(user=user, **profile(**changes))
    assert not Volunteer.objects.filter(user=user).exists()
    return caught.value.message_dict


def test_it_saves_a_profile_with_the_postcode_centroid_as_location(wanda):
    volunteer = services.volunteer_profile_save(user=wanda, **profile(street="Domplatz 1"))
    assert (volunteer.lat, volunteer.lon) == (51.9625, 7.6259)
    assert volunteer.street == "Domplatz 1"


def test_it_writes_the_availability_in_its_canonical_spelling(wanda):
    volunteer = services.volunteer_profile_save(
        user=wanda, **profile(availability="SAT 10:00 - 14:00;mon 17:00-20:00")
    )
    assert volunteer.availability == "mon 17:00-20:00; sat 10:00-14:00"


@pytest.mark.parametrize(
    ("availability", "part"),
    [
        ("mon 20:00-17:00", "is not after start"),
        ("mon 17:00-20:00; mon 19:00-21:00", "overlaps"),
        ("montags abends", "unknown day"),
        ("mon 17:10-20:00", "15-minute grid"),
    ],
)
def test_it_refuses_bad_availability_and_saves_nothing(wanda, availability, part):
    errors = _errors(wanda, availability=availability)
    assert part in errors["availability"][0]


def test_it_refuses_an_empty_availability(wanda):
    assert _errors(wanda, availability=" ")["availability"] == [str(services.NO_AVAILABILITY)]


def test_it_refuses_an_unknown_skill(wanda):
    errors = _errors(wanda, skills=["accompaniment", "juggling"])
    assert errors["skills"] == [services.UNKNOWN_SKILL % {"codes": "juggling"}]


def test_it_refuses_an_unknown_language(wanda):
    errors = _errors(wanda, languages={"de": 4, "xx": 2})
    assert errors["languages"] == [services.UNKNOWN_LANGUAGE % {"codes": "xx"}]


@pytest.mark.parametrize("level", [0, 5, -1])
def test_it_refuses_a_level_outside_the_scale(wanda, level):
    errors = _errors(wanda, languages={"ar": level})
    assert errors["languages"] == [services.LEVEL_OUT_OF_SCALE % {"code": "ar"}]


@pytest.mark.parametrize("distance", [0, -3, 200.5, 1000])
def test_it_refuses_a_distance_of_zero_or_absurd(wanda, distance):
    errors = _errors(wanda, max_distance_km=distance)
    assert errors["max_distance_km"] == [services.DISTANCE_OUT_OF_RANGE % {"max": 200}]


def test_it_refuses_an_unknown_postcode(wanda):
    assert "99999" in _errors(wanda, postcode="99999")["postcode"][0]


def test_it_refuses_an_unknown_travel_mode(wanda):
    assert "rocket" in _errors(wanda, travel_modes=["bike", "rocket"])["travel_modes"][0]


def test_it_refuses_a_profile_for_staff(alice):
    with pytest.raises(ValidationError) as caught:
        services.volunteer_profile_save(user=alice, **profile())
    assert caught.value.messages == [str(services.ONLY_VOLUNTEERS)]


def test_it_keeps_unchanged_language_rows_when_saving_again(victor):
    before = set(VolunteerLanguage.objects.values_list("pk", flat=True))
    services.volunteer_profile_save(
        user=victor, **profile(languages={"de": 4, "ar": 4}, postcode="48143")
    )
    assert set(VolunteerLanguage.objects.values_list("pk", flat=True)) == before


def test_it_changes_and_removes_languages(victor):
    services.volunteer_profile_save(user=victor, **profile(languages={"de": 3}))
    assert dict(victor.volunteer.languages.values_list("language__code", "level")) == {"de": 3}


def test_it_updates_the_names_only_when_given(victor):
    services.volunteer_profile_save(user=victor, first_name="Vic", **profile())
    victor.refresh_from_db()
    assert victor.first_name == "Vic"
    assert victor.last_name

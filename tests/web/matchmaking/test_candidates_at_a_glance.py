"""The candidates page at a glance: a sortable table, the ruled-out by reason, "why not?"."""

import pytest

from lotse.matchmaking import glance
from lotse.places.models import Neighbourhood
from lotse.volunteers.selectors import volunteers_visible_to

from ..factories import FacilityFactory, UserFactory, VolunteerFactory

pytestmark = pytest.mark.django_db

ARABIC_HELPER = {"languages": {"ar": 4}, "skills": ("accompaniment",)}


def _page(client, need, **params):
    return client.get(f"/needs/{need.pk}/candidates/", params)


def _why_api(client, need, volunteer_id):
    return client.get(f"/api/v1/needs/{need.pk}/candidates/{volunteer_id}/")


def _named(email, first_name, postcode, **kwargs):
    user = UserFactory(email=email, first_name=first_name, last_name="Test")
    return VolunteerFactory(user=user, postcode=postcode, availability="tue 15:00-19:00", **kwargs)


@pytest.fixture
def three_candidates(amira):
    """Amira next door; Nadia in Uppenberg (~4 km); Bert next door without the task listed."""
    nadia = _named("nadia@example.org", "Nadia", "48147", **ARABIC_HELPER)
    bert = _named("bert@example.org", "Bert", "48159", languages={"ar": 3}, skills=("childcare",))
    return [amira, nadia, bert]


@pytest.fixture
def karl(stadt):
    """Lives in Geist, ~8 km from the need in Kinderhaus, travels 3 km; near a Stadt facility."""
    FacilityFactory(
        organisation=stadt, postcode="48151", neighbourhood=Neighbourhood.objects.get(name="Geist")
    )
    return _named("karl@example.org", "Karl", "48151", max_distance_km=3, **ARABIC_HELPER)


@pytest.fixture
def wanda():
    """Lives in Wolbeck and travels 3 km: no facility of Stadt Münster lies within her reach."""
    return _named("wanda@example.org", "Wanda", "48167", max_distance_km=3, **ARABIC_HELPER)


def test_the_table_is_sorted_by_score_by_default(client, alice, arabic_need, three_candidates):
    client.force_login(alice)
    rows = _page(client, arabic_need).context["rows"]
    scores = [row.candidate.score for row in rows]
    assert len(rows) == 3 and scores == sorted(scores, reverse=True)


def test_the_table_is_sorted_by_distance_when_asked(client, alice, arabic_need, three_candidates):
    client.force_login(alice)
    rows = _page(client, arabic_need, sort="distance").context["rows"]
    distances = [row.candidate.distance_km for row in rows]
    assert len(rows) == 3 and distances == sorted(distances)
    assert rows[-1].volunteer.display_name == "Nadia T."


def test_the_table_is_sorted_by_name_when_asked(client, alice, arabic_need, three_candidates):
    client.force_login(alice)
    rows = _page(client, arabic_need, sort="name").context["rows"]
    names = [row.volunteer.display_name for row in rows]
    assert len(names) == 3 and names == sorted(names, key=str.casefold)


def test_an_unknown_sort_falls_back_to_the_score(client, alice, arabic_need, three_candidates):
    client.force_login(alice)
    response = _page(client, arabic_need, sort="rubbish")
    assert response.status_code == 200 and response.context["sort"] == "score"
    scores = [row.candidate.score for row in response.context["rows"]]
    assert scores == sorted(scores, reverse=True)


def test_the_table_shows_distance_in_german_and_a_score_bar(client, alice, arabic_need, amira):
    client.force_login(alice)
    page = _page(client, arabic_need).content.decode()
    assert 'class="table-scroll" role="region"' in page
    assert "0,0\u00a0km" in page and "<meter" in page and "<details>" in page


def test_the_ruled_out_are_counted_by_reason_as_the_engine_excluded_them(
    client, alice, arabic_need, amira, greta, farid, wanda
):
    client.force_login(alice)
    context = _page(client, arabic_need, explain="1").context
    counts = {group.key: group.count for group in context["excluded_groups"]}
    codes = [{r.code for r in e.exclusion.reasons} for e in context["ranked"].excluded]
    assert counts == {"too_far": 2, "language": 1}
    assert counts["too_far"] == sum("too_far" in c for c in codes)
    assert counts["language"] == sum("missing_language" in c for c in codes)


def test_the_summary_speaks_german_with_counts(client, alice, arabic_need, greta, farid, wanda):
    client.force_login(alice)
    page = _page(client, arabic_need, explain="1").content.decode()
    assert "2 wohnen zu weit weg" in page
    assert "1 spricht eine nötige Sprache nicht gut genug" in page


def test_names_of_the_ruled_out_are_shown_to_staff_of_the_need(client, alice, arabic_need, greta):
    client.force_login(alice)
    assert greta.display_name in _page(client, arabic_need, explain="1").content.decode()


@pytest.mark.parametrize("name", ["charlie", "dora", "victor"])
def test_names_of_the_ruled_out_are_shown_to_no_one_else(
    client, everyone, arabic_need, greta, name
):
    client.force_login(everyone[name])
    response = _page(client, arabic_need, explain="1")
    assert response.status_code == 403
    assert greta.display_name not in response.content.decode()


def test_why_not_explains_a_volunteer_too_far_away_on_the_page(client, alice, arabic_need, karl):
    client.force_login(alice)
    page = _page(client, arabic_need, why=karl.pk).content.decode()
    assert "Karl T." in page
    assert "fährt höchstens 3 km" in page


def test_why_not_explains_a_volunteer_too_far_away_in_the_api(client, alice, arabic_need, karl):
    client.force_login(alice)
    body = _why_api(client, arabic_need, karl.pk).json()
    assert body["need"] == arabic_need.pk
    assert body["volunteer"] == {"id": karl.pk, "external_id": karl.external_id,
                                 "display_name": "Karl T."}  # fmt: skip
    assert body["eligible"] is False and 7 < body["distance_km"] < 9
    assert any("fährt höchstens 3 km" in text for text in body["excluded_because"])
    assert set(body["components"]) >= {"distance", "skills", "languages", "availability"}


def test_why_not_of_a_candidate_says_eligible_with_the_lists_reasons(
    client, alice, arabic_need, amira
):
    client.force_login(alice)
    body = _why_api(client, arabic_need, amira.pk).json()
    listed = client.get(f"/api/v1/needs/{arabic_need.pk}/candidates/").json()["results"][0]
    assert body["eligible"] is True and body["excluded_because"] == []
    assert body["reasons"] == listed["reasons"] and body["score"] == listed["score"]


def test_why_not_outside_the_callers_scope_is_a_404_like_an_unknown_id(
    client, alice, arabic_need, wanda
):
    client.force_login(alice)
    outside, unknown = (
        _why_api(client, arabic_need, wanda.pk),
        _why_api(client, arabic_need, 999999),
    )
    assert outside.status_code == unknown.status_code == 404
    assert outside.json()["detail"] == unknown.json()["detail"]
    assert outside.json()["code"] == unknown.json()["code"] == "not-found"


def test_why_not_outside_the_callers_scope_is_a_404_on_the_page(client, alice, arabic_need, wanda):
    client.force_login(alice)
    assert _page(client, arabic_need, why=wanda.pk).status_code == 404
    assert _page(client, arabic_need, why=999999).status_code == 404


@pytest.mark.parametrize("bad", ["abc", "-1", "99999999999999999999999", "1e3", ""])
def test_why_not_answers_404_for_a_bad_id_on_the_page(client, alice, arabic_need, bad):
    client.force_login(alice)
    assert _page(client, arabic_need, why=bad).status_code == 404


@pytest.mark.parametrize("bad", ["abc", "-1", "99999999999999999999999"])
def test_why_not_answers_404_for_a_bad_id_in_the_api(client, alice, arabic_need, bad):
    client.force_login(alice)
    assert _why_api(client, arabic_need, bad).status_code == 404


@pytest.mark.parametrize("name", ["charlie", "dora", "victor"])
def test_why_not_is_refused_to_whoever_may_not_see_the_candidates(
    client, everyone, arabic_need, amira, name
):
    client.force_login(everyone[name])
    assert _why_api(client, arabic_need, amira.pk).status_code == 403


def test_the_page_offers_only_volunteers_in_the_callers_scope(
    client, alice, arabic_need, amira, wanda
):
    client.force_login(alice)
    askable = _page(client, arabic_need).context["askable"]
    assert amira in askable and wanda not in askable


def test_the_need_page_previews_the_candidates_in_the_same_table(client, alice, arabic_need, amira):
    client.force_login(alice)
    page = client.get(f"/needs/{arabic_need.pk}/").content.decode()
    assert 'class="candidates-table"' in page and amira.display_name in page
    assert "sort-links" not in page


def test_the_names_offered_are_exactly_those_the_scope_rule_lets_one_see(
    client, alice, arabic_need, amira, greta, farid, wanda, karl
):
    """Read from the engine's pool (issue 21: no read of every volunteer's row), and the same
    people as the scope rule's own query."""
    client.force_login(alice)
    askable = _page(client, arabic_need).context["askable"]
    assert {v.pk for v in askable} == set(volunteers_visible_to(alice).values_list("pk", flat=True))


def test_too_many_to_list_offers_the_number_field_instead(
    client, alice, arabic_need, amira, greta, monkeypatch
):
    monkeypatch.setattr(glance, "MAX_ASKABLE_BY_NAME", 1)
    client.force_login(alice)
    assert _page(client, arabic_need).context["askable"] == []


@pytest.mark.parametrize("languages", [{"de": 4}, {"ar": 1}])
def test_why_not_never_says_someone_speaks_a_language_they_do_not_speak_well_enough(
    client, alice, arabic_need, languages
):
    """The need asks for fluent Arabic. For someone without any, the reasons must not say
    "spricht Arabisch (0)" (the engine's level as a number); the exclusion says what is missing."""
    carla = _named("carla@example.org", "Carla", "48159", languages=languages,
                   skills=("accompaniment",))  # fmt: skip
    client.force_login(alice)
    body = _why_api(client, arabic_need, carla.pk).json()
    said = " · ".join(body["reasons"])
    assert body["eligible"] is False
    assert "(0)" not in said and "spricht Arabisch" not in said
    missing = "spricht kein Arabisch" if "ar" not in languages else "Arabisch nur Grundkenntnisse"
    assert any(missing in text for text in body["excluded_because"]), body["excluded_because"]
    page = _page(client, arabic_need, why=carla.pk).content.decode()
    assert "Arabisch (0)" not in page and "spricht Arabisch" not in page


def test_why_not_never_says_someone_is_free_at_no_time(client, alice, arabic_need):
    """Free on Wednesdays only, asked for Tuesdays: the reasons must not read "dienstags nur
    frei (gesucht: 16–18)" with no time in it; the exclusion says "dienstags … nicht frei"."""
    wednesday = _named("wed@example.org", "Wera", "48159", **ARABIC_HELPER)
    wednesday.availability = "wed 10:00-12:00"
    wednesday.save()
    client.force_login(alice)
    body = _why_api(client, arabic_need, wednesday.pk).json()
    assert not any("nur" in text and "frei" in text for text in body["reasons"]), body["reasons"]
    assert any("nicht frei" in text for text in body["excluded_because"]), body["excluded_because"]

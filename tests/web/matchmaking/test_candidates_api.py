import pytest

pytestmark = pytest.mark.django_db


def _candidates(client, need, **params):
    return client.get(f"/api/v1/needs/{need.pk}/candidates/", params)


def test_it_ranks_the_arabic_speaker_and_explains_why(client, alice, arabic_need, amira, greta):
    client.force_login(alice)
    body = _candidates(client, arabic_need).json()
    assert body["need"] == arabic_need.pk
    assert [r["volunteer"]["id"] for r in body["results"]] == [amira.pk]
    top = body["results"][0]
    assert 0 <= top["score"] <= 1
    assert set(top["components"]) >= {"distance", "skills", "languages", "availability", "workload"}
    assert any("Arabisch" in reason for reason in top["reasons"])


def test_it_explains_who_was_ruled_out(client, alice, arabic_need, amira, greta, farid):
    client.force_login(alice)
    body = _candidates(client, arabic_need, explain="true").json()
    excluded = {e["volunteer"]["id"]: e["reasons"] for e in body["excluded"]}
    assert any("Arabisch" in r for r in excluded[greta.pk])
    assert any("km" in r for r in excluded[farid.pk])
    assert amira.pk not in excluded


def test_it_gives_each_reason_with_its_code_and_values(client, alice, arabic_need, amira, greta):
    client.force_login(alice)
    body = _candidates(client, arabic_need, explain="true").json()
    top = body["results"][0]
    assert [d["text"] for d in top["reason_details"]] == top["reasons"]
    speaks = next(d for d in top["reason_details"] if d["code"] == "speaks")
    assert speaks["params"]["language"] == "ar"
    assert all(d["code"] for e in body["excluded"] for d in e["reason_details"])


def test_it_answers_in_english_when_asked(client, alice, arabic_need, amira):
    client.force_login(alice)
    body = client.get(
        f"/api/v1/needs/{arabic_need.pk}/candidates/", HTTP_ACCEPT_LANGUAGE="en"
    ).json()
    assert any("Arabic" in r for r in body["results"][0]["reasons"])


def test_it_never_shows_contact_data_of_candidates(client, alice, arabic_need, amira):
    client.force_login(alice)
    text = _candidates(client, arabic_need, explain="true").content.decode()
    assert "amira@example.org" not in text
    assert amira.user.last_name not in text


def test_it_caps_a_request_for_ten_thousand_candidates(client, alice, arabic_need, amira):
    client.force_login(alice)
    assert _candidates(client, arabic_need, limit=10000).status_code == 200


def test_it_refuses_a_limit_below_one(client, alice, arabic_need):
    client.force_login(alice)
    assert _candidates(client, arabic_need, limit=0).status_code == 400


def test_it_answers_empty_results_when_everyone_is_excluded(client, alice, arabic_need, greta):
    client.force_login(alice)
    body = _candidates(client, arabic_need, explain="true").json()
    assert body["results"] == []
    assert [e["volunteer"]["id"] for e in body["excluded"]] == [greta.pk]


@pytest.mark.parametrize("name", ["charlie", "dora", "victor"])
def test_it_refuses_candidates_outside_the_needs_organisation(client, everyone, arabic_need, name):
    client.force_login(everyone[name])
    assert _candidates(client, arabic_need).status_code == 403


def test_it_answers_404_for_an_unknown_need(client, alice):
    client.force_login(alice)
    assert client.get("/api/v1/needs/999999/candidates/").status_code == 404


def test_the_pool_follows_a_profile_change(
    client, alice, arabic_need, greta, django_capture_on_commit_callbacks
):
    from lotse.taxonomy.models import Language
    from lotse.volunteers.models import VolunteerLanguage

    client.force_login(alice)
    assert _candidates(client, arabic_need).json()["results"] == []
    with django_capture_on_commit_callbacks(execute=True):
        VolunteerLanguage.objects.create(
            volunteer=greta, language=Language.objects.get(code="ar"), level=3
        )
    assert [r["volunteer"]["id"] for r in _candidates(client, arabic_need).json()["results"]] == [
        greta.pk
    ]


def test_the_pool_drops_a_deactivated_volunteer(
    client, alice, arabic_need, amira, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    assert len(_candidates(client, arabic_need).json()["results"]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        amira.user.is_active = False
        amira.user.save()
        amira.save()  # profile change stamps the pool version
    assert _candidates(client, arabic_need).json()["results"] == []


def test_a_placed_volunteer_is_busy_for_an_overlapping_need(
    client, alice, facility_a1, arabic_need, amira, django_capture_on_commit_callbacks
):
    from lotse.needs.services import need_create
    from lotse.placements.services import placement_accept, placement_approve, placement_propose
    from lotse.privacy.models import Consent
    from lotse.privacy.services import consent_give

    consent_give(user=amira.user, kind=Consent.Kind.CODE_OF_CONDUCT, version="2026-11")
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        placement = placement_propose(need=arabic_need, volunteer=amira, actor=alice)
        placement_accept(placement=placement, actor=amira.user)
        placement_approve(placement=placement, actor=alice)
    other = need_create(
        actor=alice,
        facility=facility_a1,
        title="Sprachmittlung",
        main_skill="accompaniment",
        languages_required={"ar": 3},
        schedule=arabic_need.schedule,
    )
    body = _candidates(client, other, explain="true").json()
    assert body["results"] == []
    assert [e["volunteer"]["id"] for e in body["excluded"]] == [amira.pk]


def test_a_newer_inspection_with_a_conviction_overrides_an_older_valid_one(
    client, alice, facility_a1, amira
):
    import datetime as dt

    from django.utils import timezone

    from lotse.needs.services import need_create
    from lotse.volunteers.models import CertificateInspection

    from .conftest import next_weekday

    today = timezone.localdate()
    CertificateInspection.objects.create(
        volunteer=amira,
        certificate_date=today - dt.timedelta(400),
        inspected_on=today - dt.timedelta(380),
    )
    CertificateInspection.objects.create(
        volunteer=amira,
        certificate_date=today - dt.timedelta(20),
        inspected_on=today - dt.timedelta(10),
        disqualifying_conviction=True,
    )
    start = next_weekday(1)
    need = need_create(
        actor=alice,
        facility=facility_a1,
        title="Hausaufgaben",
        main_skill="homework_help",
        requires_certificate=True,
        schedule=f"weekly tue 16:00-18:00 from {start} until {start + dt.timedelta(60)}",
    )
    client.force_login(alice)
    body = _candidates(client, need, explain="true").json()
    assert body["results"] == []
    assert [e["volunteer"]["id"] for e in body["excluded"]] == [amira.pk]


def test_a_volunteer_who_withdrew_consent_is_no_longer_ranked(
    client, alice, arabic_need, amira, django_capture_on_commit_callbacks
):
    from lotse.privacy.models import Consent
    from lotse.privacy.services import consent_give, consent_withdraw

    consent_give(user=amira.user, kind=Consent.Kind.PRIVACY, version="2026-11")
    client.force_login(alice)
    assert len(_candidates(client, arabic_need).json()["results"]) == 1
    with django_capture_on_commit_callbacks(execute=True):
        consent_withdraw(user=amira.user, kind=Consent.Kind.PRIVACY)
    assert _candidates(client, arabic_need).json()["results"] == []


def test_it_reads_the_main_skill_together_with_the_need(client, alice, arabic_need, amira):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(alice)
    _candidates(client, arabic_need)  # the pool is built on the first request
    with CaptureQueriesContext(connection) as queries:
        assert _candidates(client, arabic_need).status_code == 200
    assert not [q for q in queries if q["sql"].startswith('SELECT "taxonomy_skill"')]

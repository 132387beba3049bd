import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from lotse.accounts.tokens import issue_token
from lotse.privacy.export import SECRET_FIELDS, WITHHELD, export_plan, personal_data
from lotse.volunteers.models import Volunteer

from .conftest import EMAIL, MOTIVATION, PHONE, STREET

pytestmark = pytest.mark.django_db
EXPORT = "/api/v1/volunteers/me/export/"


def _models_pointing_at(targets) -> list:
    """Every model with a visible foreign key (or one-to-one) to one of `targets`."""
    return [
        (model, field)
        for model in apps.get_models()
        if not model._meta.proxy
        for field in model._meta.concrete_fields
        if field.is_relation
        and field.related_model in targets
        and not field.remote_field.hidden
        and (model._meta.label_lower, field.name) not in WITHHELD
    ]


def test_every_personal_field_of_every_model_is_exported():
    plan = export_plan()
    for model, _fk in _models_pointing_at({get_user_model(), Volunteer}):
        label = model._meta.label_lower
        assert label in plan, f"{label} points at a person but is not exported"
        secret = SECRET_FIELDS.get(label, set())
        every = {f.name for f in model._meta.concrete_fields + model._meta.many_to_many}
        assert set(plan[label]) == every - secret, label


def test_records_under_an_exported_record_are_exported_too():
    plan = export_plan()
    for label in list(plan):
        model = apps.get_model(label)
        for child, _fk in _models_pointing_at({model}):
            assert child._meta.label_lower in plan, f"{child._meta.label_lower} under {label}"


def test_the_export_holds_what_we_store_about_me(client, zenobia):
    client.force_login(zenobia.user)
    response = client.get(EXPORT)
    assert response.status_code == 200
    body = json.dumps(response.json(), ensure_ascii=False)
    for value in (
        EMAIL,
        PHONE,
        STREET,
        MOTIVATION,
        "Kraniche",
        "Die Tür klemmt.",
        "Zenobia Q. war",
    ):
        assert value in body, value
    models = {s["model"] for s in response.json()["sections"]}
    expected = {"accounts.user", "volunteers.volunteer", "privacy.consent"}
    expected |= {"placements.placement", "placements.hoursentry", "safeguarding.concern"}
    assert expected <= models


def test_the_export_holds_no_secrets_and_no_case_notes(client, zenobia):
    token, key = issue_token(zenobia.user)
    client.force_login(zenobia.user)
    body = json.dumps(client.get(EXPORT).json(), ensure_ascii=False)
    assert "pbkdf2" not in body and "md5$" not in body
    assert key not in body and token.digest not in body
    assert "angerufen" not in body


def test_it_exports_only_the_callers_data(client, zenobia, victor):
    client.force_login(victor)
    asked_for_hers = client.get(f"{EXPORT}?user={zenobia.user.pk}")  # no such parameter
    assert asked_for_hers.json()["code"] == "unknown-query-parameter"
    body = json.dumps(client.get(EXPORT).json(), ensure_ascii=False)
    assert EMAIL not in body and victor.email in body


def test_a_staff_export_carries_no_records_of_other_people(client, zenobia, alice):
    client.force_login(alice)
    body = json.dumps(client.get(EXPORT).json(), ensure_ascii=False)
    assert alice.email in body
    assert STREET not in body and MOTIVATION not in body and "Zenobia Q. war" not in body


def test_it_refuses_an_export_without_login(client):
    assert client.get(EXPORT).status_code == 401  # no credentials (issue 19)
    assert client.get("/privacy/me/export/").status_code == 302


def test_it_offers_a_readable_page_and_a_download(client, zenobia):
    zenobia.motivation = "<script>alert(1)</script>"
    zenobia.save()
    client.force_login(zenobia.user)
    page = client.get("/privacy/me/export/").content.decode()
    assert STREET in page and "&lt;script&gt;" in page and "<script>alert" not in page
    download = client.get("/privacy/me/export.json")
    assert download["Content-Disposition"].startswith("attachment")
    assert json.loads(download.content)["format"] == personal_data(zenobia.user)["format"]

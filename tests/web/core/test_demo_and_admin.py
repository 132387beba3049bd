import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.management import call_command

from lotse.accounts.models import Role, User
from lotse.needs.models import Need
from lotse.volunteers.models import Volunteer

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.django_db
def test_seed_demo_builds_a_city_with_one_login_per_role():
    out = StringIO()
    call_command("seed_demo", "--volunteers", "25", "--needs", "8", stdout=out)
    assert Volunteer.objects.count() == 25
    assert Need.objects.filter(status="open").count() == 8
    for role in Role.values:
        assert User.objects.filter(role=role, email__endswith="@demo.lotse.local").exists()
    assert "sozialarbeit@demo.lotse.local" in out.getvalue()


@pytest.mark.django_db
def test_seed_demo_twice_changes_nothing():
    call_command("seed_demo", "--volunteers", "10", "--needs", "3", stdout=StringIO())
    call_command("seed_demo", "--volunteers", "10", "--needs", "3", stdout=StringIO())
    assert Volunteer.objects.count() == 10
    assert Need.objects.count() == 3


def test_the_admin_shows_every_model_of_our_apps():
    ours = [
        m
        for m in apps.get_models()
        if m._meta.app_label in {"accounts", "places", "taxonomy", "volunteers", "needs"}
    ]
    inline_models = {
        inline.model
        for model_admin in admin.site._registry.values()
        for inline in model_admin.inlines
    }
    missing = [
        m.__name__ for m in ours if not admin.site.is_registered(m) and m not in inline_models
    ]
    assert missing == []


@pytest.mark.django_db
def test_the_admin_index_opens_for_an_administrator(client, erin):
    client.force_login(erin)
    assert client.get("/admin/").status_code == 200


def test_platform_is_not_shadowed_from_the_repository_root():
    result = subprocess.run(
        [sys.executable, "-c", "import platform; print(platform.python_version())"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip().count(".") == 2


@pytest.mark.django_db
def test_the_openapi_schema_and_local_swagger_ui_are_served(client):
    assert client.get("/api/schema/").status_code == 200
    page = client.get("/api/docs/").content.decode()
    assert "cdn" not in page.lower()


def test_the_home_page_is_german_first(client, db):
    page = client.get("/").content.decode()
    assert '<html lang="de" dir="ltr">' in page

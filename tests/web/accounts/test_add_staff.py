import pytest
from django.core.management import CommandError, call_command

from lotse.accounts.models import Role, User

pytestmark = pytest.mark.django_db


def _run(*args):
    from io import StringIO

    out = StringIO()
    call_command("add_staff", *args, stdout=out)
    return out.getvalue()


def test_it_creates_a_social_worker_and_prints_a_one_time_link(client, stadt):
    out = _run("neu@stadt.example", "--role", "social_worker", "--organisation", "Stadt Münster")
    user = User.objects.get(email="neu@stadt.example")
    assert user.role == Role.SOCIAL_WORKER and user.organisation == stadt
    assert not user.has_usable_password()
    link = out.split("one-time link: ")[1].strip().split("8000", 1)[1]
    page = client.get(link, follow=True)
    assert page.status_code == 200 and page.context["validlink"]


def test_it_updates_an_existing_staff_account(stadt, caritas):
    _run("x@stadt.example", "--role", "social_worker", "--organisation", "Stadt Münster")
    _run(
        "x@stadt.example",
        "--role",
        "facility_staff",
        "--organisation",
        "Caritas Münster",
        "--password",
        "Ein-langes-Passwort-42",
    )
    user = User.objects.get(email="x@stadt.example")
    assert user.role == Role.FACILITY_STAFF and user.organisation == caritas
    assert user.check_password("Ein-langes-Passwort-42")


def test_it_assigns_districts_to_a_coordinator():
    _run("k@stadt.example", "--role", "coordinator", "--district", "Nord", "--district", "Ost")
    user = User.objects.get(email="k@stadt.example")
    assert sorted(d.name for d in user.districts.all()) == ["Nord", "Ost"]


def test_it_refuses_an_unknown_organisation_and_saves_nothing():
    with pytest.raises(CommandError, match="Unbekannter Träger"):
        _run("y@stadt.example", "--role", "social_worker", "--organisation", "Nirgendwo e.V.")
    assert not User.objects.filter(email="y@stadt.example").exists()


def test_it_refuses_a_weak_password_and_saves_nothing(stadt):
    with pytest.raises(CommandError):
        _run(
            "z@stadt.example",
            "--role",
            "social_worker",
            "--organisation",
            "Stadt Münster",
            "--password",
            "123",
        )
    assert not User.objects.filter(email="z@stadt.example").exists()


def test_it_refuses_to_turn_a_volunteer_into_staff(victor):
    with pytest.raises(CommandError, match="Ehrenamtlichen-Konto"):
        _run(victor.email, "--role", "admin")
    victor.refresh_from_db()
    assert victor.role == Role.VOLUNTEER

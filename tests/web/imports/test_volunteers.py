import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth.hashers import is_password_usable

from lotse.accounts.models import User
from lotse.privacy.models import Consent
from lotse.volunteers.models import CertificateInspection, Volunteer
from notifications.models import Notification

from .conftest import VOLUNTEER, messages, run

pytestmark = pytest.mark.django_db


def test_an_imported_volunteer_gets_an_account_without_a_usable_password(db):
    report = run("volunteers", [VOLUNTEER])
    assert report.created == 1, messages(report)
    volunteer = Volunteer.objects.get(external_id="V-1")
    user = volunteer.user
    assert (user.email, user.role, user.get_full_name()) == (
        "lena@example.org", "volunteer", "Lena Lange"
    )  # fmt: skip
    assert not is_password_usable(user.password)
    assert EmailAddress.objects.get(user=user).verified
    assert dict(volunteer.languages.values_list("language__code", "level")) == {"de": 4, "ar": 3}


def test_an_imported_volunteer_is_invited_once_with_a_working_link(client, db):
    run("volunteers", [VOLUNTEER])
    run("volunteers", [VOLUNTEER | {"max_distance_km": "7"}])
    invitation = Notification.objects.get(event="account_invitation")
    assert invitation.recipient.email == "lena@example.org"
    link = invitation.context["set_password_path"]
    assert client.get(link, follow=True).context["validlink"]


def test_the_code_of_conduct_and_the_certificate_are_recorded(db):
    run("volunteers", [VOLUNTEER | {"certificate_date": "2026-09-01",
                                    "certificate_inspected_on": "2026-10-15"}])  # fmt: skip
    user = User.objects.get(email="lena@example.org")
    assert Consent.objects.get(user=user).kind == "code_of_conduct"
    inspection = CertificateInspection.objects.get()
    assert (inspection.inspected_by, str(inspection.certificate_date)) == (None, "2026-09-01")


def test_importing_again_changes_nothing(db):
    rows = [
        VOLUNTEER
        | {
            "certificate_date": "2026-09-01",
            "certificate_inspected_on": "2026-10-15",
            "street": "Domplatz 1",
            "max_hours_per_month": "10",
        }
    ]
    run("volunteers", rows)
    updated_at = Volunteer.objects.get().updated_at
    report = run("volunteers", rows)
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    assert Volunteer.objects.get().updated_at == updated_at
    assert Consent.objects.count() == CertificateInspection.objects.count() == 1


def test_what_the_volunteer_set_online_survives_a_reimport(db):
    run("volunteers", [VOLUNTEER])
    Volunteer.objects.update(motivation="Ich helfe gern.", travel_modes=["bike"])
    run("volunteers", [VOLUNTEER | {"max_distance_km": "8"}])
    volunteer = Volunteer.objects.get()
    assert (volunteer.motivation, volunteer.travel_modes) == ("Ich helfe gern.", ["bike"])


@pytest.mark.parametrize(
    ("changes", "column", "part"),
    [
        ({"availability": "mon 20:00-17:00"}, "availability", "is not after start"),
        ({"availability": "mon 17:00-20:00; mon 19:00-21:00"}, "availability", "overlaps"),
        ({"availability": "abends"}, "availability", "abends"),
        ({"skills": "accompaniment; juggling"}, "skills", "juggling"),
        ({"languages": "xx:native"}, "languages", "xx"),
        ({"languages": "ar:expert"}, "languages", "expert"),
        ({"languages": "ar"}, "languages", "code:level"),
        ({"max_distance_km": "0"}, "max_distance_km", "0"),
        ({"max_distance_km": "350"}, "max_distance_km", "200"),
        ({"email": "lena-at-example"}, "email", "lena-at-example"),
        ({"code_of_conduct": "vielleicht"}, "code_of_conduct", "yes"),
        ({"certificate_date": "2026-09-01"}, "certificate_inspected_on", "zusammen"),
        ({"certificate_date": "2026-01-01", "certificate_inspected_on": "2026-10-01"},
         "certificate_date", "90"),
    ],
)  # fmt: skip
def test_a_bad_cell_is_reported_and_nothing_is_saved(db, changes, column, part):
    report = run("volunteers", [VOLUNTEER | changes])
    assert len(report.errors) == 1, messages(report)
    assert messages(report)[0].startswith(f"row 2, column {column}: ")
    assert part in messages(report)[0]
    assert not User.objects.filter(email="lena@example.org").exists()
    assert not Notification.objects.exists()


def test_the_email_of_a_staff_account_is_refused(alice):
    report = run("volunteers", [VOLUNTEER | {"email": alice.email}])
    assert messages(report)[0].startswith("row 2, column email: ")
    assert User.objects.get(email=alice.email).role == "social_worker"


def test_an_email_twice_in_one_file_is_refused(db):
    report = run("volunteers", [VOLUNTEER, VOLUNTEER | {"external_id": "V-2"}])
    assert messages(report) == [
        "row 3, column email: Die E-Mail-Adresse lena@example.org kommt doppelt vor "
        "(zuerst in Zeile 2)."
    ]
    assert not Volunteer.objects.exists()

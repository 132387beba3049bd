"""Per-user preferences: channels per event kind, digest, language, SMS number."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from notifications.models import NotificationPreference
from notifications.services import SMS_NUMBER_REQUIRED, preference_save

pytestmark = pytest.mark.django_db


def test_a_user_who_never_chose_gets_the_event_defaults(victor):
    assert NotificationPreference(user=victor).channels_for("placement_approved") == ["email"]


def test_the_page_lists_only_events_for_my_role(client, victor):
    client.force_login(victor)
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert "Ein Einsatz wurde freigegeben" in page
    assert "Überfällige Entscheidungen in meinem Stadtbezirk" not in page


def test_the_page_saves_channels_digest_and_language(client, victor):
    client.force_login(victor)
    response = client.post(
        reverse("notifications:preferences"),
        {
            "email__placement_approved": "on",
            "sms__placement_approved": "on",
            "sms_number": "+49 170 1234567",
            "digest": "weekly",
            "language": "en",
        },
    )
    assert response.status_code == 302
    preference = NotificationPreference.objects.get(user=victor)
    assert preference.channels_for("placement_approved") == ["email", "sms"]
    assert preference.channels_for("placement_proposed") == []
    assert (preference.digest, preference.language) == ("weekly", "en")


def test_the_page_refuses_sms_without_a_number_and_saves_nothing(client, victor):
    client.force_login(victor)
    response = client.post(
        reverse("notifications:preferences"), {"sms__placement_approved": "on", "digest": "never"}
    )
    assert response.status_code == 200
    assert str(SMS_NUMBER_REQUIRED) in response.content.decode()
    assert 'aria-describedby="id_sms_number-errors"' in response.content.decode()
    assert not NotificationPreference.objects.exists()


def test_the_service_refuses_an_unknown_channel(victor):
    with pytest.raises(ValidationError):
        preference_save(user=victor, channels={"placement_approved": ["pigeon"]})
    assert not NotificationPreference.objects.exists()


def test_the_service_refuses_an_unknown_event_kind(victor):
    with pytest.raises(ValidationError):
        preference_save(user=victor, channels={"placement_exploded": ["email"]})


def test_the_api_reads_and_changes_preferences(client, victor):
    client.force_login(victor)
    response = client.patch(
        "/api/v1/notifications/preferences/", {"digest": "daily"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert response.json()["digest"] == "daily"
    assert client.get("/api/v1/notifications/preferences/").json()["digest"] == "daily"


def test_the_api_answers_400_for_a_bad_number(client, victor):
    client.force_login(victor)
    response = client.patch(
        "/api/v1/notifications/preferences/",
        {"sms_number": "call me"},
        content_type="application/json",
    )
    assert response.status_code == 400

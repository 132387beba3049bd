import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from lotse.accounts.models import Role, User

pytestmark = pytest.mark.django_db

GOOD_PASSWORD = "Fahrrad-Sprachcafe-2026"


def _signup(client, email="neu@example.org", password=GOOD_PASSWORD):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": password, "password2": password},
    )


def test_it_signs_up_a_volunteer_and_sends_a_verification_mail(client):
    response = _signup(client)
    assert response.status_code == 302
    user = User.objects.get(email="neu@example.org")
    assert user.role == Role.VOLUNTEER
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert "/accounts/confirm-email/" in mail.outbox[0].body


def test_it_verifies_the_email_from_the_link_and_logs_in(client):
    _signup(client)
    link = re.search(r"https?://[^/]+(/accounts/confirm-email/[^\s]+)", mail.outbox[0].body)[1]
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="neu@example.org").verified
    assert client.get(reverse("web:start")).status_code == 302


def test_it_does_not_log_in_before_verification(client):
    _signup(client)
    client.logout()
    response = client.post(
        reverse("account_login"), {"login": "neu@example.org", "password": GOOD_PASSWORD}
    )
    assert response.status_code == 302
    assert response.url == reverse("account_email_verification_sent")


def test_it_refuses_a_weak_password_and_saves_nothing(client):
    response = _signup(client, password="12345678")
    assert response.status_code == 200
    assert response.context["form"].errors["password1"]
    assert not User.objects.filter(email="neu@example.org").exists()


def test_it_refuses_an_email_already_registered(client, victor):
    response = _signup(client, email="VICTOR@example.org")
    # allauth prevents enumeration: no second account, and a notice goes to the owner.
    assert User.objects.filter(email__iexact="victor@example.org").count() == 1
    assert response.status_code in (200, 302)

"""Which language a page is in: first visit, the switcher, login, staff pages (issue 18)."""

import pytest
from django.conf import settings
from django.urls import reverse

from lotse.accounts.languages import PUBLIC_PAGES, is_public_page

from ..factories import PASSWORD

pytestmark = pytest.mark.django_db

COOKIE = settings.LANGUAGE_COOKIE_NAME


def _html_tag(response) -> str:
    text = response.content.decode()
    start = text.index("<html")
    return text[start : text.index(">", start) + 1]


def _choose(client, language: str, next_url: str = "/"):
    return client.post(reverse("set_language"), {"language": language, "next": next_url})


def test_it_offers_the_seven_languages_each_in_its_own_name():
    assert settings.LANGUAGES == [
        ("de", "Deutsch"),
        ("en", "English"),
        ("ar", "العربية"),
        ("fa", "فارسی"),
        ("uk", "Українська"),
        ("ru", "Русский"),
        ("tr", "Türkçe"),
    ]


def test_it_lists_each_language_with_its_lang_and_direction(client):
    page = client.get(reverse("web:home")).content.decode()
    assert '<option value="ar" lang="ar" dir="rtl">العربية</option>' in page
    assert '<option value="fa" lang="fa" dir="rtl">فارسی</option>' in page
    assert '<option value="uk" lang="uk" dir="ltr">Українська</option>' in page


def test_it_follows_the_browsers_language_on_the_first_visit(client):
    response = client.get(reverse("web:home"), HTTP_ACCEPT_LANGUAGE="uk,en;q=0.5")
    assert _html_tag(response) == '<html lang="uk" dir="ltr">'


def test_it_writes_arabic_pages_right_to_left(client):
    response = client.get(reverse("web:home"), HTTP_ACCEPT_LANGUAGE="ar")
    assert _html_tag(response) == '<html lang="ar" dir="rtl">'


def test_it_falls_back_to_german_for_an_unknown_language(client):
    client.cookies[COOKIE] = "xx"
    response = client.get(reverse("web:home"), HTTP_ACCEPT_LANGUAGE="xx-YY, zz;q=0.8")
    assert response.status_code == 200
    assert _html_tag(response) == '<html lang="de" dir="ltr">'


def test_it_refuses_an_unknown_language_from_the_switcher_without_error(client):
    response = _choose(client, "xx")
    assert response.status_code == 302
    assert COOKIE not in response.cookies


def test_it_keeps_a_choice_made_before_login_after_login(client, victor):
    _choose(client, "ar")
    client.post(reverse("account_login"), {"login": victor.email, "password": PASSWORD})
    victor.refresh_from_db()
    assert victor.preferred_language == "ar"
    page = client.get(reverse("web:volunteer_home"))
    assert _html_tag(page) == '<html lang="ar" dir="rtl">'


def test_it_stores_the_choice_of_a_logged_in_volunteer(client, victor):
    client.force_login(victor)
    _choose(client, "fa", reverse("web:volunteer_home"))
    victor.refresh_from_db()
    assert victor.preferred_language == "fa"


def test_it_restores_the_account_language_at_login_in_a_new_browser(client, victor):
    victor.preferred_language = "tr"
    victor.save()
    login = client.post(
        reverse("account_login"),
        {"login": victor.email, "password": PASSWORD},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert login.cookies[COOKIE].value == "tr"
    response = client.get(reverse("web:volunteer_home"), HTTP_ACCEPT_LANGUAGE="de")
    assert _html_tag(response) == '<html lang="tr" dir="ltr">'


def test_it_shows_staff_pages_in_german_to_a_social_worker_who_chose_arabic(client, alice):
    client.force_login(alice)
    _choose(client, "ar")
    alice.refresh_from_db()
    assert (alice.preferred_language, alice.staff_language) == ("ar", "de")
    staff_page = client.get(reverse("web:staff_home"))
    assert _html_tag(staff_page) == '<html lang="de" dir="ltr">'
    assert staff_page["Content-Language"] == "de"
    assert "Mitarbeiterseiten bleiben auf Deutsch oder Englisch" in staff_page.content.decode()


def test_it_shows_staff_pages_in_english_when_that_was_her_staff_choice(client, alice):
    client.force_login(alice)
    _choose(client, "en")
    _choose(client, "ru")
    alice.refresh_from_db()
    assert alice.staff_language == "en"
    assert _html_tag(client.get(reverse("needs:list"))) == '<html lang="en" dir="ltr">'


def test_it_shows_public_pages_to_staff_in_the_language_they_chose(client, alice):
    client.force_login(alice)
    _choose(client, "ar")
    assert _html_tag(client.get(reverse("safeguarding:new"))) == '<html lang="ar" dir="rtl">'


def test_it_treats_only_the_public_pages_as_public():
    assert is_public_page(reverse("web:home"))
    assert is_public_page(reverse("dashboard:transparency"))
    assert not is_public_page(reverse("web:staff_home"))
    assert not is_public_page(reverse("dashboard:overview"))
    assert not is_public_page("/admin/")
    assert all(":" in name for name in PUBLIC_PAGES)


def test_it_signs_up_a_volunteer_in_the_language_of_the_page(client):
    client.post(
        reverse("account_signup"),
        {"email": "neu@example.org", "password1": "Fahrrad-Sprachcafe-2026",
         "password2": "Fahrrad-Sprachcafe-2026"},
        HTTP_ACCEPT_LANGUAGE="uk",
    )  # fmt: skip
    from lotse.accounts.models import User

    assert User.objects.get(email="neu@example.org").preferred_language == "uk"


def test_the_sign_up_confirmation_comes_in_the_language_of_the_sign_up_page(client):
    """A volunteer who signs up on the Russian page gets the confirmation in Russian, with a
    working link, and keeps Russian on her account."""
    import re

    from django.core import mail

    from lotse.accounts.models import User

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ru"
    client.post(
        reverse("account_signup"),
        {"email": "olga@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    message = mail.outbox[-1]
    assert re.search("[\u0400-\u04ff]", message.subject) and re.search(
        "[\u0400-\u04ff]", message.body
    )
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", message.body)
    assert link and client.get(link.group(0)).status_code == 200
    assert User.objects.get(email="olga@example.org").preferred_language == "ru"


def test_a_link_from_a_message_opens_the_page_in_its_language_and_keeps_it(client, victor):
    client.force_login(victor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    response = client.get("/volunteer/?lang=uk")
    assert '<html lang="uk" dir="ltr">' in response.content.decode()
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "uk"
    assert '<html lang="uk"' in client.get("/volunteer/").content.decode()


@pytest.mark.parametrize("code", ["xx", "", "../de", "ar-XX-<b>"])
def test_an_unknown_language_in_a_link_changes_nothing(client, code):
    response = client.get("/", {"lang": code}, headers={"accept-language": "de"})
    assert response.status_code == 200
    assert '<html lang="de" dir="ltr">' in response.content.decode()


def test_a_staff_page_linked_in_arabic_stays_german_or_english(client, alice):
    client.force_login(alice)
    assert '<html lang="de"' in client.get("/staff/?lang=ar").content.decode()

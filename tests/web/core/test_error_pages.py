"""Error pages: branded, in German (Sie) and English, saying what happened and what to do next;
the server error page renders without the database; the API keeps answering JSON."""

from unittest import mock

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from django.test import Client, override_settings
from django.urls import path
from django.utils import translation

from lotse import urls as site_urls


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """A request in English leaves English active in this thread; later tests expect German."""
    yield
    translation.deactivate()


def boom(request):
    raise OperationalError("the database is down")


# This module doubles as a URLconf: the site's routes plus two that fail.
urlpatterns = [path("boom/", boom), path("api/boom/", boom), *site_urls.urlpatterns]
handler500 = site_urls.handler500
HERE = __name__

FRIENDLY = {
    404: {"de": "Diese Seite können wir nicht finden", "en": "We cannot find this page"},
    403: {"de": "Sie haben keinen Zugriff auf diese Seite",
          "en": "You do not have access to this page"},
    400: {"de": "Lotse konnte diese Anfrage nicht verstehen",
          "en": "Lotse could not understand this request"},
    500: {"de": "Bei uns ist etwas schiefgegangen", "en": "Something went wrong on our side"},
    "csrf": {"de": "Ihr Formular konnte nicht gesendet werden",
             "en": "Your form could not be sent"},
}  # fmt: skip
NAVIGATION = 'aria-label="{}"'
MAIN_NAVIGATION = {"de": "Hauptnavigation", "en": "Main navigation"}
LANGUAGES = ["de", "en"]


def _get(client, url, language, **kwargs):
    return client.get(url, HTTP_ACCEPT_LANGUAGE=language, **kwargs)


def _has_site_frame(page: str, language: str) -> bool:
    return (
        'class="site-header"' in page
        and 'class="site-footer"' in page
        and f'<html lang="{language}" dir="ltr">' in page
        and "INVALID<" not in page
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_explains_a_missing_page_with_navigation(client, language):
    response = _get(client, "/no-such-page/", language)
    page = response.content.decode()
    assert response.status_code == 404
    assert FRIENDLY[404][language] in page
    assert _has_site_frame(page, language)
    assert NAVIGATION.format(MAIN_NAVIGATION[language]) in page
    assert 'href="/"' in page and 'href="/accounts/login/"' in page


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_explains_a_forbidden_page_with_navigation(client, victor, language):
    client.force_login(victor)
    response = _get(client, "/data/", language)
    page = response.content.decode()
    assert response.status_code == 403
    assert FRIENDLY[403][language] in page
    assert _has_site_frame(page, language)
    assert NAVIGATION.format(MAIN_NAVIGATION[language]) in page
    assert 'href="/start/"' in page and 'href="/concerns/new/"' in page


def test_it_speaks_to_people_with_sie_on_the_forbidden_page(client, victor):
    client.force_login(victor)
    page = _get(client, "/data/", "de").content.decode().split("<main", 1)[1]
    assert "Sie " in page
    assert not any(f" {word} " in page for word in ("du", "dich", "dein", "deine"))


def test_it_keeps_the_status_code_out_of_the_headline(client):
    page = _get(client, "/no-such-page/", "en").content.decode()
    headline = page.split("<h1", 1)[1].split("</h1>", 1)[0]
    assert "404" not in headline and "Not Found" not in headline


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_explains_a_bad_request(client, language):
    response = _get(client, "/", language, HTTP_HOST="not-our-host.example")
    page = response.content.decode()
    assert response.status_code == 400
    assert FRIENDLY[400][language] in page
    assert _has_site_frame(page, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_shows_the_branded_page_when_a_form_lacks_its_security_token(facility_a1, language):
    client = Client(enforce_csrf_checks=True)
    response = client.post(
        "/concerns/new/",
        {"facility": facility_a1.pk, "category": "other", "text": "x"},
        HTTP_ACCEPT_LANGUAGE=language,
        HTTP_REFERER="http://testserver/concerns/new/",
    )
    page = response.content.decode()
    assert response.status_code == 403
    assert FRIENDLY["csrf"][language] in page
    assert _has_site_frame(page, language)
    assert 'href="http://testserver/concerns/new/"' in page  # reload the form's page
    assert "cookie" in page.lower()


def test_it_never_reloads_a_page_of_another_site(facility_a1):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/concerns/new/", {}, HTTP_REFERER="https://evil.example/form")
    page = response.content.decode()
    assert "evil.example" not in page
    assert 'href="/concerns/new/"' in page


@pytest.fixture
def database_down():
    with mock.patch.object(
        BaseDatabaseWrapper, "ensure_connection", side_effect=OperationalError("down")
    ):
        yield


@pytest.mark.parametrize("language", LANGUAGES)
@override_settings(DEBUG=False, ROOT_URLCONF=HERE)
def test_it_shows_the_server_error_page_when_the_database_is_unreachable(language, database_down):
    client = Client(raise_request_exception=False)
    response = _get(client, "/boom/", language)
    page = response.content.decode()
    assert response.status_code == 500
    assert FRIENDLY[500][language] in page
    assert 'class="site-header"' in page and "/static/lotse/site.css" in page
    assert f'<html lang="{language}" dir="ltr">' in page and "INVALID<" not in page
    assert "Münster" in page  # the city's name, from the settings


@override_settings(DEBUG=False, ROOT_URLCONF=HERE)
def test_it_answers_a_server_error_under_the_api_as_json(database_down):
    response = Client(raise_request_exception=False).get("/api/boom/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/problem+json"
    assert "detail" in response.json()


def test_it_keeps_the_api_404_as_json(client):
    response = client.get("/api/v1/no-such-thing/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


def test_it_keeps_the_api_403_as_json(client, victor):
    client.force_login(victor)
    response = client.get("/api/v1/districts/demand/")
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"

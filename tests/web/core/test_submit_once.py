"""A form sent twice does its work once (lotse.web.submit_once), shown on raising a concern."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.test import RequestFactory

from lotse.safeguarding.models import Concern
from lotse.web import submit_once
from lotse.web.submit_once import ALREADY_SENT, FIELD, PENDING, STILL_SENDING, new_token

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def _data(facility, token, text):
    data = {
        "facility": facility.pk,
        "subject": "situation",
        "category": "house_rules",
        "text": text,
    }
    if token is not None:
        data[FIELD] = token
    return data


def _key_of(facility, token, text="Nachts ist es laut."):
    request = RequestFactory().post("/concerns/new/", _data(facility, token, text))
    request.user = AnonymousUser()
    return submit_once._key(request, token)


def _raise(client, facility, token, text="Nachts ist es laut."):
    return client.post("/concerns/new/", _data(facility, token, text))


def test_every_post_form_carries_a_token(client):
    assert f'name="{FIELD}"' in client.get("/concerns/new/").content.decode()


def test_it_saves_once_when_the_form_is_sent_twice(client, facility_a1):
    token = new_token()
    first = _raise(client, facility_a1, token)
    second = _raise(client, facility_a1, token)
    assert Concern.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]
    assert str(ALREADY_SENT) in [str(m) for m in second.wsgi_request._messages]


def test_it_takes_changed_content_as_a_new_submission(client, facility_a1):
    token = new_token()
    _raise(client, facility_a1, token, text="Nachts ist es laut.")
    _raise(client, facility_a1, token, text="Und morgens auch.")
    assert Concern.objects.count() == 2


def test_it_leaves_forms_without_a_token_alone(client, facility_a1):
    _raise(client, facility_a1, None)
    _raise(client, facility_a1, None)
    assert Concern.objects.count() == 2


def test_it_frees_the_token_when_the_page_answers_with_the_form_again(client, facility_a1):
    token = new_token()
    first = _raise(client, facility_a1, token, text="")
    second = _raise(client, facility_a1, token, text="")
    assert first.status_code == second.status_code == 400


def test_a_second_copy_says_so_while_the_first_is_still_running(client, facility_a1, settings):
    settings.LOTSE_SUBMIT_ONCE_WAIT_SECONDS = 0.2
    token = new_token()
    _raise(client, facility_a1, token)
    cache.set(_key_of(facility_a1, token), PENDING)  # as if the first were still at work
    response = _raise(client, facility_a1, token)
    assert response.status_code == 409
    assert str(STILL_SENDING) in response.content.decode()
    assert Concern.objects.count() == 1

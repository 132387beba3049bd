"""The page header written once per language, role and unread count and kept per process
(`{% site_header %}`, issue 21): byte for byte what base.html's header template wrote — for
visitors and every role, in several languages and scripts, with and without unread messages,
with an address that holds markup — apart from its tokens, which are fresh and valid on every
request."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.fallback import FallbackStorage
from django.middleware.csrf import _unmask_cipher_token
from django.template import engines
from django.test import RequestFactory
from django.utils import translation

from lotse.web.submit_once import FIELD
from lotse.web.templatetags import site_header as kept

from ..factories import StaffFactory, UserFactory

pytestmark = pytest.mark.django_db
DATE_INDEPENDENT = "renders the page header; no date is shown"

# The header as base.html wrote it before it was kept (the reference).
HEADER_TEMPLATE = """{% load i18n static %}  <header class="site-header">
    <div class="wrap header-row">
      <a class="brand" href="{% url 'web:home' %}">{% if city_logo %}<img src="{% static city_logo %}" alt="" class="logo" width="40" height="40">{% endif %}<span>Lotse <span class="city">{{ city_name }}</span></span></a>
      {# One menu button on phones (works without JavaScript); the whole row on wide screens. #}
      <details class="menu">
        <summary>{% translate "Menu" %}</summary>
        <div class="menu-panel">
          <nav aria-label="{% translate 'Main navigation' %}">
            <ul class="nav work">
              {% if user.is_authenticated %}
                <li><a href="{% url 'web:start' %}">{% translate "My start page" %}</a></li>
                {% if user.role == "social_worker" %}<li><a href="{% url 'placements:queue' %}">{% translate "Decisions waiting for me" %}</a></li>{% elif user.role == "volunteer" %}<li><a href="{% url 'placements:list' %}">{% translate "My placements" %}</a></li>{% elif user.role == "facility_staff" %}<li><a href="{% url 'placements:list' %}">{% translate "Placements" %}</a></li>{% endif %}
                {% if user.is_staff_role %}<li><a href="{% url 'needs:list' %}">{% translate "Needs" %}</a></li>{% elif user.role == "volunteer" %}<li><a href="{% url 'volunteers:profile' %}">{% translate "My profile" %}</a></li>{% endif %}
                {% if user.role == "coordinator" or user.is_city_admin %}<li><a href="{% url 'dashboard:overview' %}">{% translate "District dashboard" %}</a></li>{% endif %}
                <li>{% load notifications_tags %}{% notifications_bell %}</li>
              {% else %}
                <li><a href="{% url 'account_login' %}">{% translate "Log in" %}</a></li>
                <li><a href="{% url 'account_signup' %}">{% translate "Sign up as a volunteer" %}</a></li>
              {% endif %}
            </ul>
            {% if user.is_authenticated %}
              <details class="account">
                <summary>{% translate "Account" %}</summary>
                <ul class="nav">
                  <li><a href="{% url 'account_email' %}">{% translate "E-mail addresses" %}</a></li>
                  <li><a href="{% url 'mfa_index' %}">{% translate "Two-factor authentication" %}</a></li>
                  {% if user.is_staff_role %}<li><a href="{% url 'accounts:api_tokens' %}">{% translate "API tokens" %}</a></li>{% endif %}
                  <li>
                    <form method="post" action="{% url 'account_logout' %}">{% csrf_token %}{% submit_once %}
                      <button type="submit" class="link-button">{% translate "Log out" %}</button>
                    </form>
                  </li>
                </ul>
              </details>
            {% endif %}
          </nav>
          <form class="lang-switch" action="{% url 'set_language' %}" method="post">{% csrf_token %}{% submit_once %}
            <input name="next" type="hidden" value="{{ request.get_full_path }}">
            {# A globe: recognisable by someone who cannot read the page's language yet. #}
            <svg class="globe" viewBox="0 0 24 24" aria-hidden="true" focusable="false"><g fill="none" stroke="currentColor" stroke-width="1.6"><circle cx="12" cy="12" r="9.5"/><ellipse cx="12" cy="12" rx="4.2" ry="9.5"/><path d="M2.5 12h19M4 7h16M4 17h16"/></g></svg>
            <label for="language-select">{% translate "Language" %}</label>
            {# Each language in its own name and script, whatever the page's language. #}
            <select id="language-select" name="language" autocomplete="off">
              {% language_choices as choices %}
              {% for choice in choices %}
                <option value="{{ choice.code }}" lang="{{ choice.code }}" dir="{{ choice.dir }}"{% if choice.selected %} selected{% endif %}>{{ choice.name }}</option>
              {% endfor %}
            </select>
            <button type="submit">{% translate "Switch" %}</button>
          </form>
        </div>
      </details>
    </div>
  </header>
"""  # noqa: E501

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([A-Za-z0-9]+)"')
ONCE_INPUT = re.compile(rf'name="{FIELD}" value="([0-9a-f]{{32}})"')
PATH = '/needs/?q=<b>&status="open"&x=\u00e4'


def _user(role):
    if role == "anonymous":
        return AnonymousUser()
    if role == "volunteer":
        return UserFactory(role="volunteer")
    return StaffFactory(role=role, is_superuser=False)


def _render(source: str, user):
    request = RequestFactory().get(PATH)
    request.user, request.session = user, {}
    request._messages = FallbackStorage(request)
    return engines["django"].from_string(source).render({}, request), request


def _tokens_apart(html: str) -> tuple[str, list[str], list[str]]:
    csrf, once = CSRF_INPUT.findall(html), ONCE_INPUT.findall(html)
    html = CSRF_INPUT.sub('name="csrfmiddlewaretoken" value="T"', html)
    return ONCE_INPUT.sub(f'name="{FIELD}" value="O"', html), csrf, once


ROLES = ["anonymous", "volunteer", "social_worker", "facility_staff", "coordinator", "admin"]


@pytest.mark.parametrize("lang", ["de", "en", "ar", "uk", "tr"])
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("unread", [0, 1, 3])
def test_the_header_is_the_templates_bytes(lang, role, unread, monkeypatch):
    import notifications.templatetags.notifications_tags as bell

    monkeypatch.setattr(kept, "unread_count", lambda user: unread)
    monkeypatch.setattr(bell, "unread_count", lambda user: unread)
    user = _user(role)
    with translation.override(lang):
        expected, _ = _render(HEADER_TEMPLATE, user)
        for _ in range(2):  # written, then kept
            written, request = _render("{% load site_header %}{% site_header %}", user)
            written, csrf, once = _tokens_apart(written)
            assert written == _tokens_apart(expected)[0]
    forms = 2 if role != "anonymous" else 1
    assert ('class="badge"' in written) == (unread > 0 and role != "anonymous")
    assert written.count("<option ") > 2
    assert len(csrf) == len(once) == forms
    assert 'value="/needs/?q=%3Cb%3E&amp;status=%22open%22&amp;x=' in written
    cookie = request.META["CSRF_COOKIE"]
    assert all(_unmask_cipher_token(token) == cookie for token in csrf)
    assert len(set(once)) == forms  # a fresh submit-once token for every form


def test_it_is_written_once_per_key(monkeypatch):
    kept.forget()
    rendered = []
    real = kept._written
    monkeypatch.setattr(kept, "_written", lambda *a: rendered.append(1) or real(*a))
    volunteer, other = UserFactory(role="volunteer"), UserFactory(role="volunteer")
    with translation.override("de"):
        for user in (volunteer, other, volunteer):
            _render("{% load site_header %}{% site_header %}", user)
        assert len(rendered) == 1
        _render("{% load site_header %}{% site_header %}", StaffFactory(role="coordinator"))
    with translation.override("en"):
        _render("{% load site_header %}{% site_header %}", volunteer)
    assert len(rendered) == 3


def test_a_changed_setting_is_seen(settings):
    user = UserFactory(role="volunteer")
    with translation.override("de"):
        _render("{% load site_header %}{% site_header %}", user)
        settings.LANGUAGES = [("de", "Deutsch"), ("en", "English")]
        written, _ = _render("{% load site_header %}{% site_header %}", user)
    assert written.count("<option ") == 2


def test_without_a_request_it_writes_the_template():
    written = engines["django"].from_string("{% load site_header %}{% site_header %}").render({})
    assert '<header class="site-header">' in written
    assert "csrfmiddlewaretoken" not in written

"""Render a notification in the recipient's language: subject, one-liner, plain text, HTML.

A dedicated template engine finds notifications/events/<kind>.txt in every app. A variable the
context lacks raises MissingTemplateVariable: in strict mode (tests) it propagates, otherwise
the message falls back to a generic text that needs nothing but the event's label.
"""

import logging
import re
from dataclasses import dataclass
from functools import lru_cache

from django.template import Context, TemplateDoesNotExist, TemplateSyntaxError
from django.template.backends.django import DjangoTemplates
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

from . import conf
from .errors import MissingTemplateVariable
from .events import get_event

log = logging.getLogger(__name__)

# Names the renderer sets itself; a caller's context must not use them.
RESERVED = frozenset(
    {"recipient_name", "site_url", "inbox_url", "preferences_url", "action_url", "event_label"}
    | {"part", "body"}
)


class _RaiseOnMissing(str):
    """Django formats string_if_invalid with the variable's name: we raise instead."""

    def __mod__(self, variable):
        raise MissingTemplateVariable(f"template variable {str(variable)!r} is missing")


@lru_cache(maxsize=1)
def _engine():
    backend = DjangoTemplates(
        {
            "NAME": "notifications",
            "DIRS": [],
            "APP_DIRS": True,
            "OPTIONS": {"autoescape": False, "string_if_invalid": _RaiseOnMissing("%s")},
        }
    )
    return backend.engine


@dataclass(frozen=True)
class Rendered:
    subject: str
    short: str
    text: str
    html: str
    language: str
    fallback: bool = False


def absolute(path: str) -> str:
    return conf.site_url() + path


def in_language(url: str, language: str) -> str:
    """A link that opens the page in the message's language (when the site's default is not it),
    so a volunteer on a new device lands in her language, logged in or not."""
    parameter = conf.language_parameter()
    if not url or not parameter or language == conf.default_language():
        return url
    return f"{url}{'&' if '?' in url else '?'}{parameter}={language}"


def _action_url(context: dict, language: str) -> str:
    url = context.get("url") or ""
    # Only our own pages: a context must never turn an e-mail into an open redirect.
    if isinstance(url, str) and url.startswith("/") and url_has_allowed_host_and_scheme(url, None):
        return in_language(absolute(url), language)
    return ""


def _frame(kind: str, context: dict, recipient_name: str, language: str) -> dict:
    return {
        **context,
        "recipient_name": recipient_name,
        "site_url": conf.site_url(),
        "inbox_url": in_language(absolute(reverse("notifications:inbox")), language),
        "preferences_url": in_language(absolute(reverse("notifications:preferences")), language),
        "action_url": _action_url(context, language),
        "event_label": str(get_event(kind).label),
    }


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _paragraphs(text: str) -> str:
    lines = [line.rstrip() for line in text.strip().splitlines()]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines))


def _render_parts(template_name: str, frame: dict, language: str, fallback: bool) -> Rendered:
    engine = _engine()
    template = engine.get_template(template_name)
    subject = _one_line(template.render(_ctx(engine, frame, part="subject")))
    short = _one_line(template.render(_ctx(engine, frame, part="short")))
    body = _paragraphs(template.render(_ctx(engine, frame, part="body")))
    layout = {**frame, "subject": subject, "body": body}
    text = engine.get_template("notifications/email/message.txt").render(_ctx(engine, layout))
    html = engine.get_template("notifications/email/message.html").render(_ctx(engine, layout))
    return Rendered(subject, short, _paragraphs(text) + "\n", html, language, fallback)


def _ctx(engine, values: dict, **extra) -> Context:
    return Context({**values, **extra}, autoescape=engine.autoescape)


def render_message(*, kind: str, context: dict, language: str, recipient_name: str) -> Rendered:
    """Render `kind` with `context`; strict mode raises on a missing variable or template."""
    with translation.override(language):
        # The frame holds translated labels: build it in the recipient's language.
        frame = _frame(kind, context, recipient_name, language)
        try:
            return _render_parts(f"notifications/events/{kind}.txt", frame, language, False)
        except (MissingTemplateVariable, TemplateDoesNotExist, TemplateSyntaxError) as exc:
            if conf.strict_templates():
                raise
            log.error("notification template %s failed, sending the fallback: %s", kind, exc)
        bare = {k: frame[k] for k in RESERVED if k in frame}
        return _render_parts("notifications/events/fallback.txt", bare, language, True)

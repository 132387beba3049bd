"""`{% site_header %}`: the page header of base.html, kept per process (issue 21).

The header (`_site_header.html`: navigation, account menu, language switch) took three
quarters of base.html's rendering on every page, yet differs only by the language, the
user's role, whether she is logged in, her unread count and the city — and, per request, by
its two CSRF tokens, its two submit-once tokens and the page's address. It is rendered once
per such key with markers where the per-request parts go, kept, and filled in for each request.
tests/web/core/test_site_header.py compares it with the template rendered as it was.
"""

import re
import threading

from django import template
from django.core.signals import setting_changed
from django.middleware.csrf import get_token
from django.template import Context
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from lotse.web.submit_once import FIELD, new_token
from notifications.selectors import unread_count

register = template.Library()

TEMPLATE = "_site_header.html"
KEPT_AT_MOST = 2_000
CSRF, ONCE, PATH = "\x00csrf\x00", "\x00once\x00", "\x00path\x00"
_ONCE_WRITTEN = re.compile(
    rf'(<input type="hidden" name="{re.escape(FIELD)}" value=")[0-9a-f]{{32}}(">)'
)
_MARKERS = re.compile(f"({re.escape(CSRF)}|{re.escape(ONCE)}|{re.escape(PATH)})")
_kept: dict[tuple, list[str]] = {}
_lock = threading.Lock()


class _Path:
    """The request as the header reads it, with a marker for its address."""

    @staticmethod
    def get_full_path() -> str:
        return PATH


@register.simple_tag(takes_context=True)
def site_header(context) -> SafeString:
    request, user = context.get("request"), context.get("user")
    if request is None or user is None or context.get("csrf_token") is None:
        # Rendered without a request (no CSRF token to give): as the template says.
        return mark_safe(_written(context.template.engine, context))  # noqa: S308 - a template
    logged_in = bool(user.is_authenticated)
    unread = unread_count(user) if logged_in else 0
    key = (
        get_language(), logged_in, getattr(user, "role", ""),
        bool(getattr(user, "is_staff_role", False)), bool(getattr(user, "is_city_admin", False)),
        unread, context.get("city_name"), context.get("city_logo"),
    )  # fmt: skip
    parts = _kept.get(key)
    if parts is None:
        parts = _parts(context.template.engine, user, unread, context)
        with _lock:
            if len(_kept) >= KEPT_AT_MOST:
                _kept.clear()
            _kept[key] = parts
    token, path = get_token(request), escape(request.get_full_path())
    filled = {CSRF: token, PATH: path}
    out = [filled.get(part) or (new_token() if part == ONCE else part) for part in parts]
    return mark_safe("".join(out))  # noqa: S308 - the template's output and escaped values


def _parts(engine, user, unread: int, context) -> list[str]:
    """The header for this key, split at the markers (each marker kept as a part)."""
    values = {
        "user": user, "request": _Path(), "csrf_token": CSRF, "bell_unread": unread,
        "city_name": context.get("city_name"), "city_logo": context.get("city_logo"),
    }  # fmt: skip
    written = _written(engine, Context(values, autoescape=context.autoescape))
    written = _ONCE_WRITTEN.sub(lambda m: m.group(1) + ONCE + m.group(2), written)
    return [part for part in _MARKERS.split(written) if part]


def _written(engine, context) -> str:
    written = engine.get_template(TEMPLATE).render(context)
    return written.removeprefix("\n")


def forget(**_kwargs) -> None:
    """Drop the kept headers (a changed setting in tests; a deployment changes templates and
    settings by restarting)."""
    with _lock:
        _kept.clear()


setting_changed.connect(forget, dispatch_uid="lotse-site-header-forget")

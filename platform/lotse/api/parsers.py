"""The API's JSON parser: what the standard parser lets through but nothing behind it can store
or answer — a lone surrogate (no UTF-8 form: the error message that echoes it fails to encode),
a NUL character (PostgreSQL text refuses it), nesting deeper than any request of ours — is a 400
with a message, before a view sees it (issue 17, finding 8)."""

from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser

MAX_DEPTH = 32
TOO_DEEP = _("The JSON body is nested too deeply (at most %(depth)s levels).")
NO_UTF8 = _("The JSON body contains a character that has no UTF-8 form (a lone surrogate).")
HAS_NUL = _("The JSON body contains a NUL character, which cannot be stored.")


def _check_text(text: str) -> None:
    if "\x00" in text:
        raise ParseError(HAS_NUL)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ParseError(NO_UTF8) from None


def check_json_value(value) -> None:
    """Walk the parsed body without recursion; raise ParseError on what cannot be stored."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise ParseError(TOO_DEEP % {"depth": MAX_DEPTH})
        if isinstance(item, str):
            _check_text(item)
        elif isinstance(item, dict):
            for key, child in item.items():
                _check_text(key)
                stack.append((child, depth + 1))
        elif isinstance(item, list):
            stack.extend((child, depth + 1) for child in item)


class StrictJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError(TOO_DEEP % {"depth": MAX_DEPTH}) from None
        check_json_value(data)
        return data

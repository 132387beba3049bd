"""Left-to-right islands in right-to-left pages, and the language switcher.

Numbers, postcodes, e-mail addresses, phone numbers and times keep their order inside Arabic or
Persian text when wrapped: `{{ volunteer.email|ltr }}` gives `<bdi dir="ltr">…</bdi>`. The value
is escaped; a left-to-right page gets the same markup (harmless: it isolates the value).
"""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language, get_language_bidi, get_language_info

register = template.Library()


@register.filter(is_safe=True)
def ltr(value) -> str:
    """The value in its own left-to-right island (empty stays empty)."""
    if value is None or value == "":
        return ""
    return format_html('<bdi dir="ltr">{}</bdi>', value)


@register.simple_tag
def html_dir() -> str:
    return "rtl" if get_language_bidi() else "ltr"


@register.simple_tag
def language_choices() -> list[dict]:
    """Each interface language in its own name, with the `lang` and `dir` to show it in."""
    current = get_language()
    return [
        {"code": code, "name": name, "dir": _direction(code), "selected": code == current}
        for code, name in settings.LANGUAGES
    ]


def _direction(code: str) -> str:
    try:
        return "rtl" if get_language_info(code)["bidi"] else "ltr"
    except KeyError:
        return "rtl" if code.split("-")[0] in settings.LANGUAGES_BIDI else "ltr"

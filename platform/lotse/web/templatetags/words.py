"""Template filters for words, not codes (lotse.core.words)."""

from django import template

from lotse.core import words
from lotse.core.phones import phone_display

register = template.Library()


@register.filter
def schedule_words(text: str) -> str:
    return words.schedule_words(text)


@register.filter
def weekly_hours(text: str) -> str:
    return words.weekly_hours_words(text)


@register.simple_tag
def component_label(name: str) -> str:
    return words.component_label(name)


@register.filter
def phone(stored: str) -> str:
    """A stored E.164 number as people dial it: "0251 123456", "+90 532 123 45 67"."""
    return phone_display(stored)

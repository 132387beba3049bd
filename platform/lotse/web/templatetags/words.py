"""Template filters for words, not codes (lotse.core.words)."""

from django import template

from lotse.core import words

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

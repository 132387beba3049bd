"""`{% submit_once %}`: the one-time token of a POST form (lotse.web.submit_once)."""

from django import template
from django.utils.html import format_html

from lotse.web.submit_once import FIELD, new_token

register = template.Library()


@register.simple_tag
def submit_once() -> str:
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())

import datetime as dt

from django import template
from django.utils import formats, timezone
from django.utils.dateparse import parse_date, parse_datetime

from ..selectors import unread_count

register = template.Library()


@register.filter
def when(value) -> str:
    """A date or datetime (or its ISO text, as contexts store it) in the active language."""
    if isinstance(value, str):
        value = parse_datetime(value) if "T" in value else parse_date(value)
    if isinstance(value, dt.datetime):
        if timezone.is_aware(value):
            value = timezone.localtime(value)
        # The date as the language writes it, then a 24-hour time (no "a.m." in mid-sentence).
        return f"{formats.date_format(value, 'DATE_FORMAT')}, {value:%H:%M}"
    if isinstance(value, dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    return ""


@register.inclusion_tag("notifications/_bell.html", takes_context=True)
def notifications_bell(context) -> dict:
    """The bell with the unread count; `bell_unread` in the context is the count already read
    (the page header, kept per count)."""
    unread = context.get("bell_unread")
    if unread is None:
        user = context.get("user")
        unread = unread_count(user) if user is not None else 0
    return {"unread": unread}

import datetime as dt

from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import date_format, number_format

register = template.Library()


@register.filter
def cell(value) -> str:
    """A table cell for people: "–" for unknown, localised numbers and dates."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return number_format(value, force_grouping=True)
    if isinstance(value, float):
        return floatformat(value, "-2g")
    if isinstance(value, dt.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


@register.filter
def more_than_shown(table) -> bool:
    return table.total is not None and table.total > len(table.rows)


@register.filter
def get(mapping: dict, key):
    return mapping.get(key, key)

import datetime as dt

from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import date_format, number_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe

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


@register.simple_tag
def table_rows(table) -> str:
    """The <tbody> rows of a dashboard table, built in Python: the big tables have thousands
    of cells, and a template loop per cell costs more than the query behind them."""
    lines = []
    for cells, link in table.lines:
        first, _numeric = cells[0]
        head = cell(first)
        head = format_html('<a href="{}">{}</a>', link, head) if link else conditional_escape(head)
        rest = "".join(
            format_html('<td class="num">{}</td>', cell(value)) if numeric
            else format_html("<td>{}</td>", cell(value))
            for value, numeric in cells[1:]
        )  # fmt: skip
        lines.append(f'<tr><th scope="row">{head}</th>{rest}</tr>')
    return mark_safe("\n".join(lines))  # noqa: S308 - every cell above is escaped

import datetime as dt
import functools

from django import template
from django.template.defaultfilters import floatformat
from django.utils.formats import date_format, number_format
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.filter
def cell(value) -> str:
    """A table cell for people: "–" for unknown, localised numbers and dates."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | float):
        return _number(value, type(value), get_language())
    if isinstance(value, dt.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


@functools.lru_cache(maxsize=8192)
def _number(value: int | float, kind: type, language: str | None) -> str:
    """A number in the language's format, kept per process: a dashboard has hundreds of
    cells, mostly the same small counts, and each format look-up costs ~7 µs. `kind` keeps
    1 and 1.0 apart (they are equal, so one key without it)."""
    if kind is int:
        return number_format(value, force_grouping=True)
    return floatformat(value, "-2g")


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
            f'<td class="num">{conditional_escape(cell(value))}</td>' if numeric
            else f"<td>{conditional_escape(cell(value))}</td>"
            for value, numeric in cells[1:]
        )  # fmt: skip
        lines.append(f'<tr><th scope="row">{head}</th>{rest}</tr>')
    return mark_safe("\n".join(lines))  # noqa: S308 - every cell above is escaped

"""Line charts drawn on the server as SVG: no script, no external library, no inline style.

Series differ by colour, dash pattern and marker shape, so no information rests on colour
alone; each chart has a title and a description for screen readers, and the page puts the
same numbers in a table next to it.
"""

import math
from dataclasses import dataclass

from django.utils.formats import date_format, number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import pgettext

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 52, 16, 40, 44
# Colour (contrast >= 3:1 on white), dash pattern, marker.
STYLES = [("#00558c", "", "circle"), ("#a4161a", "6 4", "square"), ("#1f6e3a", "2 3", "triangle")]


@dataclass(frozen=True)
class Series:
    label: str
    values: list[float]


def _nice_top(value: float) -> float:
    if value <= 0:
        return 1.0
    magnitude = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * magnitude:
            return step * magnitude
    return 10 * magnitude


def _marker(shape: str, x: float, y: float, colour: str) -> str:
    if shape == "square":
        return f'<rect x="{x - 3.5:.1f}" y="{y - 3.5:.1f}" width="7" height="7" fill="{colour}"/>'
    if shape == "triangle":
        points = f"{x:.1f},{y - 4.5:.1f} {x - 4.5:.1f},{y + 3.5:.1f} {x + 4.5:.1f},{y + 3.5:.1f}"
        return f'<polygon points="{points}" fill="{colour}"/>'
    return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="{colour}"/>'


def line_chart(*, chart_id: str, title: str, description: str, labels: list, series) -> SafeString:
    """An SVG line chart of `series` over the x `labels` (dates)."""
    top = _nice_top(max((v for s in series for v in s.values), default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(labels) - 1, 1)

    def x(i: int) -> float:
        return LEFT + i * step

    def y(v: float) -> float:
        return TOP + plot_h * (1 - v / top)

    parts = [
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc" xmlns="http://www.w3.org/2000/svg">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        *_grid(top, plot_w, y),
        *_x_labels(labels, x),
    ]
    for k, s in enumerate(series):
        parts += _line(s, STYLES[k % len(STYLES)], x, y)
        parts += _legend_entry(k, s.label, STYLES[k % len(STYLES)])
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _grid(top: float, plot_w: float, y) -> list[str]:
    parts = []
    for k in range(5):
        value = top * k / 4
        yy = y(value)
        parts.append(f'<line x1="{LEFT}" y1="{yy:.1f}" x2="{LEFT + plot_w}" y2="{yy:.1f}" '
                     'stroke="#d0d7de" stroke-width="1"/>')  # fmt: skip
        # In the reader's locale: “1.000” and “0,25” in German, “1,000” and “0.25” in English.
        text = number_format(value, decimal_pos=0 if top >= 4 else 2, force_grouping=True)
        parts.append(f'<text x="{LEFT - 6}" y="{yy + 4:.1f}" text-anchor="end" font-size="11" '
                     f'fill="#4a5560">{text}</text>')  # fmt: skip
    return parts


def _x_labels(labels: list, x) -> list[str]:
    parts, day_month = [], pgettext("day and month on a chart axis", "d/m")
    for i, label in enumerate(labels):
        if i % 2:
            continue
        text = escape(date_format(label, day_month) if hasattr(label, "year") else str(label))
        parts.append(f'<text x="{x(i):.1f}" y="{HEIGHT - BOTTOM + 18}" text-anchor="middle" '
                     f'font-size="11" fill="#4a5560">{text}</text>')  # fmt: skip
    return parts


def _line(series: Series, style, x, y) -> list[str]:
    colour, dash, shape = style
    points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(series.values))
    dashing = f' stroke-dasharray="{dash}"' if dash else ""
    parts = [f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"'
             f"{dashing}/>"]  # fmt: skip
    parts += [_marker(shape, x(i), y(v), colour) for i, v in enumerate(series.values)]
    return parts


def _legend_entry(k: int, label: str, style) -> list[str]:
    colour, dash, shape = style
    left = LEFT + k * 190
    dashing = f' stroke-dasharray="{dash}"' if dash else ""
    return [
        f'<line x1="{left}" y1="16" x2="{left + 28}" y2="16" stroke="{colour}" '
        f'stroke-width="2"{dashing}/>',
        _marker(shape, left + 14, 16, colour),
        f'<text x="{left + 34}" y="20" font-size="12" fill="#1b1f24">{escape(label)}</text>',
    ]

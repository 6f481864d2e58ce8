"""Server-drawn SVG charts (no JavaScript, no CDN).

Each function takes plain numbers and labels and returns safe SVG markup;
colours come from ``static/css/progress.css`` through class names, so the
markup carries no ``style`` attribute. The templates show every chart next to
a table with the same numbers (the accessible alternative), and the SVG itself
is ``aria-hidden`` with a text title for sighted mouse users.
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe

WIDTH = 640
HEIGHT = 220
LEFT = 44
RIGHT = 12
TOP = 12
BOTTOM = 30


def _scale(value, low, high, pixels):
    if high == low:
        return 0.0
    return (value - low) / (high - low) * pixels


def _n(value):
    return f"{value:.1f}"


def _ticks(low, high, count=4):
    step = (high - low) / count
    return [low + step * i for i in range(count + 1)]


def _fmt(value):
    return f"{value:g}" if isinstance(value, float) and not value.is_integer() else f"{int(value)}"


def _frame(title, body, *, low, high, labels, plot_w, plot_h, y_suffix="", ticks=4):
    grid = format_html_join(
        "",
        '<line class="chart-grid" x1="{}" x2="{}" y1="{}" y2="{}"></line>'
        '<text class="chart-tick" x="{}" y="{}" text-anchor="end">{}{}</text>',
        (
            (LEFT, LEFT + plot_w, _n(TOP + plot_h - _scale(t, low, high, plot_h)),
             _n(TOP + plot_h - _scale(t, low, high, plot_h)), LEFT - 6,
             _n(TOP + plot_h - _scale(t, low, high, plot_h) + 4), _fmt(round(t, 1)), y_suffix)
            for t in _ticks(low, high, ticks)
        ),
    )
    n = len(labels)
    shown = {0, n - 1, n // 2} if n > 3 else set(range(n))
    step = plot_w / max(n, 1)
    x_labels = format_html_join(
        "",
        '<text class="chart-tick" x="{}" y="{}" text-anchor="middle">{}</text>',
        ((_n(LEFT + step * (i + 0.5)), HEIGHT - 8, label) for i, label in enumerate(labels) if i in shown),
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" width="100%" preserveAspectRatio="xMidYMid meet" '
        'xmlns="http://www.w3.org/2000/svg" aria-hidden="true" focusable="false"><title>{}</title>'
        '{}{}{}</svg>',
        WIDTH, HEIGHT, title, grid, body, x_labels,
    )


def bar_chart(values, labels, *, title, high=None, extra=None, y_suffix=""):
    """Vertical bars; ``extra`` (same length) is stacked on top in a second class (e.g. carried over)."""
    extra = extra or [0] * len(values)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    if high is None:  # a round top that four grid steps divide evenly
        high = max([a + b for a, b in zip(values, extra)] + [1])
        high = -(-high // 4) * 4
    top = high
    step = plot_w / max(len(values), 1)
    width = step * 0.7
    bars = []
    for i, (value, more) in enumerate(zip(values, extra)):
        x = LEFT + step * i + (step - width) / 2
        h = _scale(value, 0, top, plot_h)
        h2 = _scale(more, 0, top, plot_h)
        bars.append(format_html(
            '<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}"></rect>',
            _n(x), _n(TOP + plot_h - h), _n(width), _n(h)))
        if more:
            bars.append(format_html(
                '<rect class="chart-bar-extra" x="{}" y="{}" width="{}" height="{}"></rect>',
                _n(x), _n(TOP + plot_h - h - h2), _n(width), _n(h2)))
    return _frame(title, mark_safe("".join(bars)), low=0, high=top, labels=labels, plot_w=plot_w,
                  plot_h=plot_h, y_suffix=y_suffix)


def line_chart(values, labels, *, title, low, high, reference=None, y_suffix="", ticks=4):
    """Points joined by a line (``None`` values are gaps); ``reference`` draws a dashed horizontal line."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(values), 1)
    points = [
        (LEFT + step * (i + 0.5), TOP + plot_h - _scale(min(max(v, low), high), low, high, plot_h))
        for i, v in enumerate(values) if v is not None
    ]
    parts = []
    if reference is not None:
        y = TOP + plot_h - _scale(reference, low, high, plot_h)
        parts.append(format_html(
            '<line class="chart-reference" x1="{}" x2="{}" y1="{}" y2="{}"></line>',
            LEFT, LEFT + plot_w, _n(y), _n(y)))
    if len(points) > 1:
        parts.append(format_html('<polyline class="chart-line" points="{}"></polyline>',
                                 " ".join(f"{x:.1f},{y:.1f}" for x, y in points)))
    parts.extend(format_html('<circle class="chart-dot" cx="{}" cy="{}" r="4"></circle>', _n(x), _n(y))
                 for x, y in points)
    return _frame(title, mark_safe("".join(parts)), low=low, high=high, labels=labels, plot_w=plot_w,
                  plot_h=plot_h, y_suffix=y_suffix, ticks=ticks)

"""Server-drawn SVG charts (no JavaScript, no CDN).

Each function takes plain numbers and labels and returns safe SVG markup;
colours come from ``static/css/progress.css`` through class names, so the
markup carries no ``style`` attribute. The markup is written with f-strings: every value in it is a number
this module formats, except the title, labels and suffix, which are escaped (``format_html`` per element was
most of a first dashboard render's chart time). The templates show every chart next to
a table with the same numbers (the accessible alternative), and the SVG itself
is ``aria-hidden`` with a text title for sighted mouse users; the ``<figure>`` around it is named by its
section's heading (``aria-labelledby``), not by its colour key.
"""

from __future__ import annotations

from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe

WIDTH = 640
HEIGHT = 220
LEFT = 64  # room for "100%" and "1000" at the tick size a phone needs (progress.css: 20 units under 40rem)
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
    suffix = escape(y_suffix)
    grid = []
    for t in _ticks(low, high, ticks):
        y = TOP + plot_h - _scale(t, low, high, plot_h)
        grid.append(f'<line class="chart-grid" x1="{LEFT}" x2="{LEFT + plot_w}" y1="{_n(y)}" y2="{_n(y)}"></line>'
                    f'<text class="chart-tick" x="{LEFT - 6}" y="{_n(y + 4)}" text-anchor="end">'
                    f"{_fmt(round(t, 1))}{suffix}</text>")
    n = len(labels)
    shown = {0, n - 1, n // 2} if n > 3 else set(range(n))
    step = plot_w / max(n, 1)

    def x_label(i):  # a spread-out axis's end labels line up with its ends: centred, "11-26 14:05" overran them
        if n > 3 and i == 0:
            return f"{LEFT}", "start"
        if n > 3 and i == n - 1:
            return f"{LEFT + plot_w}", "end"
        return _n(LEFT + step * (i + 0.5)), "middle"

    x_labels = "".join(
        f'<text class="chart-tick" x="{x}" y="{HEIGHT - 8}" text-anchor="{anchor}">{escape(label)}</text>'
        for i, label in enumerate(labels) if i in shown
        for x, anchor in [x_label(i)]
    )
    return mark_safe(
        f'<svg class="chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" preserveAspectRatio="xMidYMid meet" '
        f'xmlns="http://www.w3.org/2000/svg" aria-hidden="true" focusable="false"><title>{escape(title)}</title>'
        f'{"".join(grid)}{body}{x_labels}</svg>'
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
        bars.append(f'<rect class="chart-bar" x="{_n(x)}" y="{_n(TOP + plot_h - h)}" width="{_n(width)}" '
                    f'height="{_n(h)}"></rect>')
        if more:
            bars.append(f'<rect class="chart-bar-extra" x="{_n(x)}" y="{_n(TOP + plot_h - h - h2)}" '
                        f'width="{_n(width)}" height="{_n(h2)}"></rect>')
    return _frame(title, "".join(bars), low=0, high=top, labels=labels, plot_w=plot_w, plot_h=plot_h,
                  y_suffix=y_suffix)


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
        parts.append(f'<line class="chart-reference" x1="{LEFT}" x2="{LEFT + plot_w}" y1="{_n(y)}" y2="{_n(y)}">'
                     "</line>")
    if len(points) > 1:
        parts.append('<polyline class="chart-line" points="'
                     + " ".join(f"{x:.1f},{y:.1f}" for x, y in points) + '"></polyline>')
    parts.extend(f'<circle class="chart-dot" cx="{_n(x)}" cy="{_n(y)}" r="4"></circle>' for x, y in points)
    return _frame(title, "".join(parts), low=low, high=high, labels=labels, plot_w=plot_w, plot_h=plot_h,
                  y_suffix=y_suffix, ticks=ticks)

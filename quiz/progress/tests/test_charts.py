"""Server-drawn SVG: safe labels, bars scaled to the data, a reference line where asked."""

import re

from quiz.progress import charts


def test_bar_heights_follow_the_values_and_labels_are_escaped():
    svg = charts.bar_chart([2, 4, 0], ["<a>", "b", "c"], title="Due & more")
    heights = [float(h) for h in re.findall(r'class="chart-bar" x="[\d.]+" y="[\d.]+" width="[\d.]+" height="([\d.]+)"', svg)]
    assert heights[1] == 2 * heights[0] and heights[2] == 0
    assert "&lt;a&gt;" in svg and "<a>" not in svg
    assert "<title>Due &amp; more</title>" in svg
    assert "style=" not in svg and "<script" not in svg


def test_overflow_is_stacked_in_its_own_class():
    svg = charts.bar_chart([3, 3], ["d1", "d2"], extra=[2, 0], title="Forecast")
    assert svg.count('class="chart-bar-extra"') == 1


def test_a_line_chart_skips_empty_days_and_draws_the_pass_line():
    svg = charts.line_chart([600, None, 800], ["a", "b", "c"], title="Exams", low=100, high=1000, reference=720,
                            ticks=3)
    assert svg.count('class="chart-dot"') == 2
    assert 'class="chart-reference"' in svg
    assert [t for t in re.findall(r'text-anchor="end">(\d+)<', svg)] == ["100", "400", "700", "1000"]

"""Server-drawn SVG: safe labels, bars scaled to the data, a reference line where asked."""

import re

import pytest

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


# The markup format_html wrote before the charts were written with f-strings (identical on 600 random charts
# when the change was made): pinned here so a later edit cannot change it unnoticed. Changed since on purpose:
# the plot starts at x 64, not 44 (room for the y labels at a phone's tick size).
OLD_BAR = (
    '<svg class="chart" viewBox="0 0 640 220" width="100%" preserveAspectRatio="xMidYMid meet" '
    'xmlns="http://www.w3.org/2000/svg" aria-hidden="true" focusable="false"><title>Due &amp; &quot;more&quot;'
    '</title><line class="chart-grid" x1="64" x2="628" y1="190.0" y2="190.0"></line><text class="chart-tick" '
    'x="58" y="194.0" text-anchor="end">0%</text><line class="chart-grid" x1="64" x2="628" y1="145.5" '
    'y2="145.5"></line><text class="chart-tick" x="58" y="149.5" text-anchor="end">1%</text><line '
    'class="chart-grid" x1="64" x2="628" y1="101.0" y2="101.0"></line><text class="chart-tick" x="58" '
    'y="105.0" text-anchor="end">2%</text><line class="chart-grid" x1="64" x2="628" y1="56.5" y2="56.5"></line>'
    '<text class="chart-tick" x="58" y="60.5" text-anchor="end">3%</text><line class="chart-grid" x1="64" '
    'x2="628" y1="12.0" y2="12.0"></line><text class="chart-tick" x="58" y="16.0" text-anchor="end">4%</text>'
    '<rect class="chart-bar" x="106.3" y="145.5" width="197.4" height="44.5"></rect><rect class="chart-bar" '
    'x="388.3" y="56.5" width="197.4" height="133.5"></rect><rect class="chart-bar-extra" x="388.3" y="12.0" '
    'width="197.4" height="44.5"></rect><text class="chart-tick" x="205.0" y="212" text-anchor="middle">'
    '&lt;a&gt;</text><text class="chart-tick" x="487.0" y="212" text-anchor="middle">b</text></svg>'
)
OLD_LINE = (
    '<svg class="chart" viewBox="0 0 640 220" width="100%" preserveAspectRatio="xMidYMid meet" '
    'xmlns="http://www.w3.org/2000/svg" aria-hidden="true" focusable="false"><title>Exams</title><line '
    'class="chart-grid" x1="64" x2="628" y1="190.0" y2="190.0"></line><text class="chart-tick" x="58" y="194.0" '
    'text-anchor="end">100</text><line class="chart-grid" x1="64" x2="628" y1="130.7" y2="130.7"></line><text '
    'class="chart-tick" x="58" y="134.7" text-anchor="end">400</text><line class="chart-grid" x1="64" x2="628" '
    'y1="71.3" y2="71.3"></line><text class="chart-tick" x="58" y="75.3" text-anchor="end">700</text><line '
    'class="chart-grid" x1="64" x2="628" y1="12.0" y2="12.0"></line><text class="chart-tick" x="58" y="16.0" '
    'text-anchor="end">1000</text><line class="chart-reference" x1="64" x2="628" y1="67.4" y2="67.4"></line>'
    '<polyline class="chart-line" points="158.0,91.1 534.0,51.5"></polyline><circle class="chart-dot" '
    'cx="158.0" cy="91.1" r="4"></circle><circle class="chart-dot" cx="534.0" cy="51.5" r="4"></circle><text '
    'class="chart-tick" x="158.0" y="212" text-anchor="middle">a</text><text class="chart-tick" x="346.0" '
    'y="212" text-anchor="middle">b</text><text class="chart-tick" x="534.0" y="212" text-anchor="middle">c'
    '</text></svg>'
)


def test_the_charts_markup_is_what_format_html_wrote():
    from django.utils.safestring import SafeString

    bar = charts.bar_chart([1, 3], ["<a>", "b"], extra=[0, 1], title='Due & "more"', y_suffix="%")
    line = charts.line_chart([600, None, 800.5], ["a", "b", "c"], title="Exams", low=100, high=1000,
                             reference=720, ticks=3)
    assert (bar, line) == (OLD_BAR, OLD_LINE)
    assert isinstance(bar, SafeString) and isinstance(line, SafeString)


def test_a_spread_out_axis_ends_its_first_and_last_labels_at_its_ends():
    days = [f"11-{day:02}" for day in range(1, 31)]
    svg = charts.line_chart([50] * 30, days, title="Accuracy", low=0, high=100)
    labels = re.findall(r'<text class="chart-tick" x="([\d.]+)" y="212" text-anchor="(\w+)">([^<]+)<', svg)
    assert labels == [("64", "start", "11-01"), ("355.4", "middle", "11-16"), ("628", "end", "11-30")]
    # three labels or fewer stay under their own point
    assert 'x="158.0" y="212" text-anchor="middle">a<' in charts.line_chart([1, 2, 3], ["a", "b", "c"], title="",
                                                                              low=0, high=3)


def test_exams_on_one_day_are_told_apart_by_their_time_in_the_learners_zone(settings):
    from datetime import datetime, timezone as dt_timezone

    from django.utils import timezone

    from quiz.progress.views import exam_labels

    utc = dt_timezone.utc
    times = [datetime(2026, 11, 25, 23, 0, tzinfo=utc), datetime(2026, 11, 26, 5, 5, tzinfo=utc),
             datetime(2026, 11, 26, 6, 30, tzinfo=utc), datetime(2026, 11, 27, 1, 0, tzinfo=utc)]
    with timezone.override("UTC"):
        assert exam_labels(times) == ["11/25", "11/26 05:05", "11/26 06:30", "11/27"]
    with timezone.override("Asia/Seoul"):  # 08:00, 14:05, 15:30 on the 26th; 10:00 on the 27th
        assert exam_labels(times) == ["11/26 08:00", "11/26 14:05", "11/26 15:30", "11/27"]


@pytest.mark.parametrize("language,labels", [
    ("ja", ["11/26", "11/27 05:05", "11/27 06:30"]), ("ko", ["11. 26.", "11. 27. 05:05", "11. 27. 06:30"]),
    ("en", ["11/26", "11/27 05:05", "11/27 06:30"]),
])
def test_chart_dates_are_written_as_the_language_writes_a_short_date(language, labels):
    from datetime import datetime, timezone as dt_timezone

    from django.utils import timezone, translation

    from quiz.progress.views import exam_labels

    utc = dt_timezone.utc
    times = [datetime(2026, 11, 26, 1, 0, tzinfo=utc), datetime(2026, 11, 27, 5, 5, tzinfo=utc),
             datetime(2026, 11, 27, 6, 30, tzinfo=utc)]
    with timezone.override("UTC"), translation.override(language):
        assert exam_labels(times) == labels  # not "11-26": no usual Japanese or Korean date

"""The dashboard's table rows built in the view (views._data_tables) are what the template loops wrote."""

from datetime import date, datetime, timedelta
from datetime import timezone as dt_timezone

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

from quiz.progress.dashboard import DayCount
from quiz.progress.readiness import DomainReadiness, Readiness
from quiz.progress.views import _data_tables

# The loops of templates/progress/_dashboard_body.html before the rows moved to the view, each with what
# the body wraps around it (``localize off`` included). The readiness loop has since learnt to say how many
# more questions a domain with too few answers needs (readiness.MIN_SEEN_PER_DOMAIN).
OLD_LOOPS = {
    "readiness_rows": """{% load i18n l10n %}{% localize off %}    <tbody>
    {% for d in readiness.domains %}
      <tr><th scope="row">{{ d.label }}</th><td>{{ d.weight_percent }}%</td><td>{{ d.seen }} / {{ d.total }}</td>
        <td>{% if d.needed %}{% blocktranslate count n=d.needed %}Answer {{ n }} more question{% plural %}Answer {{ n }} more questions{% endblocktranslate %}{% else %}<progress value="{{ d.percent }}" max="100" aria-hidden="true"></progress> {{ d.percent }}%{% endif %}</td></tr>
    {% empty %}
      <tr><td colspan="4">{% translate "There are no questions yet." %}</td></tr>
    {% endfor %}
    </tbody>{% endlocalize %}""",
    "forecast_rows": """{% load i18n l10n %}{% localize off %}<tbody>{% for d in forecast %}<tr><th scope="row">{{ d.day|date:"SHORT_DATE_FORMAT" }}</th><td>{{ d.due }}</td><td>{{ d.shown }}</td><td>{{ d.carried }}</td></tr>{% endfor %}</tbody>{% endlocalize %}""",  # noqa: E501
    "accuracy_rows": """{% load i18n l10n %}{% localize off %}<tbody>{% for d in accuracy %}{% if d.total %}<tr><th scope="row">{{ d.day|date:"SHORT_DATE_FORMAT" }}</th><td>{{ d.total }}</td><td>{{ d.percent }}%</td></tr>{% endif %}{% empty %}{% endfor %}</tbody>{% endlocalize %}""",  # noqa: E501
    "exam_rows": """{% load i18n l10n %}{% localize off %}<tbody>{% for e in exams %}<tr><th scope="row">{{ e.submitted_at|date:"SHORT_DATE_FORMAT" }}</th><td>{{ e.title }}</td>
      <td>{{ e.scaled_score }}</td><td>{% if e.passed %}{% translate "Pass" %}{% else %}{% translate "Fail" %}{% endif %}</td></tr>{% endfor %}</tbody>{% endlocalize %}""",  # noqa: E501
}
NEW_WRAPPERS = {
    "readiness_rows": "    <tbody>\n    {}\n    </tbody>",
    "forecast_rows": "<tbody>{}</tbody>",
    "accuracy_rows": "<tbody>{}</tbody>",
    "exam_rows": "<tbody>{}</tbody>",
}


def dashboard_data(domains=True):
    today = date(2026, 11, 20)
    return {
        "readiness": Readiness(
            domains=[
                DomainReadiness("storage", "Storage & <data>", 0.25, 1200, 1100, 0.83),
                DomainReadiness("dns", "DNS", 0.0, 4, 0, 0.0),
                DomainReadiness("security", "Security \"IAM\"", 0.755, 10, 3, 0.25),
            ] if domains else [],
            pass_mark=720,
        ),
        "forecast": [{"day": today + timedelta(days=i), "due": 30 - i, "shown": min(30 - i, 20), "carried": i}
                     for i in range(14)],
        "accuracy": [DayCount(today - timedelta(days=i), i % 3 * 7, i % 5) for i in range(29, -1, -1)],
        "exams": [
            {"title": 'Mock <exam> & "co"', "scaled_score": 745, "passed": True,
             "submitted_at": datetime(2026, 11, 19, 23, 30, tzinfo=dt_timezone.utc)},  # the 20th in Tokyo
            {"title": "Week 3", "scaled_score": 600, "passed": False,
             "submitted_at": datetime(2026, 11, 20, 9, 0, tzinfo=dt_timezone.utc)},
        ],
    }


@pytest.mark.parametrize("language", ["en", "ja", "ko"])
@pytest.mark.parametrize("zone", ["UTC", "Asia/Tokyo"])
def test_table_rows_built_in_the_view_match_the_template_loops_they_replace(language, zone, settings):
    settings.USE_THOUSAND_SEPARATOR = True  # what the body's localize off keeps out
    for data in (dashboard_data(), dashboard_data(domains=False)):
        with translation.override(language), timezone.override(zone):
            built = _data_tables(data)
            for name, old in OLD_LOOPS.items():
                assert NEW_WRAPPERS[name].format(built[name]) == Template(old).render(Context(data)), name
    built = _data_tables(dashboard_data())
    assert "Storage &amp; &lt;data&gt;" in built["readiness_rows"] and "1100 / 1200" in built["readiness_rows"]
    assert "Mock &lt;exam&gt; &amp; &quot;co&quot;" in built["exam_rows"]


def test_an_empty_dashboard_has_no_rows_but_the_no_questions_line():
    from django.utils import translation

    data = dashboard_data(domains=False)
    data.update(forecast=[], accuracy=[], exams=[])
    with translation.override("en"):  # whatever language an earlier test in this worker left active
        built = _data_tables(data)
    assert (built["forecast_rows"], built["accuracy_rows"], built["exam_rows"]) == ("", "", "")
    assert "There are no questions yet." in built["readiness_rows"]


OLD_MY_DATA = """{% load i18n %}<section aria-labelledby="data-h">
  <h2 id="data-h">{% translate "My data" %}</h2>
  <p>
    <a href="{% url 'progress:export' 'csv' %}" download>{% translate "Export my reviews as CSV" %}</a> ·
    <a href="{% url 'progress:export' 'answers.csv' %}" download>{% translate "Export my answers as CSV" %}</a> ·
    <a href="{% url 'progress:export' 'json' %}" download>{% translate "Export as JSON" %}</a> ·
    <a href="{% url 'progress:settings' %}" hx-get="{% url 'progress:settings' %}" hx-target="main" hx-select="main > *" hx-push-url="true">{% translate "Review settings" %}</a> ·
    <a href="{% url 'progress:delete' %}" hx-get="{% url 'progress:delete' %}" hx-target="main" hx-select="main > *" hx-push-url="true">{% translate "Delete my progress" %}</a> ·
    <a href="{% url 'progress:delete_account' %}" hx-get="{% url 'progress:delete_account' %}" hx-target="main" hx-select="main > *" hx-push-url="true">{% translate "Delete my account" %}</a>
  </p>
</section>
"""  # noqa: E501


@pytest.mark.parametrize("language", ["en", "ja", "ko"])
def test_the_pieces_rendered_once_per_language_are_what_the_body_rendered(language):
    from django.urls import reverse

    from quiz.progress.views import _static

    with translation.override(language):
        expected = Template(OLD_MY_DATA).render(Context({}))
        urls = {"review": reverse("progress:review"), "practise_weakest": reverse("progress:practise_weakest"),
                "practice": reverse("quiz:practice_setup")}
    assert _static(language, "/")["my_data"] == expected
    assert _static(language, "/")["urls"] == urls


def test_the_pieces_follow_the_script_prefix(settings):
    from django.urls import clear_script_prefix, set_script_prefix

    from quiz.progress.views import _static

    set_script_prefix("/kumo/")
    try:
        pieces = _static("en", "/kumo/")
    finally:
        clear_script_prefix()
    assert pieces["urls"]["review"] == "/kumo/progress/review/"
    assert 'href="/kumo/progress/export.csv"' in pieces["my_data"]
    assert _static("en", "/")["urls"]["review"] == "/progress/review/"


def test_the_forecasts_reviews_column_is_spaced_repetition_not_an_attempt_review(learner, learner_client, make,
                                                                                 answering):
    """One English word, two meanings: the dashboard's "Reviews" are spaced-repetition reviews (復習, 복습), the
    instructor results' column links to looking back over attempts (a msgid of its own)."""
    from django.urls import reverse

    answering.answer(learner, make.question(), correct=True)  # the forecast is shown from the first answer
    for language, word in (("ja", "復習"), ("ko", "복습")):
        html = learner_client.get(reverse("progress:dashboard"), headers={"accept-language": language}).content
        header = html.decode().split('id="forecast-h"')[1].split("</thead>")[0]
        assert f'<th scope="col">{word}</th>' in header


@pytest.mark.parametrize("language, written", [("ko", "2026. 11. 20."), ("ja", "2026/11/20"), ("en", "11/20/2026")])
def test_table_dates_are_written_as_readers_of_the_language_write_them(language, written):
    # Django's Korean short date is "2026-11-20" for two-digit days and "2026-12-1" otherwise: read as a typo.
    with translation.override(language):
        built = _data_tables(dashboard_data())
    assert f'<th scope="row">{written}</th>' in built["forecast_rows"]
    if language == "ko":
        assert '<th scope="row">2026. 12. 1.</th>' in built["forecast_rows"]


def test_the_exam_chart_draws_the_pass_mark_of_the_exams_it_shows_and_none_for_several():
    from quiz.progress.views import _charts

    data = dashboard_data()
    data["pass_mark"] = 720  # the mock exam's, which readiness uses
    for exam in data["exams"]:
        exam["pass_mark"] = 700  # an instructor's exams
    charts = _charts(data)
    assert charts["exam_pass_mark"] == 700 and 'class="chart-reference"' in str(charts["exam_chart"])
    data["exams"][0]["pass_mark"] = 720
    charts = _charts(data)
    assert charts["exam_pass_mark"] is None and 'class="chart-reference"' not in str(charts["exam_chart"])

"""The results page's review links, built once per page, read exactly as {% url %} and |date made them."""

from datetime import datetime
from datetime import timezone as dt_timezone

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from quiz.instructor import reports
from quiz.models import Attempt

from .test_results import exam  # noqa: F401  (fixture)

OLD_LINK = Template(
    "<a href=\"{% url 'instructor:attempt_review' assignment.pk attempt.uid %}\">"
    "{% if attempt.submitted_at %}<time>{{ attempt.submitted_at|date:\"Y-m-d H:i\" }}</time>"
    "{% else %}{{ attempt.get_state_display }}{% endif %}</a>"
)


def test_each_finished_attempt_links_to_its_review_as_the_template_tags_would(instructor_client, exam, settings):  # noqa: F811
    settings.TIME_ZONE = "Asia/Tokyo"
    assignment = exam["assignment"]
    for language in ("ja", "ko", "en"):
        html = instructor_client.get(reverse("instructor:results", args=[assignment.pk]),
                                     HTTP_ACCEPT_LANGUAGE=language).content.decode()
        with translation.override(language):
            rows = reports.assignment_results(assignment)["rows"]
            attempts = [attempt for row in rows for attempt in row.attempts]
            assert len(attempts) == 2
            for attempt in attempts:
                expected = OLD_LINK.render(Context({"assignment": assignment, "attempt": attempt}))
                assert expected in html
                assert attempt.review_url == reverse("instructor:attempt_review", args=[assignment.pk, attempt.uid])


@pytest.mark.parametrize("language", ["ja", "ko", "en"])
def test_review_links_show_the_year_as_the_pages_other_times(exam, settings, language):  # noqa: F811
    settings.TIME_ZONE = "Asia/Tokyo"
    good = exam["learners"][0]
    Attempt.objects.filter(user=good).update(submitted_at=datetime(2026, 11, 27, 11, 5, tzinfo=dt_timezone.utc))
    with translation.override(language):
        rows = reports.assignment_results(exam["assignment"])["rows"]
    [attempt] = [a for row in rows if row.learner == good for a in row.attempts]
    assert attempt.review_label == "<time>2026-11-27 20:05</time>"  # not "11-27 20:05": no year


def test_an_attempt_without_a_submission_time_is_labelled_by_its_state(exam):  # noqa: F811
    assignment = exam["assignment"]
    good = exam["learners"][0]
    attempt = Attempt.objects.get(user=good, quiz=assignment.quiz)
    Attempt.objects.filter(pk=attempt.pk).update(submitted_at=None)
    [shown] = [a for row in reports.assignment_results(assignment)["rows"] for a in row.attempts if a.pk == attempt.pk]
    assert shown.review_label == shown.get_state_display()

"""The results page's review links, built once per page, read exactly as {% url %} and |date made them."""

from django.template import Context, Template
from django.urls import reverse

from quiz.instructor import reports
from quiz.models import Attempt

from .test_results import exam  # noqa: F401  (fixture)

OLD_LINK = Template(
    "<a href=\"{% url 'instructor:attempt_review' assignment.pk attempt.uid %}\">"
    "{{ attempt.submitted_at|date:\"m-d H:i\"|default:attempt.get_state_display }}</a>"
)


def test_each_finished_attempt_links_to_its_review_as_the_template_tags_would(instructor_client, exam, settings):  # noqa: F811
    settings.TIME_ZONE = "Asia/Tokyo"
    assignment = exam["assignment"]
    html = instructor_client.get(reverse("instructor:results", args=[assignment.pk])).content.decode()
    rows = reports.assignment_results(assignment)["rows"]
    attempts = [attempt for row in rows for attempt in row.attempts]
    assert len(attempts) == 2
    for attempt in attempts:
        expected = OLD_LINK.render(Context({"assignment": assignment, "attempt": attempt}))
        assert expected in html
        assert attempt.review_url == reverse("instructor:attempt_review", args=[assignment.pk, attempt.uid])


def test_an_attempt_without_a_submission_time_is_labelled_by_its_state(exam):  # noqa: F811
    assignment = exam["assignment"]
    good = exam["learners"][0]
    attempt = Attempt.objects.get(user=good, quiz=assignment.quiz)
    Attempt.objects.filter(pk=attempt.pk).update(submitted_at=None)
    [shown] = [a for row in reports.assignment_results(assignment)["rows"] for a in row.attempts if a.pk == attempt.pk]
    assert shown.review_label == shown.get_state_display()

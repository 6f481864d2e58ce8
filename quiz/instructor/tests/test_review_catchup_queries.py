"""Catching up the reviews of exams graded while their review was closed: once, without bringing back
cards a learner deleted, in a fixed number of queries however many exams stay closed."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

pytestmark = pytest.mark.django_db


def _closed_exams(build, make, instructor, learner, n, review_opens="never"):
    from quiz import attempts

    classroom = build.classroom(instructor, [learner])
    for _ in range(n):
        quiz = build.quiz([make.question(), make.question()], only_approved=False, time_limit_minutes=30)
        build.assignment(classroom, quiz, review_opens=review_opens, due_at=timezone.now() + timedelta(days=1))
        attempt, _ = attempts.start_exam(learner, quiz, "en")
        attempts.submit(attempt, now=timezone.now())
        attempt.refresh_from_db()
        assert attempt.reviews_withheld


def _count(client, url):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.parametrize("url", ["/progress/", "/progress/review/"])
def test_hot_pages_do_not_run_a_query_per_exam_whose_review_stays_closed(build, make, instructor, learner,
                                                                        learner_client, url):
    _closed_exams(build, make, instructor, learner, 1)
    _count(learner_client, url)  # warm the dashboard cache
    one = _count(learner_client, url)
    _closed_exams(build, make, instructor, learner, 5)
    _count(learner_client, url)
    six = _count(learner_client, url)
    assert six == one, f"{url}: {one} queries with 1 closed exam, {six} with 6"


@pytest.mark.parametrize("review_opens,due_days,expected", [
    ("immediately", 1, True), ("never", -1, False), ("after_due", 1, False), ("after_due", -1, True),
    ("after_due", None, True)])
def test_open_for_review_agrees_with_review_allowed(build, make, instructor, learner, review_opens, due_days,
                                                    expected):
    from quiz.attempts import _open_for_review
    from quiz.instructor.services import review_allowed
    from quiz.models import Attempt

    now = timezone.now()
    quiz = build.quiz([make.question()], only_approved=False)
    due = None if due_days is None else now + timedelta(days=due_days)
    build.assignment(build.classroom(instructor, [learner]), quiz, review_opens=review_opens, due_at=due)
    attempt = Attempt.objects.create(user=learner, quiz=quiz, mode="exam", language="en", started_at=now)
    assert review_allowed(learner, quiz, now) is expected
    assert _open_for_review(Attempt.objects.filter(pk=attempt.pk), now).exists() is expected

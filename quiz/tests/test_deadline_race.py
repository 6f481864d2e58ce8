"""Answers racing an exam's deadline are graded consistently.

Acknowledged before the deadline means stored and counted; arriving at or after
it means refused with a message and nothing written; however the attempt is
closed (a late answer, a page load, a submit), it is graded once, at its
deadline, from exactly the answers stored before it. The clock is pinned with
``mock.patch`` so each side of the deadline is exact.
"""

import threading
from datetime import timedelta
from unittest import mock

import pytest
from django.db import close_old_connections, connection
from django.utils import timezone

from quiz import attempts
from quiz.attempts import LABELS
from quiz.models import Attempt, AttemptItem, Mode, Quiz

T0 = timezone.now().replace(microsecond=0)


@pytest.fixture
def exam(make, learner):
    """A 3-question, 1-minute exam started at T0 by the learner."""
    for _ in range(3):
        make.question()
    quiz = Quiz.objects.create(slug="race", title="Race", mode=Mode.EXAM, question_count=3, time_limit_minutes=1,
                               only_approved=False, shuffle=False)
    attempt, _created = attempts.start_exam(learner, quiz, "en", now=T0)
    return attempt


def right_label(item):
    return LABELS[next(i for i, option in enumerate(item.options) if option["correct"])]


def post_answer(client, attempt, number, label, at):
    with mock.patch("django.utils.timezone.now", return_value=at):
        return client.post(f"/quiz/attempts/{attempt.uid}/{number}/", {"choice": label, "action": "save"})


def items(attempt):
    return list(AttemptItem.objects.filter(attempt=attempt).order_by("position"))


def test_an_answer_saved_a_moment_before_the_deadline_counts_in_the_grade(learner_client, exam):
    first = items(exam)[0]
    response = post_answer(learner_client, exam, 1, right_label(first), exam.deadline - timedelta(milliseconds=1))
    assert response.status_code == 302
    assert response["Location"].startswith(f"/quiz/attempts/{exam.uid}/")

    with mock.patch("django.utils.timezone.now", return_value=exam.deadline + timedelta(seconds=1)):
        learner_client.get(f"/quiz/attempts/{exam.uid}/result/")
    exam.refresh_from_db()
    assert exam.state == Attempt.State.EXPIRED
    assert exam.raw_score == 1
    assert exam.submitted_at == exam.deadline


def test_an_answer_arriving_exactly_at_the_deadline_is_refused_and_nothing_is_written(learner_client, exam):
    first = items(exam)[0]
    response = post_answer(learner_client, exam, 1, right_label(first), exam.deadline)
    assert response.status_code == 302
    assert response["Location"] == f"/quiz/attempts/{exam.uid}/result/"
    stored = items(exam)[0]
    assert stored.chosen == [] and stored.answered_at is None
    exam.refresh_from_db()
    assert exam.state == Attempt.State.EXPIRED
    assert exam.raw_score == 0


def test_the_refusal_tells_the_learner_that_time_is_up(learner_client, exam):
    first = items(exam)[0]
    post_answer(learner_client, exam, 1, right_label(first), exam.deadline + timedelta(seconds=5))
    with mock.patch("django.utils.timezone.now", return_value=exam.deadline + timedelta(seconds=6)):
        page = learner_client.get(f"/quiz/attempts/{exam.uid}/result/")
    assert page.status_code == 200
    assert "Time is up" in page.content.decode()


def test_a_late_change_to_an_answered_item_keeps_the_answer_given_in_time(learner_client, exam):
    first = items(exam)[0]
    right = right_label(first)
    wrong = next(label for label in LABELS[: len(first.options)] if label != right)
    post_answer(learner_client, exam, 1, right, exam.deadline - timedelta(seconds=10))
    post_answer(learner_client, exam, 1, wrong, exam.deadline + timedelta(milliseconds=1))
    exam.refresh_from_db()
    stored = items(exam)[0]
    assert stored.chosen == first.correct_keys
    assert stored.correct is True
    assert exam.state == Attempt.State.EXPIRED and exam.raw_score == 1


def test_submitting_after_the_deadline_grades_at_the_deadline_exactly_once(learner_client, exam):
    for number, item in enumerate(items(exam), start=1):
        post_answer(learner_client, exam, number, right_label(item), T0 + timedelta(seconds=number))
    with mock.patch("django.utils.timezone.now", return_value=exam.deadline + timedelta(minutes=3)):
        learner_client.post(f"/quiz/attempts/{exam.uid}/submit/")
        learner_client.post(f"/quiz/attempts/{exam.uid}/submit/")
        learner_client.get(f"/quiz/attempts/{exam.uid}/result/")
    exam.refresh_from_db()
    assert exam.state == Attempt.State.EXPIRED
    assert exam.submitted_at == exam.deadline
    assert (exam.raw_score, exam.item_count, exam.scaled_score, exam.passed) == (3, 3, 1000, True)
    from quiz.progress.models import ReviewLog

    assert ReviewLog.objects.filter(attempt_item__attempt=exam).count() == 3, "graded once: one review per item"


def test_submitting_in_time_then_answering_late_changes_nothing(learner_client, exam):
    first = items(exam)[0]
    post_answer(learner_client, exam, 1, right_label(first), T0 + timedelta(seconds=5))
    with mock.patch("django.utils.timezone.now", return_value=T0 + timedelta(seconds=6)):
        learner_client.post(f"/quiz/attempts/{exam.uid}/submit/")
    second = items(exam)[1]
    response = post_answer(learner_client, exam, 2, right_label(second), T0 + timedelta(seconds=7))
    assert response["Location"] == f"/quiz/attempts/{exam.uid}/result/"
    exam.refresh_from_db()
    assert exam.state == Attempt.State.SUBMITTED and exam.raw_score == 1
    assert items(exam)[1].chosen == []


@pytest.mark.postgresql_only  # needs row locks across connections; bench/soak.py races over HTTP on SQLite
@pytest.mark.django_db(transaction=True)
def test_answers_racing_the_deadline_in_parallel_are_all_either_stored_and_graded_or_refused(make, learner):
    """Threads answer while another expires the attempt: every acknowledged answer is in the grade."""
    for _ in range(12):
        make.question()
    quiz = Quiz.objects.create(slug="race-par", title="Race", mode=Mode.EXAM, question_count=12,
                               time_limit_minutes=1, only_approved=False, shuffle=False)
    attempt, _created = attempts.start_exam(learner, quiz, "en", now=T0)
    deadline = attempt.deadline
    acknowledged = {}
    start = threading.Barrier(13)

    def answer(position):
        close_old_connections()
        try:
            item = AttemptItem.objects.get(attempt=attempt, position=position)
            at = deadline + timedelta(milliseconds=(position - 6) * 10)  # half before, half after
            start.wait()
            from django.db import transaction

            with transaction.atomic():
                locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
                try:
                    attempts.refuse_if_closed(locked, at)
                    attempts.save_exam_answer(locked, item, [right_label(item)], now=at)
                    acknowledged[position] = item.correct_keys
                except attempts.AnswerRefused:
                    pass
        finally:
            connection.close()

    def expire():
        close_old_connections()
        try:
            start.wait()
            attempts.expire_overdue(deadline + timedelta(seconds=1))
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=(p,)) for p in range(12)] + [threading.Thread(target=expire)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    attempt.refresh_from_db()
    stored = {i.position: i.chosen for i in AttemptItem.objects.filter(attempt=attempt) if i.chosen}
    assert attempt.state == Attempt.State.EXPIRED
    assert stored == acknowledged
    assert set(acknowledged) <= set(range(6)), "nothing at or after the deadline was acknowledged"
    assert attempt.raw_score == len(acknowledged)

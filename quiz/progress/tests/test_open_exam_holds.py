"""An exam in progress holds its questions out of practice and the review queue until it ends (docs/PROGRESS.md,
"Review queue and daily cap"; docs/QUIZ.md, "Modes")."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quiz.attempts import label_of, practice_question_ids, start_practice
from quiz.models import Attempt, AttemptItem
from quiz.progress import dashboard, reviews
from quiz.progress.models import ReviewCard, ReviewLog

REVIEW = "/progress/review/"


@pytest.fixture
def two_due(make, answering, learner):
    """Two questions of one topic, both due for review; the first is in an exam the learner has open for 30 more
    minutes."""
    now = timezone.now()
    topic = make.topic(slug="vpc-peering")
    questions = [make.question(topic), make.question(topic)]
    for q in questions:
        answering.answer(learner, q, correct=True, when=now - timedelta(days=3))
    ReviewCard.objects.filter(user=learner).update(due=now - timedelta(minutes=5))
    exam = answering.attempt(learner, mode="exam", when=now, deadline=now + timedelta(minutes=30))
    answering.item(exam, questions[0], correct=False)
    return exam, questions


def submit(exam):
    Attempt.objects.filter(pk=exam.pk).update(state=Attempt.State.SUBMITTED, submitted_at=timezone.now())


def test_the_review_queue_leaves_out_the_questions_of_an_open_exam(learner, two_due):
    exam, (held, free) = two_due
    assert reviews.due_questions(learner) == [free]
    assert reviews.due_count(learner) == 1  # the header's badge
    submit(exam)
    assert {q.pk for q in reviews.due_questions(learner)} == {held.pk, free.pk}
    assert reviews.due_count(learner) == 2


def test_they_come_back_when_the_exam_time_is_up_even_before_it_is_graded(learner, two_due):
    exam, (held, free) = two_due
    later = timezone.now() + timedelta(minutes=31)
    assert Attempt.objects.get(pk=exam.pk).state == Attempt.State.IN_PROGRESS
    assert {q.pk for q in reviews.due_questions(learner, later)} == {held.pk, free.pk}


def test_the_review_page_counts_what_it_serves_and_says_what_waits_for_the_exam(learner, learner_client, two_due):
    exam, (held, free) = two_due
    html = learner_client.get(REVIEW).content.decode()
    assert "1 question is due for review." in html
    assert "1 review waits until your exam in progress ends." in html
    learner_client.post(REVIEW)
    review_set = Attempt.objects.get(user=learner, origin="review")
    assert list(review_set.items.values_list("question_id", flat=True)) == [free.pk]
    review_set.delete()
    submit(exam)
    html = learner_client.get(REVIEW).content.decode()
    assert "2 questions are due for review." in html
    assert "until your exam" not in html


def test_the_dashboard_does_not_count_a_held_question_as_due(learner, two_due):
    exam, _ = two_due
    assert dashboard.dashboard(learner)["due_now"] == 1
    submit(exam)
    assert dashboard.dashboard(learner)["due_now"] == 2


def test_topic_practice_does_not_draw_a_question_of_an_open_exam(learner, learner_client, two_due):
    exam, (held, free) = two_due
    learner_client.post("/quiz/practice/topic/vpc-peering/")
    practice = Attempt.objects.filter(user=learner, mode="practice").latest("pk")
    assert list(practice.items.values_list("question_id", flat=True)) == [free.pk]
    submit(exam)
    assert sorted(practice_question_ids(learner, topics=["vpc-peering"])) == sorted([held.pk, free.pk])


def test_practising_the_weakest_topics_does_not_draw_a_question_of_an_open_exam(learner, learner_client, two_due):
    exam, (held, free) = two_due
    learner_client.post("/progress/weakest/")
    practice = Attempt.objects.get(user=learner, origin="weakest")
    assert list(practice.items.values_list("question_id", flat=True)) == [free.pk]


def test_an_open_practice_set_refuses_to_answer_a_held_question_until_the_exam_ends(learner, learner_client,
                                                                                    two_due):
    exam, (held, free) = two_due
    Attempt.objects.filter(user=learner).exclude(pk=exam.pk).delete()  # no earlier answers: the set is open
    practice = start_practice(learner, [held], "en")  # as if started before the exam
    item = practice.items.get()
    url = f"/quiz/practice/{practice.uid}/1/"
    html = learner_client.post(url, {"choice": label_of(item, "A")}).content.decode()
    assert "This question is in your exam in progress" in html
    assert "data-correct" not in html and "Explanation" not in html
    item.refresh_from_db()
    assert item.answered_at is None
    assert not ReviewLog.objects.filter(attempt_item=item).exists()
    submit(exam)
    learner_client.post(url, {"choice": label_of(item, "A")})
    assert AttemptItem.objects.get(pk=item.pk).answered_at is not None


def _plans(queries):
    from django.db import connection

    with connection.cursor() as cursor:
        plans = []
        for query in queries:
            cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
            plans.append(" ".join(row[3] for row in cursor.fetchall()))
    return plans


@pytest.mark.sqlite_only  # SQLite's query plan
def test_the_practice_read_and_the_dashboard_find_the_exam_through_the_learners_attempts(learner, two_due):
    """Not through the question's items: every learner's answers to it, ever (2 ms a practice answer with
    2,000 of them, 365 ms a dashboard whose cards each looked them up, on a bench database)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from quiz import fastreads
    from quiz.progress import dashreads

    exam, (held, free) = two_due
    practice = start_practice(learner, [held], "en")
    with CaptureQueriesContext(connection) as queries:
        attempt, item, _rest = fastreads.practice_attempt_and_item(practice.uid, learner.pk, 0)
        dashreads.learner_counts(learner, timezone.now(), 14)
    assert item.in_open_exam
    for plan in _plans(queries.captured_queries):
        assert "SEARCH x USING INDEX attempt_user_state" in plan, plan
        assert "quiz_attemptitem_question" not in plan, plan


@pytest.fixture
def three(make):
    """Three questions, each of its own topic."""
    return [make.question(make.topic()) for _ in range(3)]


def _two_exams(questions, learner, *, right):
    """Two exams of the learner in progress that both ask ``shared``; the short one is answered (``shared`` right
    or wrong, its other question wrong) and submitted while the long one goes on. Returns the long exam's attempt,
    the short one's and the shared question."""
    from quiz import attempts
    from quiz.models import Mode, Quiz

    shared, other, third = questions
    exams = []
    for n, questions in enumerate([(shared, third), (shared, other)]):
        quiz = Quiz.objects.create(slug=f"exam-{n}-{learner.pk}", title=f"Exam {n}", mode=Mode.EXAM,
                                   question_count=2, time_limit_minutes=60, only_approved=False)
        for question in questions:
            quiz.questions.add(question)
        exams.append(attempts.start_exam(learner, quiz, "en")[0])
    long_exam, short_exam = exams
    for item in short_exam.items.all():
        key = item.correct_keys[0] if right and item.question_id == shared.pk else next(
            option["key"] for option in item.options if option["key"] not in item.correct_keys)
        attempts.save_exam_answer(short_exam, item, [label_of(item, key)], now=timezone.now())
    attempts.submit(short_exam, now=timezone.now())
    return long_exam, short_exam, shared


def _shown(user):
    """What the dashboard shows, but the exams' scores (the grade, shown as soon as an exam is graded)."""
    data = dashboard.dashboard(user)
    return {key: value for key, value in data.items() if key not in ("now", "exams")}


def test_an_exam_graded_while_another_asks_its_question_moves_no_figure_until_that_exam_ends(three, learner):
    from conftest import make_user

    other = make_user("bob")
    before = _shown(learner)
    _two_exams(three, learner, right=True)
    _two_exams(three, other, right=False)
    # right or wrong, mastery, readiness, the forecast and the accuracy stay as they were: the short exam's
    # reviews would tell the verdict of a question the long exam asks
    assert _shown(learner) == _shown(other) == before
    assert [row.seen for row in before["topic_rows"]] == [0, 0, 0]
    assert not ReviewLog.objects.exists()


def test_its_reviews_are_made_when_the_other_exam_ends_dated_as_grading_would_have(three, learner, learner_client):
    from quiz import attempts

    long_exam, short_exam, shared = _two_exams(three, learner, right=True)
    short_exam.refresh_from_db()
    assert short_exam.reviews_withheld
    assert attempts.catch_up_reviews(learner, timezone.now()) == 0  # the long exam still asks it
    learner_client.get("/progress/")
    assert not ReviewLog.objects.exists()
    attempts.submit(long_exam, now=timezone.now())
    learner_client.get("/progress/")
    logs = {log.attempt_item_id: log for log in ReviewLog.objects.filter(attempt_item__attempt=short_exam)}
    assert {item.pk: (item.correct, item.answered_at) for item in short_exam.items.all()} == {
        pk: (log.correct, log.reviewed_at) for pk, log in logs.items()}
    short_exam.refresh_from_db()
    assert not short_exam.reviews_withheld
    assert ReviewLog.objects.get(attempt_item__attempt=short_exam, question=shared).correct


def test_an_exam_past_its_deadline_no_longer_holds_the_reviews_of_another(three, learner):
    from quiz import attempts

    long_exam, short_exam, shared = _two_exams(three, learner, right=False)
    assert attempts.catch_up_reviews(learner, long_exam.deadline - timedelta(minutes=1)) == 0
    assert attempts.catch_up_reviews(learner, long_exam.deadline + timedelta(minutes=1)) == 1
    assert ReviewLog.objects.filter(attempt_item__attempt=short_exam).count() == 2

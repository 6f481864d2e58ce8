"""The dashboard's written-out reads (quiz/progress/dashreads.py) give what their ORM originals give."""

from datetime import timedelta

import pytest
from django.utils import timezone

from quiz.instructor.models import Assignment, Classroom, Membership
from quiz.instructor.services import assignments_for
from quiz.models import Attempt, AttemptItem, Question, Quiz
from quiz.progress import dashboard, dashreads, mastery
from quiz.progress.models import ReviewCard, ReviewLog

from .conftest import review_blanks_as_before


@pytest.fixture
def history(learner, other_learner, make, answering, instructor):
    """Cards in three topics (one question retired, one card never reviewed, some mature), answers on several
    days around midnight, exams in every state, and assignments in two classes (one finished, one undated)."""
    now = timezone.now().replace(hour=12, minute=0, second=0, microsecond=0)
    topics = [make.topic(domain=domain) for domain in ("dns", "storage", "storage")]
    questions = [make.question(topics[i % 3]) for i in range(9)]
    for i, question in enumerate(questions):
        for d in range(1 + i % 3):  # 1-3 answers a question, at hours that cross midnight in UTC+9
            when = now - timedelta(days=20 - 2 * d - i, hours=(7 * i) % 24)
            answering.answer(learner, question, correct=(i + d) % 3 != 0, when=when)
        answering.answer(other_learner, question, correct=True, when=now - timedelta(days=i))
    # two exam questions left unanswered, reviewed as Again at grading before blanks made no review: reviews,
    # not answers
    exam = answering.attempt(learner, mode="exam", when=now - timedelta(days=4))
    blanks = [answering.item(exam, question, correct=False, when=now - timedelta(days=4))
              for question in questions[:2]]
    AttemptItem.objects.filter(pk__in=[b.pk for b in blanks]).update(answered_at=None, chosen=[])
    review_blanks_as_before(list(AttemptItem.objects.filter(attempt=exam).select_related("attempt")),
                            now - timedelta(days=4))
    cards = list(ReviewCard.objects.filter(user=learner).order_by("id"))
    # due: overdue, today later, tomorrow, in 13 days, beyond the forecast; mature and young; never reviewed
    offsets = [-timedelta(days=3), timedelta(hours=5), timedelta(days=1, hours=2), timedelta(days=13),
               timedelta(days=20), -timedelta(hours=1), timedelta(hours=11), timedelta(days=6), timedelta(days=2)]
    for card, offset, stability in zip(cards, offsets, [30, 2.5, 21, 0.4, 50, 21.0, 3, 8, 0]):
        ReviewCard.objects.filter(pk=card.pk).update(due=now + offset, stability=stability,
                                                     last_review=None if stability == 0 else card.last_review)
    Question.objects.filter(pk=questions[4].pk).update(status=Question.Status.RETIRED)
    for score, state, mode in [(640, "submitted", "exam"), (780, "expired", "exam"), (None, "submitted", "exam"),
                               (900, "in_progress", "exam"), (700, "submitted", "practice")]:
        answering.attempt(learner, mode=mode, when=now - timedelta(days=3), state=state, submitted_at=now,
                          scaled_score=score, raw_score=3, item_count=5, passed=bool(score and score >= 720),
                          title=f"Exam {score}")
    answering.attempt(other_learner, mode="exam", state="submitted", submitted_at=now, scaled_score=990)
    evening, morning = (Classroom.objects.create(name=name, owner=instructor) for name in ("Evening", "Morning"))
    quizzes = [Quiz.objects.create(title=f"Check {i}", slug=f"check-{i}") for i in range(3)]
    Assignment.objects.create(classroom=evening, quiz=quizzes[0], due_at=now + timedelta(days=2))
    Assignment.objects.create(classroom=evening, quiz=quizzes[1], review_opens="never")
    Assignment.objects.create(classroom=morning, quiz=quizzes[2], due_at=now + timedelta(days=1))
    Membership.objects.create(classroom=evening, learner=learner)
    Membership.objects.create(classroom=morning, learner=other_learner)
    answering.attempt(learner, mode="exam", state="submitted", submitted_at=now, quiz=quizzes[0])
    answering.attempt(learner, mode="exam", state="in_progress", quiz=quizzes[1])
    return now


@pytest.mark.parametrize("zone", ["UTC", "Asia/Tokyo", "America/Los_Angeles"])
def test_the_learners_counts_match_card_aggregates_forecast_and_activity(zone, learner, history):
    with timezone.override(zone):
        for now in (history, history + timedelta(hours=13)):
            cards, due_days, active = dashreads.learner_counts(learner, now, dashboard.FORECAST_DAYS)
            assert cards == mastery.card_aggregates(learner, now)
            assert len(cards) == 3 and sum(row["seen"] for row in cards.values()) == 8  # one question retired
            for cap, done in [(100, 0), (3, 1), (0, 0)]:
                assert (dashboard.spread_forecast(due_days, now, cap, done)
                        == dashboard.forecast(learner, now, cap, done))
            assert [dashboard.DayCount(*row) for row in active] == dashboard.activity(learner)
            assert sum(total for _day, total, _right in active) == 18
            # the two blank exam items were reviewed (Again) but are no answers
            assert ReviewLog.objects.filter(user=learner, mode="exam", correct=False).count() == 2


def test_exam_scores_match_the_orm_and_leave_out_ungraded_and_unfinished_attempts(learner, history):
    exams = dashreads.exam_scores(learner)
    assert exams == dashboard.exam_scores(learner)
    assert [exam["scaled_score"] for exam in exams] == [640, 780]
    assert [type(exam[name]) for name in ("uid", "submitted_at", "passed") for exam in exams[:1]] == [
        type(value) for value in (Attempt().uid, history, True)]


def test_assignments_match_the_orm_with_their_class_quiz_and_finished_flag(learner, other_learner, history):
    mine = dashreads.assignments(learner)
    assert mine == assignments_for(learner)
    assert [(a.quiz.title, a.classroom.name, a.finished) for a in mine] == [
        (a.quiz.title, a.classroom.name, a.finished) for a in assignments_for(learner)]
    assert {(a.quiz.slug, a.finished) for a in mine} == {("check-0", True), ("check-1", False)}
    assert [a.get_review_opens_display() for a in mine] == [a.get_review_opens_display()
                                                           for a in assignments_for(learner)]
    assert [a.quiz.slug for a in dashreads.assignments(other_learner)] == ["check-2"]


def test_a_learner_with_nothing_gets_empty_reads(learner):
    now = timezone.now()
    assert dashreads.learner_counts(learner, now, 14) == ({}, [], [])
    assert dashreads.exam_scores(learner) == [] and dashreads.assignments(learner) == []


def test_the_dashboard_data_are_what_the_orm_reads_give(learner, history, django_assert_num_queries):
    shared = dashboard.shared_data()
    with django_assert_num_queries(3):  # the learner's counts, exams, and the daily cap and today's reviews
        data = dashboard.dashboard(learner, history, shared)
    rows = mastery.topic_rows(learner, history)  # the ORM's card aggregates
    assert [(r.topic_id, r.seen, r.recall, r.mature) for r in data["topic_rows"]] == [
        (r.topic_id, r.seen, r.recall, r.mature) for r in rows]
    days, due_now = dashboard.forecast(learner, history, data["cap"], data["done_today"])
    assert (data["forecast"], data["due_now"]) == (days, due_now)
    assert data["accuracy"] == dashboard.accuracy_series(dashboard.activity(learner), history)
    assert data["exams"] == dashboard.exam_scores(learner)


def test_an_exam_answer_whose_item_was_deleted_counts_as_migration_0012_keeps_it(learner, make, answering):
    from quiz.progress.reviews import drop_blank_exam_reviews

    when = timezone.now() - timedelta(days=1)
    exam = answering.attempt(learner, mode="exam", when=when)
    answering.answer(learner, make.question(), correct=False, when=when, attempt=exam)
    answering.answer(learner, make.question(), correct=True, when=when, attempt=exam)
    AttemptItem.objects.filter(attempt=exam).delete()  # its logs stay, with no item
    assert ReviewLog.objects.filter(user=learner, mode="exam", attempt_item__isnull=True).count() == 2
    assert drop_blank_exam_reviews(ReviewCard, ReviewLog) == (0, 0, 0)  # answers to the migration: kept

    [day] = dashboard.activity(learner)
    assert (day.total, day.correct) == (2, 1)
    _cards, _due_days, active = dashreads.learner_counts(learner, timezone.now(), dashboard.FORECAST_DAYS)
    assert [dashboard.DayCount(*row) for row in active] == [day]

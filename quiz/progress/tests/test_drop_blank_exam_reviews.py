"""Reviews made of exam items left blank before such items made none (an Again each at grading): the migration and
rebuild_review_cards delete them and replay what remains, as if the new rule had graded those exams."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext

from quiz.models import AttemptItem
from quiz.progress.models import ReviewCard, ReviewLog
from quiz.progress.reviews import drop_blank_exam_reviews, record_answers

from .conftest import NOW, review_blanks_as_before

SUBMITTED = NOW + timedelta(hours=1)


def exam(answering, user, answers, *, as_before):
    """An exam of ``answers`` (question: True/False for right/wrong, None for left blank), answered at NOW and
    graded at SUBMITTED: under the rule of the time (``as_before``: blanks reviewed as Again) or the new one."""
    attempt = answering.attempt(user, mode="exam", when=NOW)
    for question, correct in answers.items():
        item = answering.item(attempt, question, correct=bool(correct), when=NOW)
        if correct is None:
            AttemptItem.objects.filter(pk=item.pk).update(answered_at=None, chosen=[])
    items = list(AttemptItem.objects.filter(attempt=attempt).select_related("attempt", "question__topic"))
    record_answers(items)  # the answered ones, each at its answer's time (a blank makes no review)
    if as_before:
        review_blanks_as_before([item for item in items if item.answered_at is None], SUBMITTED)


def history(answering, user, questions, *, as_before):
    """Practice, an exam with blanks, practice again: q0 answered in the exam, q1 blank there but answered in
    practice before and after, q2 only ever left blank, q3 practice only."""
    q0, q1, q2, q3 = questions
    answering.answer(user, q1, correct=True, when=NOW - timedelta(days=3))
    answering.answer(user, q3, correct=False, when=NOW - timedelta(days=3))
    exam(answering, user, {q0: True, q1: None, q2: None}, as_before=as_before)
    answering.answer(user, q1, correct=True, when=NOW + timedelta(days=2))
    answering.answer(user, q3, correct=True, when=NOW + timedelta(days=2))


def cards(user):
    rows = ReviewCard.objects.filter(user=user).order_by("question_id").values(
        "question_id", "state", "due", "stability", "difficulty", "last_review", "reps", "lapses", "last_recalled",
        "answered")
    for row in rows:
        row["state"].pop("card_id")  # one per learner and question (the fuzz's seed)
    return list(rows)


def logs(user):
    return list(ReviewLog.objects.filter(user=user).order_by("question_id", "reviewed_at").values_list(
        "question_id", "attempt_item__position", "mode", "rating", "correct", "reviewed_at", "stability", "due",
        "was_due"))


@pytest.fixture
def questions(make):
    return [make.question() for _ in range(4)]


def test_it_leaves_the_cards_and_logs_the_new_rule_makes_from_the_same_answers(learner, other_learner, questions,
                                                                              answering):
    history(answering, learner, questions, as_before=True)
    history(answering, other_learner, questions, as_before=False)
    assert ReviewLog.objects.filter(user=learner).count() == 7  # the two blanks' Again reviews
    assert cards(learner) != cards(other_learner)

    assert drop_blank_exam_reviews(ReviewCard, ReviewLog) == (2, 1, 1)  # q2's card gone, q1's replayed
    assert cards(learner) == cards(other_learner)
    assert logs(learner) == logs(other_learner)
    assert [card["question_id"] for card in cards(learner)] == [q.pk for q in questions if q != questions[2]]


def test_attempts_practice_logs_and_logs_of_answers_stay_as_they_were(learner, questions, answering):
    history(answering, learner, questions, as_before=True)
    items = list(AttemptItem.objects.order_by("pk").values())
    q1_card = ReviewCard.objects.get(user=learner, question=questions[1]).pk
    others = ReviewLog.objects.exclude(card_id=q1_card).order_by("pk")  # q0's exam answer, q3's practice
    kept = list(others.filter(attempt_item__answered_at__isnull=False).values())
    assert len(kept) == 3

    drop_blank_exam_reviews(ReviewCard, ReviewLog)
    assert list(AttemptItem.objects.order_by("pk").values()) == items  # answers, scores, times
    assert list(others.values()) == kept
    assert not ReviewLog.objects.filter(attempt_item__answered_at__isnull=True).exists()
    # q1's answers (practice before and after) keep their logs; only their replayed stability and due change
    assert list(ReviewLog.objects.filter(card_id=q1_card).values_list("mode", "rating")) == [("practice", 3)] * 2


def test_a_second_run_finds_nothing_and_writes_nothing(learner, questions, answering):
    history(answering, learner, questions, as_before=True)
    drop_blank_exam_reviews(ReviewCard, ReviewLog)
    before = cards(learner), logs(learner), list(ReviewCard.objects.values_list("updated_at", flat=True))
    with CaptureQueriesContext(connection) as queries:
        assert drop_blank_exam_reviews(ReviewCard, ReviewLog) == (0, 0, 0)
    assert len(queries) == 1  # the look for blank reviews
    assert (cards(learner), logs(learner), list(ReviewCard.objects.values_list("updated_at", flat=True))) == before


def test_a_log_whose_item_is_gone_is_kept_it_cannot_be_told_from_a_wrong_answer(learner, make, answering):
    question = make.question()
    exam(answering, learner, {question: None}, as_before=True)
    ReviewLog.objects.update(attempt_item=None)  # its attempt deleted (the log's item is SET_NULL)
    assert drop_blank_exam_reviews(ReviewCard, ReviewLog) == (0, 0, 0)
    assert ReviewLog.objects.count() == 1


def test_its_queries_do_not_grow_with_the_cards_touched(learner, make, answering):
    def queries_for(n):
        questions = [make.question() for _ in range(n)]
        for question in questions:  # each card answered in practice, then left blank in an exam
            answering.answer(learner, question, correct=True, when=NOW - timedelta(days=1))
        exam(answering, learner, {question: None for question in questions}, as_before=True)
        with CaptureQueriesContext(connection) as queries:
            assert drop_blank_exam_reviews(ReviewCard, ReviewLog) == (n, 0, n)
        return len(queries)

    assert queries_for(2) == queries_for(9)


def test_rebuild_review_cards_drops_them_too_and_says_so(learner, questions, answering):
    history(answering, learner, questions, as_before=True)
    out = io.StringIO()
    call_command("rebuild_review_cards", stdout=out)
    assert out.getvalue() == ("2 reviews of exam questions left blank deleted (1 cards with no other review deleted).\n"
                              "3 review cards replayed, 0 changed.\n")
    out = io.StringIO()
    call_command("rebuild_review_cards", stdout=out)
    assert out.getvalue() == "3 review cards replayed, 0 changed.\n"


def test_rebuild_review_cards_for_one_user_leaves_the_others_blank_reviews(learner, other_learner, questions,
                                                                            answering):
    history(answering, learner, questions, as_before=True)
    history(answering, other_learner, questions, as_before=True)
    call_command("rebuild_review_cards", "--user", other_learner.username, stdout=io.StringIO())
    assert list(ReviewLog.objects.filter(attempt_item__answered_at__isnull=True).values_list("user", flat=True)) == [
        learner.pk, learner.pk]


@pytest.mark.django_db(transaction=True)
def test_the_migration_cleans_a_database_graded_under_the_old_rule(learner, other_learner, questions, answering):
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate([("progress", "0011_reviewcard_answered")])  # no table changes since: today's models fit
        history(answering, learner, questions, as_before=True)
        history(answering, other_learner, questions, as_before=False)
        MigrationExecutor(connection).migrate([("progress", "0012_drop_blank_exam_reviews")])
        assert cards(learner) == cards(other_learner)
        assert logs(learner) == logs(other_learner)
    finally:
        MigrationExecutor(connection).migrate(latest)

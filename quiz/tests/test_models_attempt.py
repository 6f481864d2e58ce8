"""Attempts: snapshots, shuffling, one in progress per quiz, expiry, grading."""

import random
from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from quiz import attempts
from quiz.models import Attempt, Mode, Question, Quiz


@pytest.fixture
def exam(db):
    return Quiz.objects.create(slug="short", title="Short exam", mode=Mode.EXAM, question_count=5,
                               time_limit_minutes=1, only_approved=False)


def test_the_default_mock_exam_is_65_questions_in_130_minutes_from_live_questions(db):
    quiz = attempts.mock_exam()  # made by a data migration; recreated if missing (flushed test databases)
    assert (quiz.mode, quiz.question_count, quiz.time_limit_minutes, quiz.pass_mark) == ("exam", 65, 130, 720)
    assert quiz.only_approved is False


def test_a_snapshot_survives_an_edit_and_retirement_of_the_question(make, learner):
    question = make.question()
    attempt = attempts.start_practice(learner, [question], "en")
    item = attempt.items.get()

    question.stem = {"en": "Rewritten stem"}
    question.options = [{**o, "correct": not o["correct"], "text": "changed"} for o in question.options]
    question.status = Question.Status.RETIRED
    question.save()

    item.refresh_from_db()
    assert item.stem_in("en").startswith("Question")
    assert "changed" not in {o["text"] for o in item.options}
    assert item.correct_keys == ["A"]
    attempts.answer_practice(attempt, item, [attempts.label_of(item, "A")], now=timezone.now())
    item.refresh_from_db()
    assert item.correct is True


def test_option_order_is_shuffled_per_attempt(make, learner):
    question = make.question(n_options=6)
    orders = {
        tuple(o["key"] for o in attempts.start_practice(learner, [question], "en", rng=random.Random(seed))
              .items.get().options)
        for seed in range(8)
    }
    assert len(orders) > 1


def test_only_one_attempt_per_quiz_can_be_in_progress(make, learner, exam):
    now = timezone.now()
    Attempt.objects.create(user=learner, quiz=exam, mode=Mode.EXAM, language="en", started_at=now)
    with pytest.raises(IntegrityError), transaction.atomic():
        Attempt.objects.create(user=learner, quiz=exam, mode=Mode.EXAM, language="en", started_at=now)


def test_ad_hoc_practice_sets_may_run_side_by_side(make, learner):
    question = make.question()
    attempts.start_practice(learner, [question], "en")
    attempts.start_practice(learner, [question], "en")
    assert Attempt.objects.for_user(learner).in_progress().count() == 2


def test_start_exam_resumes_the_attempt_in_progress(make, learner, exam):
    for _ in range(5):
        make.question()
    first, created = attempts.start_exam(learner, exam, "en")
    again, created_again = attempts.start_exam(learner, exam, "en")
    assert created and not created_again
    assert again.pk == first.pk
    assert first.item_count == 5
    assert first.deadline == first.started_at + timedelta(minutes=1)


def test_start_exam_without_questions_is_refused_and_writes_nothing(learner, exam):
    with pytest.raises(attempts.AttemptRefused) as refused:
        attempts.start_exam(learner, exam, "en")
    assert refused.value.code == "no_questions"
    assert not Attempt.objects.exists()


def test_start_exam_respects_attempts_allowed_and_opening_times(make, learner, exam):
    make.question()
    exam.attempts_allowed = 1
    exam.save()
    attempt, _ = attempts.start_exam(learner, exam, "en")
    attempts.submit(attempt, now=timezone.now())
    with pytest.raises(attempts.AttemptRefused) as refused:
        attempts.start_exam(learner, exam, "en")
    assert refused.value.code == "no_attempts_left"
    exam.attempts_allowed = None
    exam.closes_at = timezone.now() - timedelta(minutes=1)
    exam.save()
    with pytest.raises(attempts.AttemptRefused) as closed:
        attempts.start_exam(learner, exam, "en")
    assert closed.value.code == "closed"


def test_an_overdue_attempt_is_graded_at_its_deadline(make, learner, exam):
    questions = [make.question() for _ in range(4)]
    start = timezone.now() - timedelta(minutes=5)
    attempt, _ = attempts.start_exam(learner, exam, "en", now=start)
    items = list(attempt.items.all())
    for item in items[:2]:  # two right answers saved in time
        attempts.save_exam_answer(attempt, item, [attempts.label_of(item, "A")], now=start + timedelta(seconds=10))

    assert attempts.expire_overdue(now=timezone.now()) == 1
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.EXPIRED
    assert attempt.submitted_at == attempt.deadline
    assert (attempt.raw_score, attempt.item_count) == (2, len(questions))
    assert attempt.scaled_score == 100 + 900 * 2 // 4
    assert attempt.passed is False


def test_answers_after_the_deadline_are_refused(make, learner, exam):
    make.question()
    start = timezone.now() - timedelta(minutes=2)
    attempt, _ = attempts.start_exam(learner, exam, "en", now=start)
    item = attempt.items.get()
    with pytest.raises(attempts.AnswerRefused) as refused:
        attempts.save_exam_answer(attempt, item, ["A"], now=timezone.now())
    assert refused.value.code == "deadline"
    item.refresh_from_db()
    assert item.chosen == []


def test_an_answer_to_an_exam_already_graded_at_its_deadline_is_refused_as_late(make, learner, exam):
    make.question()
    start = timezone.now() - timedelta(minutes=2)
    attempt, _ = attempts.start_exam(learner, exam, "en", now=start)
    attempts.expire_overdue(now=timezone.now())
    attempt.refresh_from_db()
    item = attempt.items.get()
    with pytest.raises(attempts.AnswerRefused) as refused:  # the learner did not submit it: time ran out
        attempts.save_exam_answer(attempt, item, ["A"], now=timezone.now())
    assert refused.value.code == "deadline"
    item.refresh_from_db()
    assert item.chosen == []


def test_a_choose_two_item_scores_only_when_both_keys_are_chosen(make, learner, exam):
    make.question(type="choose_n", choose=2, n_options=5)
    now = timezone.now()
    attempt, _ = attempts.start_exam(learner, exam, "en", now=now)
    item = attempt.items.get()
    attempts.save_exam_answer(attempt, item, [attempts.label_of(item, "A")], now=now)
    item.refresh_from_db()
    assert item.answered_at is None  # one of two is not an answer yet
    with pytest.raises(attempts.AnswerRefused):
        attempts.save_exam_answer(attempt, item, [attempts.LABELS[i] for i in range(3)], now=now)
    attempts.submit(attempt, now=now)
    assert (attempt.raw_score, attempt.scaled_score) == (0, 100)


def test_submitting_twice_grades_once(make, learner, exam):
    make.question()
    attempt, _ = attempts.start_exam(learner, exam, "en")
    item = attempt.items.get()
    now = timezone.now()
    attempts.save_exam_answer(attempt, item, [attempts.label_of(item, "A")], now=now)
    attempts.submit(attempt, now=now)
    first = (attempt.submitted_at, attempt.scaled_score)
    attempts.submit(attempt, now=now + timedelta(seconds=5))
    assert (attempt.submitted_at, attempt.scaled_score) == first == (now, 1000)


def test_answering_a_practice_item_twice_keeps_the_first_answer(make, learner):
    question = make.question()
    attempt = attempts.start_practice(learner, [question, make.question()], "en")
    item = attempt.items.get(position=0)
    now = timezone.now()
    assert attempts.answer_practice(attempt, item, [attempts.label_of(item, "B")], now=now) is True
    assert attempts.answer_practice(attempt, item, [attempts.label_of(item, "A")], now=now) is False
    item.refresh_from_db()
    assert (item.chosen, item.correct) == (["B"], False)


def test_answered_items_reach_the_progress_app(make, learner):
    from quiz.progress.models import ReviewLog

    attempt = attempts.start_practice(learner, [make.question()], "en")
    item = attempt.items.get()
    attempts.answer_practice(attempt, item, [attempts.label_of(item, "A")], now=timezone.now())
    assert ReviewLog.objects.filter(attempt_item=item, correct=True).count() == 1
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.SUBMITTED  # last item answered ends the set


def test_the_admin_lists_quizzes_attempts_items_reports_and_questions(make, learner, admin_client):
    from quiz.models import ProblemReport

    attempt = attempts.start_practice(learner, [make.question()], "en")
    item = attempt.items.get()
    ProblemReport.objects.create(user=learner, question=item.question, item=item, text="Typo in option B")
    for model in ("quiz", "attempt", "attemptitem", "problemreport", "question"):
        response = admin_client.get(f"/admin/quiz/{model}/")
        assert response.status_code == 200, model
    assert "Typo in option B" in admin_client.get("/admin/quiz/problemreport/").content.decode()
    assert admin_client.get(f"/admin/quiz/attempt/{attempt.pk}/change/").status_code == 200


def _race(*callables):
    """Run the callables at the same moment in threads, each with its own database connection."""
    import threading

    from django.db import close_old_connections, connection

    barrier = threading.Barrier(len(callables))
    results = [None] * len(callables)

    def run(index, fn):
        close_old_connections()
        try:
            barrier.wait()
            results[index] = fn()
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, fn)) for i, fn in enumerate(callables)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def _logged_in_client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.mark.postgresql_only  # needs row locks across connections
@pytest.mark.django_db(transaction=True)
def test_a_double_click_on_a_practice_answer_stores_one_answer_and_one_review(make, learner, settings):
    from quiz.progress.models import ReviewLog

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    attempt = attempts.start_practice(learner, [make.question(), make.question()], "en")
    item = attempt.items.get(position=0)
    url = f"/quiz/practice/{attempt.uid}/1/"
    tabs = [_logged_in_client(learner) for _ in range(4)]
    answers = [attempts.label_of(item, "A"), attempts.label_of(item, "B"), attempts.label_of(item, "A"), attempts.label_of(item, "C")]
    statuses = _race(*[lambda c=c, a=a: c.post(url, {"choice": a}).status_code for c, a in zip(tabs, answers)])
    assert statuses == [302] * 4
    item.refresh_from_db()
    assert len(item.chosen) == 1 and item.correct == (item.chosen == ["A"])
    assert ReviewLog.objects.filter(attempt_item=item).count() == 1


@pytest.mark.postgresql_only  # needs row locks across connections
@pytest.mark.django_db(transaction=True)
def test_two_tabs_submitting_an_exam_at_once_grade_it_once(make, learner, exam, settings):
    from quiz.progress.models import ReviewLog

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    for _ in range(3):
        make.question()
    attempt, _ = attempts.start_exam(learner, exam, "en")
    first = attempt.items.get(position=0)
    attempts.save_exam_answer(attempt, first, [attempts.label_of(first, "A")], now=timezone.now())
    url = f"/quiz/attempts/{attempt.uid}/submit/"
    tabs = [_logged_in_client(learner) for _ in range(3)]
    statuses = _race(*[lambda c=c: c.post(url).status_code for c in tabs])
    assert statuses == [302] * 3
    attempt.refresh_from_db()
    assert (attempt.state, attempt.raw_score, attempt.item_count) == ("submitted", 1, 3)
    # graded once: one review for the one answered item (the two left blank make none)
    assert ReviewLog.objects.filter(attempt_item__attempt=attempt).count() == 1


def test_the_expire_attempts_command_grades_overdue_exams_once(make, learner, exam):
    from io import StringIO

    from django.core.management import call_command

    make.question()
    attempt, _ = attempts.start_exam(learner, exam, "en", now=timezone.now() - timedelta(minutes=2))
    out = StringIO()
    call_command("expire_attempts", stdout=out)
    call_command("expire_attempts", stdout=out)
    assert out.getvalue().splitlines() == ["Graded 1 overdue attempt(s).", "Graded 0 overdue attempt(s)."]
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.EXPIRED


def test_a_practice_quiz_has_no_deadline(make, learner):
    make.question()
    quiz = Quiz.objects.create(slug="p", title="Practice quiz", mode=Mode.PRACTICE, question_count=3,
                               only_approved=False)
    attempt, _ = attempts.start_exam(learner, quiz, "en")
    assert attempt.mode == Mode.PRACTICE and attempt.deadline is None
    assert attempt.get_absolute_url() == f"/quiz/practice/{attempt.uid}/1/"


def test_a_fixed_question_list_without_shuffle_keeps_the_order_it_was_built_in(make, learner):
    questions = [make.question(make.topic(domain=d)) for d in ("storage", "compute", "dns", "compute")]
    quiz = Quiz.objects.create(slug="fixed", title="Fixed", mode=Mode.EXAM, question_count=10, shuffle=False)
    for question in reversed(questions):
        quiz.questions.add(question)
    attempt, _ = attempts.start_exam(learner, quiz, "en")
    assert list(attempt.items.values_list("question_id", flat=True)) == [q.pk for q in reversed(questions)]
    assert [o["key"] for o in attempt.items.first().options] == ["A", "B", "C", "D"]


def test_label_of_reverses_chosen_keys_whatever_the_shuffle(make, learner):
    attempt = attempts.start_practice(learner, [make.question(n_options=5)], "en")
    item = attempt.items.get()
    for option in item.options:
        assert attempts.chosen_keys(item, [attempts.label_of(item, option["key"])]) == [option["key"]]


def test_the_migration_stores_review_and_weakest_set_titles_as_msgids_again(learner):
    import importlib

    from django.apps import apps

    migration = importlib.import_module("quiz.migrations.0013_review_and_weakest_titles_untranslated")
    now = timezone.now()
    for origin, title in [("review", "復習"), ("review", "복습"), ("weakest", "苦手なトピック"), ("topic", "AWS Lambda")]:
        Attempt.objects.create(user=learner, mode=Mode.PRACTICE, language="ja", started_at=now, origin=origin,
                               title=title)
    migration.untranslate_titles(apps, None)
    assert sorted(Attempt.objects.values_list("origin", "title")) == [
        ("review", "Review"), ("review", "Review"), ("topic", "AWS Lambda"), ("weakest", "My weakest topics")]

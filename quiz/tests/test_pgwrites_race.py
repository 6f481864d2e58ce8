"""The one-statement exam answer (quiz.pgwrites) against concurrent grading, on PostgreSQL."""

import threading
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import close_old_connections, connection, connections, transaction
from django.utils import timezone

from quiz import attempts, pgwrites
from quiz.attempts import LABELS
from quiz.models import Attempt, AttemptItem, Mode, Quiz

pytestmark = [pytest.mark.postgresql_only, pytest.mark.django_db(transaction=True)]
RATE = {"limit": 10_000, "period": 60}


def _exam(make, learner, n, slug):
    for _ in range(n):
        make.question()
    quiz = Quiz.objects.create(slug=slug, title="R", mode=Mode.EXAM, question_count=n, time_limit_minutes=1,
                               only_approved=False, shuffle=False)
    return attempts.start_exam(learner, quiz, "en")[0]


def _right(item):
    return [next(o["key"] for o in item.options if o["correct"])]


def _save(learner, attempt, item, at):
    request = SimpleNamespace(user=learner, META={})
    changes = {"chosen": _right(item), "answered_at": at}
    return pgwrites.save_exam_answer(request, attempt, item, changes, item.position, now=at, rate=RATE)


def test_parallel_answers_and_expiry(make, learner):
    attempt = _exam(make, learner, 12, "r1")
    deadline = attempt.deadline
    acknowledged, errors = {}, []
    items = {i.position: i for i in AttemptItem.objects.filter(attempt=attempt)}
    start = threading.Barrier(13)

    def answer(position):
        close_old_connections()
        try:
            item = items[position]
            at = deadline + timedelta(milliseconds=(position - 6) * 10)
            start.wait()
            allowed, written, _ = _save(learner, Attempt.objects.get(pk=attempt.pk), item, at)
            if written:
                acknowledged[position] = _right(item)
        except Exception as e:  # noqa
            errors.append(e)
        finally:
            connection.close()

    def expire():
        close_old_connections()
        try:
            start.wait()
            attempts.expire_overdue(deadline + timedelta(seconds=1))
        except Exception as e:  # noqa
            errors.append(e)
        finally:
            connection.close()

    threads = [threading.Thread(target=answer, args=(p,)) for p in range(12)] + [threading.Thread(target=expire)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors
    attempt.refresh_from_db()
    stored = {i.position: i.chosen for i in AttemptItem.objects.filter(attempt=attempt) if i.chosen}
    assert attempt.state == Attempt.State.EXPIRED
    assert stored == acknowledged
    assert set(acknowledged) <= set(range(6))
    assert attempt.raw_score == len(acknowledged)


def _other_connection():
    from django.db import connections as c
    alias = "default"
    return c.create_connection(alias)


def test_answer_waiting_on_a_grading_lock_writes_nothing(make, learner):
    attempt = _exam(make, learner, 3, "r2")
    item = AttemptItem.objects.get(attempt=attempt, position=0)
    now = timezone.now()
    grader = _other_connection()
    grader.set_autocommit(False)
    with grader.cursor() as c:
        c.execute("SELECT id FROM quiz_attempt WHERE id = %s FOR UPDATE", [attempt.pk])
    result = {}

    def answer():
        close_old_connections()
        try:
            result["r"] = _save(learner, Attempt.objects.get(pk=attempt.pk), item, now)
        finally:
            connection.close()

    t = threading.Thread(target=answer)
    t.start()
    time.sleep(0.5)
    assert t.is_alive(), "the answer waits for the attempt's lock"
    with grader.cursor() as c:
        c.execute("UPDATE quiz_attempt SET state = 'submitted' WHERE id = %s", [attempt.pk])
    grader.commit()
    grader.close()
    t.join(10)
    assert result["r"][1] is False
    assert AttemptItem.objects.get(pk=item.pk).chosen == []


def test_grading_waiting_on_an_answer_sees_its_item(make, learner):
    """The answer has moved (attempt locked) and waits on its item row; grading queues behind it and must see
    the stored answer."""
    attempt = _exam(make, learner, 3, "r3")
    item = AttemptItem.objects.get(attempt=attempt, position=0)
    now = timezone.now()
    blocker = _other_connection()
    blocker.set_autocommit(False)
    with blocker.cursor() as c:
        c.execute("SELECT id FROM quiz_attemptitem WHERE id = %s FOR UPDATE", [item.pk])
    result = {}

    def answer():
        close_old_connections()
        try:
            result["r"] = _save(learner, Attempt.objects.get(pk=attempt.pk), item, now)
        finally:
            connection.close()

    def grade():
        close_old_connections()
        try:
            with transaction.atomic():
                locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
                attempts.submit(locked, now=now + timedelta(seconds=1))
        finally:
            connection.close()

    ta = threading.Thread(target=answer)
    ta.start()
    time.sleep(0.5)
    tg = threading.Thread(target=grade)
    tg.start()
    time.sleep(0.5)
    assert ta.is_alive() and tg.is_alive()
    blocker.rollback()
    blocker.close()
    ta.join(10)
    tg.join(10)
    assert result["r"][1] is True
    attempt.refresh_from_db()
    assert AttemptItem.objects.get(pk=item.pk).chosen == _right(item)
    assert attempt.state == Attempt.State.SUBMITTED and attempt.raw_score == 1


def test_the_last_two_answers_of_a_practice_set_sent_at_once_grade_it(make, learner):
    """Two tabs answer a set's last two items at the same moment: whichever commits second counts the other's
    answer (read after the lock, quiz.pgwrites) and grades the set."""
    from quiz.progress.models import ReviewLog

    for _round in range(5):
        questions = [make.question() for _ in range(4)]
        practice = attempts.start_practice(learner, questions, "en")
        items = list(AttemptItem.objects.filter(attempt=practice).order_by("position"))
        for item in items[:2]:
            attempts.answer_practice(Attempt.objects.get(pk=practice.pk), item, ["A"], now=timezone.now())
        start, errors = threading.Barrier(2), []

        def answer(item):
            close_old_connections()
            try:
                request = SimpleNamespace(user=learner, META={})
                attempt = Attempt.objects.get(pk=practice.pk)
                prepared = attempts.prepare_practice_answer(attempt, item, ["A"], now=timezone.now())
                start.wait()
                with transaction.atomic():
                    allowed, state, _deadline = pgwrites.lock_practice(request, attempt, rate=RATE)
                    assert allowed and state == Attempt.State.IN_PROGRESS
                    attempt.state = state
                    assert pgwrites.store_practice_answer(attempt, item, prepared, now=timezone.now())
            except Exception as e:  # noqa
                errors.append(e)
            finally:
                connection.close()

        threads = [threading.Thread(target=answer, args=(item,)) for item in items[2:]]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert not errors
        practice.refresh_from_db()
        assert practice.state != Attempt.State.IN_PROGRESS and practice.submitted_at is not None
        assert ReviewLog.objects.filter(attempt_item__attempt=practice).count() == 4


def test_the_last_two_answers_of_a_practice_set_through_the_locked_count_grade_it_too(make, learner):
    """``attempts.answer_practice`` (``fastreads.lock_state_counting``: the count in a statement after the lock)."""
    for _round in range(5):
        practice = attempts.start_practice(learner, [make.question() for _ in range(4)], "en")
        items = list(AttemptItem.objects.filter(attempt=practice).order_by("position"))
        for item in items[:2]:
            attempts.answer_practice(Attempt.objects.get(pk=practice.pk), item, ["A"], now=timezone.now())
        start, errors = threading.Barrier(2), []

        def answer(item):
            close_old_connections()
            try:
                attempt = Attempt.objects.get(pk=practice.pk)
                start.wait()
                with transaction.atomic():
                    assert attempts.answer_practice(attempt, item, ["A"], now=timezone.now())
            except Exception as e:  # noqa
                errors.append(e)
            finally:
                connection.close()

        threads = [threading.Thread(target=answer, args=(item,)) for item in items[2:]]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert not errors
        practice.refresh_from_db()
        assert practice.state != Attempt.State.IN_PROGRESS

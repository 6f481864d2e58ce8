"""The one-statement exam and practice answers (quiz.pgwrites) against concurrent grading and each other, on
PostgreSQL."""

import threading
import time
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django.db import close_old_connections, connection, connections, transaction
from django.utils import timezone

from quiz import attempts, pgwrites
from quiz.models import Attempt, AttemptItem, Mode, Quiz

pytestmark = [pytest.mark.postgresql_only, pytest.mark.django_db(transaction=True)]
RATE = {"limit": 10_000, "period": 60}


class Threads:
    """Each call runs in a thread of its own with its own database connection; ``join`` waits for all and
    re-raises the first error any of them had."""

    def __init__(self):
        self.threads, self.errors = [], []

    def start(self, function, *args):
        def run():
            close_old_connections()
            try:
                function(*args)
            except BaseException as error:  # noqa: BLE001 (reported by join)
                self.errors.append(error)
            finally:
                connection.close()

        thread = threading.Thread(target=run)
        thread.start()
        self.threads.append(thread)
        return thread

    def join(self, timeout=30):
        for thread in self.threads:
            thread.join(timeout)
        assert not any(thread.is_alive() for thread in self.threads), "a thread is stuck"
        if self.errors:
            raise self.errors[0]


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


def _locker(sql, pk):
    """Another connection holding ``sql``'s row lock (``FOR UPDATE``) in an open transaction."""
    other = connections.create_connection("default")
    other.set_autocommit(False)
    with other.cursor() as cursor:
        cursor.execute(sql, [pk])
    return other


def test_parallel_answers_and_expiry(make, learner):
    attempt = _exam(make, learner, 12, "r1")
    deadline = attempt.deadline
    acknowledged = {}
    items = {i.position: i for i in AttemptItem.objects.filter(attempt=attempt)}
    start, threads = threading.Barrier(13), Threads()

    def answer(position):
        at = deadline + timedelta(milliseconds=(position - 6) * 10)
        start.wait()
        _allowed, written, _ = _save(learner, Attempt.objects.get(pk=attempt.pk), items[position], at)
        if written:
            acknowledged[position] = _right(items[position])

    def expire():
        start.wait()
        attempts.expire_overdue(deadline + timedelta(seconds=1))

    for position in range(12):
        threads.start(answer, position)
    threads.start(expire)
    threads.join()
    attempt.refresh_from_db()
    stored = {i.position: i.chosen for i in AttemptItem.objects.filter(attempt=attempt) if i.chosen}
    assert attempt.state == Attempt.State.EXPIRED
    assert stored == acknowledged
    assert set(acknowledged) <= set(range(6))
    assert attempt.raw_score == len(acknowledged)


def test_answer_waiting_on_a_grading_lock_writes_nothing(make, learner):
    attempt = _exam(make, learner, 3, "r2")
    item = AttemptItem.objects.get(attempt=attempt, position=0)
    now = timezone.now()
    grader = _locker("SELECT id FROM quiz_attempt WHERE id = %s FOR UPDATE", attempt.pk)
    result, threads = {}, Threads()
    waiting = threads.start(lambda: result.setdefault("r", _save(learner, Attempt.objects.get(pk=attempt.pk), item,
                                                                  now)))
    time.sleep(0.5)
    assert waiting.is_alive(), "the answer waits for the attempt's lock"
    with grader.cursor() as c:
        c.execute("UPDATE quiz_attempt SET state = 'submitted' WHERE id = %s", [attempt.pk])
    grader.commit()
    grader.close()
    threads.join(10)
    assert result["r"][1] is False
    assert AttemptItem.objects.get(pk=item.pk).chosen == []


def test_grading_waiting_on_an_answer_sees_its_item(make, learner):
    """The answer has moved (attempt locked) and waits on its item row; grading queues behind it and must see
    the stored answer."""
    attempt = _exam(make, learner, 3, "r3")
    item = AttemptItem.objects.get(attempt=attempt, position=0)
    now = timezone.now()
    blocker = _locker("SELECT id FROM quiz_attemptitem WHERE id = %s FOR UPDATE", item.pk)
    result, threads = {}, Threads()

    def grade():
        with transaction.atomic():
            locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
            attempts.submit(locked, now=now + timedelta(seconds=1))

    answering = threads.start(lambda: result.setdefault("r", _save(learner, Attempt.objects.get(pk=attempt.pk), item,
                                                                    now)))
    time.sleep(0.5)
    grading = threads.start(grade)
    time.sleep(0.5)
    assert answering.is_alive() and grading.is_alive()
    blocker.rollback()
    blocker.close()
    threads.join(10)
    assert result["r"][1] is True
    attempt.refresh_from_db()
    assert AttemptItem.objects.get(pk=item.pk).chosen == _right(item)
    assert attempt.state == Attempt.State.SUBMITTED and attempt.raw_score == 1


def test_an_answer_waiting_on_an_instructors_edit_of_its_question_writes_nothing(make, learner):
    """The edit (``refresh_open_items``) holds the item's row and gives it version 2; the answer, checked
    against version 1 in its statement's snapshot, waits for the row and must find the version changed."""
    attempt = _exam(make, learner, 3, "r4")
    item = AttemptItem.objects.get(attempt=attempt, position=0)
    editor = _locker("SELECT id FROM quiz_attemptitem WHERE id = %s FOR UPDATE", item.pk)
    result, threads = {}, Threads()

    def save():
        try:
            _save(learner, Attempt.objects.get(pk=attempt.pk), item, timezone.now())
        except attempts.QuestionChanged:
            result["changed"] = True

    waiting = threads.start(save)
    time.sleep(0.5)
    assert waiting.is_alive(), "the answer waits for the item's row"
    with editor.cursor() as c:
        c.execute("UPDATE quiz_attemptitem SET question_version = 2 WHERE id = %s", [item.pk])
    editor.commit()
    editor.close()
    threads.join(10)
    assert result == {"changed": True}
    item.refresh_from_db()
    assert item.chosen == [] and item.answered_at is None and item.question_version == 2


def _answer_with_pgwrites(learner, attempt, item):
    request = SimpleNamespace(user=learner, META={})
    prepared = attempts.prepare_practice_answer(attempt, item, ["A"], now=timezone.now())
    assert pgwrites.answer_practice(request, attempt, item, prepared, now=timezone.now(), rate=RATE) == (
        True, pgwrites.STORED)


def _answer_with_the_locked_count(learner, attempt, item):
    with transaction.atomic():
        assert attempts.answer_practice(attempt, item, ["A"], now=timezone.now())


@pytest.mark.parametrize("answer", [_answer_with_pgwrites, _answer_with_the_locked_count])
def test_the_last_two_answers_of_a_practice_set_sent_at_once_grade_it(make, learner, answer):
    """Two tabs answer a set's last two items at the same moment: whichever commits second counts the other's
    answer (the count on the attempt's row, read once locked: quiz.pgwrites; read after the lock:
    fastreads.lock_state_counting) and grades the set."""
    from quiz.progress.models import ReviewLog

    for _round in range(5):
        practice = attempts.start_practice(learner, [make.question() for _ in range(4)], "en")
        items = list(AttemptItem.objects.filter(attempt=practice).order_by("position"))
        for item in items[:2]:
            attempts.answer_practice(Attempt.objects.get(pk=practice.pk), item, ["A"], now=timezone.now())
        start, threads = threading.Barrier(2), Threads()

        def answer_at_once(item):
            attempt = Attempt.objects.get(pk=practice.pk)
            start.wait()
            answer(learner, attempt, item)

        for item in items[2:]:
            threads.start(answer_at_once, item)
        threads.join()
        practice.refresh_from_db()
        assert practice.state != Attempt.State.IN_PROGRESS and practice.submitted_at is not None
        assert ReviewLog.objects.filter(attempt_item__attempt=practice).count() == 4


def _practice(make, learner, n):
    practice = attempts.start_practice(learner, [make.question() for _ in range(n)], "en")
    return practice, list(AttemptItem.objects.filter(attempt=practice).order_by("position"))


def test_a_last_practice_answer_waiting_for_the_lock_sees_the_answer_it_waited_for(make, learner):
    """The answer's statement starts (its snapshot taken) while another transaction holds the attempt's lock
    and answers the other remaining item; once that commits, the waiting answer must count it and grade."""
    practice, items = _practice(make, learner, 2)
    holder = _locker("SELECT id FROM quiz_attempt WHERE id = %s FOR UPDATE", practice.pk)
    result, threads = {}, Threads()
    waiting = threads.start(lambda: result.setdefault(
        "r", _answer_with_pgwrites(learner, Attempt.objects.get(pk=practice.pk), items[1])))
    time.sleep(0.5)
    assert waiting.is_alive(), "the answer waits for the attempt's lock"
    with holder.cursor() as c:  # what the other tab's answer writes, as the locked path writes it
        c.execute("UPDATE quiz_attemptitem SET answered_at = now(), chosen = '[\"A\"]', correct = true"
                  " WHERE id = %s", [items[0].pk])
        c.execute("UPDATE quiz_attempt SET answered_count = answered_count + 1 WHERE id = %s", [practice.pk])
    holder.commit()
    holder.close()
    threads.join(10)
    practice.refresh_from_db()
    assert practice.state == Attempt.State.SUBMITTED and practice.answered_count == 2


def test_a_practice_answer_counted_twice_does_not_grade_the_set_early(make, learner):
    """Two tabs answering one item both add to the attempt's count; the set is graded only once every item is
    answered, counted on the items themselves."""
    practice, items = _practice(make, learner, 3)
    Attempt.objects.filter(pk=practice.pk).update(answered_count=1)  # one answer counted twice, none stored
    _answer_with_pgwrites(learner, Attempt.objects.get(pk=practice.pk), items[0])
    _answer_with_pgwrites(learner, Attempt.objects.get(pk=practice.pk), items[1])
    practice.refresh_from_db()
    assert practice.answered_count == 3 and practice.state == Attempt.State.IN_PROGRESS
    _answer_with_pgwrites(learner, Attempt.objects.get(pk=practice.pk), items[2])
    practice.refresh_from_db()
    assert practice.state == Attempt.State.SUBMITTED and practice.raw_score is not None


def test_a_practice_answer_to_a_closed_set_writes_nothing(make, learner):
    practice, items = _practice(make, learner, 2)
    Attempt.objects.filter(pk=practice.pk).update(state=Attempt.State.SUBMITTED, submitted_at=timezone.now())
    request = SimpleNamespace(user=learner, META={})
    attempt = Attempt.objects.get(pk=practice.pk)
    attempt.state = Attempt.State.IN_PROGRESS  # as read before the set was ended in another tab
    prepared = attempts.prepare_practice_answer(attempt, items[0], ["A"], now=timezone.now())
    assert pgwrites.answer_practice(request, attempt, items[0], prepared, now=timezone.now(), rate=RATE) == (
        True, pgwrites.NOT_OPEN)
    assert AttemptItem.objects.get(pk=items[0].pk).answered_at is None
    assert Attempt.objects.get(pk=practice.pk).answered_count == 0

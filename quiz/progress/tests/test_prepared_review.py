"""A practice answer's review, prepared before its write transaction and stored without a savepoint: the
writes that may find their row taken skip the conflict, and a half-made review is undone, so the caller's
locked fallback (``record_answer``) records the answer exactly once."""

from datetime import timedelta

import pytest
from django.db import transaction

from quiz import attempts
from quiz.attempts import start_practice
from quiz.progress.models import ReviewCard, ReviewLog
from quiz.progress.reviews import prepare_review, record_answer, store_prepared_review

from .conftest import NOW


@pytest.fixture
def item(make, learner):
    attempt = start_practice(learner, [make.question()], "en")
    return attempt.items.select_related("attempt").get()


def _prepare(item, when=NOW, correct=True):
    return prepare_review(item.attempt.user_id, item.question_id, item.pk, correct=correct, when=when)


def _answer_in_another_set(make, learner, question, when):
    other = start_practice(learner, [question], "en")
    item = other.items.get()
    with transaction.atomic():
        attempts.answer_practice(other, item, [attempts.label_of(item, "A")], now=when)


def test_a_first_review_writes_the_card_and_its_log(item, learner):
    prepared = _prepare(item)
    with transaction.atomic():
        assert store_prepared_review(prepared) is True
    card = ReviewCard.objects.get(user=learner, question_id=item.question_id)
    log = ReviewLog.objects.get(attempt_item=item)
    assert (card.reps, log.card_id, log.rating, log.correct, log.was_due) == (1, card.pk, 3, True, False)
    assert log.reviewed_at == card.last_review == NOW and log.due == card.due


def test_a_card_created_meanwhile_is_left_alone_and_nothing_is_written(make, item, learner):
    prepared = _prepare(item)  # no card yet
    _answer_in_another_set(make, learner, item.question, NOW - timedelta(minutes=1))
    before = ReviewCard.objects.get(user=learner, question_id=item.question_id)
    with transaction.atomic():
        assert store_prepared_review(prepared) is False
    after = ReviewCard.objects.get(pk=before.pk)
    assert (after.reps, after.updated_at) == (before.reps, before.updated_at)
    assert not ReviewLog.objects.filter(attempt_item=item).exists()
    assert prepared.card.pk is None


def test_a_card_changed_meanwhile_is_left_alone_and_the_log_taken_back(make, item, learner):
    _answer_in_another_set(make, learner, item.question, NOW - timedelta(days=2))
    prepared = _prepare(item)
    _answer_in_another_set(make, learner, item.question, NOW - timedelta(days=1))
    before = ReviewCard.objects.get(user=learner, question_id=item.question_id)
    with transaction.atomic():
        assert store_prepared_review(prepared) is False
    after = ReviewCard.objects.get(pk=before.pk)
    assert (after.reps, after.state) == (before.reps, before.state) == (2, before.state)
    assert not ReviewLog.objects.filter(attempt_item=item).exists()
    assert ReviewLog.objects.filter(card=after).count() == 2


def test_an_item_with_a_log_already_writes_no_second_log_and_leaves_an_existing_card(make, item, learner):
    _answer_in_another_set(make, learner, item.question, NOW - timedelta(days=2))
    prepared = _prepare(item)
    item.correct, item.answered_at, item.rating = True, NOW, 3
    item.save()
    record_answer(item, now=NOW)  # the item's log exists (and moved the card) before the prepared one lands
    before = ReviewCard.objects.get(user=learner, question_id=item.question_id)
    with transaction.atomic():
        assert store_prepared_review(prepared) is False
    after = ReviewCard.objects.get(pk=before.pk)
    assert (after.reps, after.updated_at) == (before.reps, before.updated_at) == (2, before.updated_at)
    assert ReviewLog.objects.filter(attempt_item=item).count() == 1


def test_an_item_with_a_log_already_takes_back_the_new_card(make, item, learner):
    prepared = _prepare(item)
    item.correct, item.answered_at, item.rating = True, NOW, 3
    item.save()
    record_answer(item, now=NOW)
    ReviewCard.objects.filter(user=learner).delete()  # the log goes with its card: make one without a card
    log = ReviewLog.objects.create(
        user=learner, card=ReviewCard.objects.create(user=learner, question=make.question(),
                                                     topic=item.question.topic, domain=item.domain, due=NOW),
        question_id=item.question_id, topic_id=item.question.topic_id, domain=item.domain, attempt_item=item,
        rating=3, correct=True, reviewed_at=NOW, due=NOW)
    with transaction.atomic():
        assert store_prepared_review(prepared) is False
    assert not ReviewCard.objects.filter(user=learner, question_id=item.question_id).exists()
    assert list(ReviewLog.objects.filter(attempt_item=item)) == [log]
    assert prepared.card.pk is None


def test_a_new_card_raced_by_another_tab_is_recorded_once_through_the_view(make, learner, learner_client,
                                                                           monkeypatch):
    question = make.question()
    mine = start_practice(learner, [question], "en")
    prepare = attempts.prepare_practice_answer

    def prepare_then_race(*args, **kwargs):
        answer = prepare(*args, **kwargs)
        monkeypatch.setattr(attempts, "prepare_practice_answer", prepare)
        _answer_in_another_set(make, learner, question, NOW)  # creates the card this answer has not seen
        return answer

    monkeypatch.setattr(attempts, "prepare_practice_answer", prepare_then_race)
    response = learner_client.post(f"/quiz/practice/{mine.uid}/1/", {"choice": "B"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    card = ReviewCard.objects.get(user=learner, question=question)
    assert card.reps == 2 and ReviewLog.objects.filter(card=card).count() == 2
    assert ReviewLog.objects.filter(attempt_item__attempt=mine).count() == 1

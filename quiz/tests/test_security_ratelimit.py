"""The answer endpoints are rate-limited per learner (studynotes.ratelimit, counters in a shared table)."""

import pytest
from django.core.cache import cache

from quiz import attempts
from quiz.models import AttemptItem, Mode, Quiz
from quiz.views import ANSWER_RATE
from studynotes.ratelimit import ratelimit


@pytest.fixture(autouse=True)
def clean_cache(db):
    cache.clear()
    yield
    cache.clear()


def spend_the_allowance(user):
    for _ in range(ANSWER_RATE["limit"]):
        ratelimit(f"answer:user:{user.pk}", ANSWER_RATE["limit"], ANSWER_RATE["period"])


def test_a_practice_answer_over_the_limit_gets_429_and_is_not_stored(make, learner, learner_client):
    attempt = attempts.start_practice(learner, [make.question()], "en")
    spend_the_allowance(learner)
    response = learner_client.post(f"/quiz/practice/{attempt.uid}/1/", {"choice": "A"})
    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    item = AttemptItem.objects.get(attempt=attempt)
    assert item.chosen == [] and item.answered_at is None


def test_an_exam_answer_over_the_limit_gets_429_and_is_not_stored(make, learner, learner_client):
    for _ in range(2):
        make.question()
    quiz = Quiz.objects.create(slug="rl", title="RL", mode=Mode.EXAM, question_count=2, only_approved=False)
    attempt, _ = attempts.start_exam(learner, quiz, "en")
    spend_the_allowance(learner)
    response = learner_client.post(f"/quiz/attempts/{attempt.uid}/1/", {"choice": "A", "action": "save"})
    assert response.status_code == 429
    assert not AttemptItem.objects.filter(attempt=attempt).exclude(chosen=[]).exists()


def test_the_limit_is_per_learner_so_a_classmate_can_still_answer(make, learner, other_learner, client):
    question = make.question()
    spend_the_allowance(learner)
    attempt = attempts.start_practice(other_learner, [question], "en")
    client.force_login(other_learner)
    response = client.post(f"/quiz/practice/{attempt.uid}/1/", {"choice": "A"})
    assert response.status_code == 302
    assert AttemptItem.objects.get(attempt=attempt).answered_at is not None


def test_reading_a_question_is_not_counted(make, learner, learner_client):
    attempt = attempts.start_practice(learner, [make.question()], "en")
    spend_the_allowance(learner)
    assert learner_client.get(f"/quiz/practice/{attempt.uid}/1/").status_code == 200


def test_the_answer_limit_leaves_room_for_a_fast_honest_learner():
    # A 65-question exam answered and navigated with the keyboard: about one POST a second at most.
    assert ANSWER_RATE["limit"] / ANSWER_RATE["period"] >= 1


@pytest.mark.parametrize("submitted", [False, True])
def test_an_exam_answer_is_counted_once_whichever_way_it_is_written(make, learner, learner_client, submitted):
    # On PostgreSQL an answer's writes are one statement, and an answer the exam no longer takes goes on to
    # the locked transaction that finds out why (quiz.pgwrites): neither path counts it twice.
    from django.utils import timezone

    from quiz.models import Attempt
    from studynotes.models import RateCounter

    for _ in range(2):
        make.question()
    quiz = Quiz.objects.create(slug="once", title="Once", mode=Mode.EXAM, question_count=2, only_approved=False)
    attempt, _ = attempts.start_exam(learner, quiz, "en")
    if submitted:
        Attempt.objects.filter(pk=attempt.pk).update(state=Attempt.State.SUBMITTED, submitted_at=timezone.now())
    response = learner_client.post(f"/quiz/attempts/{attempt.uid}/1/", {"choice": "A", "action": "next"})
    assert response.status_code == 302
    assert RateCounter.objects.get(key=f"answer:user:{learner.pk}:{ANSWER_RATE['period']}").hits == 1
    assert AttemptItem.objects.filter(attempt=attempt).exclude(chosen=[]).count() == (0 if submitted else 1)

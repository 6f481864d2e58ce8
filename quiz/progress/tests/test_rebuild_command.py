"""manage.py rebuild_review_cards: replays logs into cards; idempotent."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command

from quiz.progress import reviews
from quiz.progress.models import ReviewCard

from .conftest import NOW


def run(*args):
    out = io.StringIO()
    call_command("rebuild_review_cards", *args, stdout=out)
    return out.getvalue()


def test_it_repairs_a_card_that_disagrees_with_its_log_and_a_second_run_changes_nothing(learner, other_learner,
                                                                                        make, answering):
    question = make.question()
    answering.answer(learner, question, correct=True, when=NOW)
    answering.answer(learner, question, correct=False, when=NOW + timedelta(days=2))
    answering.answer(other_learner, question, correct=True, when=NOW)
    ReviewCard.objects.filter(user=learner).update(due=NOW + timedelta(days=400), stability=99, reps=7)
    assert run() == "2 review cards replayed, 1 changed.\n"
    card = ReviewCard.objects.get(user=learner)
    expected = reviews.replay([(3, NOW), (1, NOW + timedelta(days=2))])
    # no lapse: right once, the card was still in its learning steps when answered wrong
    assert (card.due, card.reps, card.lapses) == (expected.due, 2, 0)
    assert run() == "2 review cards replayed, 0 changed.\n"


def test_it_corrects_lapses_counted_for_wrong_answers_during_the_learning_steps(learner, make, answering):
    question = make.question()
    answering.answer(learner, question, correct=True, when=NOW)
    answering.answer(learner, question, correct=True, when=NOW + timedelta(days=1))  # in review from here
    answering.answer(learner, question, correct=False, when=NOW + timedelta(days=6))  # a lapse
    answering.answer(learner, question, correct=False, when=NOW + timedelta(days=6, minutes=12))  # relearning
    ReviewCard.objects.filter(user=learner).update(lapses=2)  # as counted before: every Again after the first
    assert run() == "1 review cards replayed, 1 changed.\n"
    assert ReviewCard.objects.get(user=learner).lapses == 1


def test_it_can_be_limited_to_one_user_and_refuses_an_unknown_one(learner, other_learner, make, answering):
    answering.answer(learner, make.question(), correct=True, when=NOW)
    answering.answer(other_learner, make.question(), correct=True, when=NOW)
    assert run("--user", "alice") == "1 review cards replayed, 0 changed.\n"
    with pytest.raises(CommandError, match="No review cards for user 'nobody'"):
        run("--user", "nobody")


def test_a_user_with_no_cards_yet_is_zero_cards_not_an_error(learner, other_learner, make, answering):
    answering.answer(other_learner, make.question(), correct=True, when=NOW)
    assert run("--user", learner.username) == "0 review cards replayed, 0 changed.\n"


def test_with_fsrs_interval_fuzz_on_a_second_replay_reproduces_the_same_due_dates(learner, make, answering,
                                                                                 settings):
    settings.PROGRESS_FSRS_FUZZING = True  # as in production: intervals of three days or more are fuzzed
    for _ in range(8):
        answering.answer(learner, make.question(), correct=True, when=NOW, rating="easy")  # about 8 days
    before = list(ReviewCard.objects.order_by("pk").values_list("due", flat=True))
    assert run() == "8 review cards replayed, 0 changed.\n"
    assert run() == "8 review cards replayed, 0 changed.\n"
    assert list(ReviewCard.objects.order_by("pk").values_list("due", flat=True)) == before
    assert len(set(before)) > 1  # still fuzzed: the due dates are spread, not all the same

"""reviews.record_answer: every answered item is one review, counted once."""

from datetime import timedelta

import pytest
from fsrs import Rating, State

from quiz.progress import reviews
from quiz.progress.models import ReviewCard, ReviewLog

from .conftest import NOW, review_blanks_as_before


def test_a_right_answer_creates_a_card_and_a_good_review(learner, make, answering):
    question = make.question()
    item = answering.answer(learner, question, correct=True)
    card = ReviewCard.objects.get(user=learner, question=question)
    log = ReviewLog.objects.get(attempt_item=item)
    assert log.rating == Rating.Good
    assert log.correct is True
    assert card.reps == 1 and card.lapses == 0
    assert card.topic_id == question.topic_id and card.domain == question.topic.domain
    assert card.due == reviews.review(None, Rating.Good, NOW).due
    assert card.last_review == NOW


def test_a_wrong_answer_is_an_again_review_due_sooner_than_a_right_one(learner, other_learner, make, answering):
    question = make.question()
    answering.answer(learner, question, correct=False)
    answering.answer(other_learner, question, correct=True)
    wrong = ReviewCard.objects.get(user=learner)
    right = ReviewCard.objects.get(user=other_learner)
    assert ReviewLog.objects.get(user=learner).rating == Rating.Again
    assert wrong.due < right.due


def test_recording_the_same_item_twice_counts_it_once(learner, make, answering):
    question = make.question()
    item = answering.answer(learner, question, correct=True)
    again = reviews.record_answer(item, now=NOW + timedelta(minutes=5))
    assert again == ReviewLog.objects.get()
    assert ReviewCard.objects.get().reps == 1


def test_a_later_easy_rating_replaces_the_good_one_and_recomputes_the_card(learner, make, answering):
    question = make.question()
    answering.answer(learner, question, correct=True, when=NOW)
    later = NOW + timedelta(days=3)
    item = answering.answer(learner, question, correct=True, when=later)
    reviews.record_answer(item, rating="easy", now=later + timedelta(seconds=20))
    card = ReviewCard.objects.get()
    expected = reviews.replay([(Rating.Good, NOW), (Rating.Easy, later)])
    assert [log.rating for log in ReviewLog.objects.order_by("reviewed_at")] == [Rating.Good, Rating.Easy]
    assert card.due == expected.due
    assert card.reps == 2
    assert ReviewLog.objects.get(attempt_item=item).due == expected.due


def test_hard_or_easy_is_refused_for_a_wrong_answer_and_in_an_exam_and_nothing_changes(learner, make, answering):
    question = make.question()
    wrong = answering.answer(learner, question, correct=False)
    exam_item = answering.answer(learner, make.question(), correct=True, mode="exam")
    before = list(ReviewCard.objects.order_by("id").values_list("due", "reps"))
    with pytest.raises(reviews.RatingNotAllowed):
        reviews.record_answer(wrong, rating="easy")
    with pytest.raises(reviews.RatingNotAllowed):
        reviews.record_answer(exam_item, rating="hard")
    assert list(ReviewCard.objects.order_by("id").values_list("due", "reps")) == before
    assert sorted(ReviewLog.objects.values_list("rating", flat=True)) == [Rating.Again, Rating.Good]


def test_an_exam_item_left_blank_or_partly_answered_makes_no_review(learner, make, answering):
    attempt = answering.attempt(learner, mode="exam")
    blank = answering.item(attempt, make.question(), correct=False)
    partly = answering.item(attempt, make.question(choose=2, n_options=5), correct=False)
    blank.answered_at, blank.chosen = None, []
    partly.answered_at, partly.chosen = None, ["A"]  # one of two: kept, but no answer
    for item in (blank, partly):
        item.save()
        assert reviews.record_answer(item, now=NOW + timedelta(hours=2)) is None
    assert reviews.record_answers([blank, partly]) == []
    assert not ReviewCard.objects.exists() and not ReviewLog.objects.exists()


def test_a_lapse_is_counted_when_a_question_in_review_is_answered_wrong(learner, make, answering):
    question = make.question()
    answering.answer(learner, question, correct=True, when=NOW)
    answering.answer(learner, question, correct=True, when=NOW + timedelta(days=1))  # past the learning steps
    assert ReviewCard.objects.get().state["state"] == State.Review
    answering.answer(learner, question, correct=False, when=NOW + timedelta(days=6))
    card = ReviewCard.objects.get()
    assert (card.reps, card.lapses, card.state["state"]) == (3, 1, State.Relearning)


def test_a_wrong_answer_during_the_learning_or_relearning_steps_is_no_lapse(learner, make, answering):
    """FSRS (and Anki) count a lapse when a card in review is rated Again; a question answered right once is
    still in its learning steps, and one answered wrong again after a lapse is relearning it."""
    question = make.question()
    answering.answer(learner, question, correct=True, when=NOW)  # learning: due again in ten minutes
    answering.answer(learner, question, correct=False, when=NOW + timedelta(days=2))
    answering.answer(learner, question, correct=False, when=NOW + timedelta(days=2, minutes=5))
    assert ReviewCard.objects.get().lapses == 0
    answering.answer(learner, question, correct=True, when=NOW + timedelta(days=3))
    answering.answer(learner, question, correct=True, when=NOW + timedelta(days=4))  # in review now
    answering.answer(learner, question, correct=False, when=NOW + timedelta(days=20))  # the lapse
    answering.answer(learner, question, correct=False, when=NOW + timedelta(days=20, minutes=15))  # relearning
    card = ReviewCard.objects.get()
    assert (card.reps, card.lapses) == (7, 1)
    before = (card.due, card.stability, card.lapses)
    card.rebuild()  # a replay of the logs (a changed rating, rebuild_review_cards) counts the same way
    card.refresh_from_db()
    assert (card.due, card.stability, card.lapses) == before


def test_a_review_of_a_due_card_is_marked_as_due(learner, make, answering):
    question = make.question()
    answering.answer(learner, question, correct=True, when=NOW)
    answering.answer(learner, question, correct=True, when=NOW + timedelta(seconds=30))
    answering.answer(learner, question, correct=True, when=NOW + timedelta(days=30))
    assert list(ReviewLog.objects.order_by("reviewed_at").values_list("was_due", flat=True)) == [False, False, True]


def test_a_card_created_meanwhile_by_another_request_is_used_instead_of_failing(learner, make, answering,
                                                                               monkeypatch):
    question = make.question()
    answering.answer(learner, question, correct=True, when=NOW)  # the other tab's card
    real = ReviewCard.objects.lock_or_create
    calls = []

    def stale_first_look(user_id, question_id):
        calls.append(question_id)
        if len(calls) == 1:  # as if the other tab had not committed yet when we looked
            return ReviewCard(user_id=user_id, question_id=question_id, topic_id=question.topic_id,
                              domain=question.topic.domain)
        return real(user_id, question_id)

    monkeypatch.setattr(ReviewCard.objects, "lock_or_create", stale_first_look)
    attempt = answering.attempt(learner)
    item = answering.item(attempt, question, correct=True, when=NOW + timedelta(days=2))
    log = reviews.record_answer(item)
    assert len(calls) == 2
    assert ReviewCard.objects.get().reps == 2
    assert log.card == ReviewCard.objects.get()


def exam_items(answering, user, questions, results, when):
    attempt = answering.attempt(user, mode="exam", when=when)
    return [answering.item(attempt, q, correct=ok, when=when + timedelta(minutes=i))
            for i, (q, ok) in enumerate(zip(questions, results))]


def test_recording_a_graded_exam_in_bulk_gives_the_same_cards_as_one_by_one(learner, other_learner, make,
                                                                           answering):
    questions = [make.question() for _ in range(4)]
    results = [True, False, True, False]
    for user in (learner, other_learner):  # both saw the first question a week before
        answering.answer(user, questions[0], correct=True, when=NOW - timedelta(days=7))
    later = NOW + timedelta(days=1)
    bulk = reviews.record_answers(exam_items(answering, learner, questions, results, later))
    for item in exam_items(answering, other_learner, questions, results, later):
        reviews.record_answer(item, now=later)

    def cards(user):
        return list(ReviewCard.objects.filter(user=user).order_by("question_id")
                    .values_list("question_id", "due", "stability", "reps", "lapses"))

    assert cards(learner) == cards(other_learner)
    assert len(bulk) == 4 and {log.mode for log in bulk} == {"exam"}
    assert [log.rating for log in bulk] == [3, 1, 3, 1]


def test_bulk_recording_skips_items_already_recorded_and_runs_a_fixed_number_of_queries(
        learner, make, answering, django_assert_num_queries):
    for size in (2, 8):
        questions = [make.question() for _ in range(size)]
        answering.answer(learner, questions[0], correct=True, when=NOW - timedelta(days=3))
        items = exam_items(answering, learner, questions, [True] * size, NOW)
        items += [_unanswered_exam_item(learner, make, answering, make.question()) for _ in range(size)]
        # savepoint, recorded logs, cards (locked), new questions' topics, insert cards, update cards,
        # insert logs, update item ratings, release savepoint; the items left blank add none
        with django_assert_num_queries(9):
            reviews.record_answers(items)
        with django_assert_num_queries(3):
            assert reviews.record_answers(items) == []
    assert ReviewLog.objects.count() == 2 + 10


def test_a_first_answer_with_its_rating_already_saved_is_recorded_without_writing_the_rating_again(
        learner, make, answering, django_assert_num_queries):
    question = make.question()
    make.question()
    answering.answer(learner, question, correct=True)  # the learner already has a card for this question
    item = answering.item(answering.attempt(learner), question, correct=False)
    item.rating = int(Rating.Again)
    item.save(update_fields=["rating"])
    # savepoint, card FOR UPDATE, card update, log insert, release: no log lookup, no rating update
    with django_assert_num_queries(5):
        log = reviews.record_answer(item, now=NOW, first_answer=True)
    assert log.rating == Rating.Again and log.attempt_item_id == item.pk
    assert ReviewCard.objects.get(user=learner).reps == 2


def test_a_first_answer_that_was_recorded_already_is_not_counted_twice(learner, make, answering):
    question = make.question()
    item = answering.answer(learner, question, correct=True)
    item.refresh_from_db()
    assert item.rating == int(Rating.Good)
    again = reviews.record_answer(item, now=NOW + timedelta(minutes=5), first_answer=True)
    assert again == ReviewLog.objects.get()
    assert ReviewCard.objects.get().reps == 1


def test_a_first_answer_whose_rating_was_not_saved_gets_it_written(learner, make, answering):
    question = make.question()
    item = answering.item(answering.attempt(learner), question, correct=True)
    reviews.record_answer(item, now=NOW, first_answer=True)
    item.refresh_from_db()
    assert item.rating == int(Rating.Good)


def test_rerating_an_earlier_answer_keeps_the_card_marked_by_its_latest_answer(learner, make, answering):
    question = make.question()
    first = answering.answer(learner, question, correct=True, when=NOW)
    answering.answer(learner, question, correct=False, when=NOW + timedelta(days=2))
    reviews.record_answer(first, rating="easy", now=NOW + timedelta(days=2, seconds=30))  # rebuilds the card
    card = ReviewCard.objects.get()
    assert card.reps == 2 and card.last_recalled is False  # the latest answer was wrong


def test_rating_an_earlier_answer_easy_recounts_whether_the_later_review_was_due(learner, make, answering):
    question = make.question()
    first = answering.answer(learner, question, correct=True, when=NOW)  # Good: due again in 10 minutes
    answering.answer(learner, question, correct=True, when=NOW + timedelta(minutes=30))  # in another set: due
    later = ReviewLog.objects.get(reviewed_at=NOW + timedelta(minutes=30))
    assert later.was_due and reviews.reviews_done_today(learner, NOW + timedelta(hours=1)) == 1
    reviews.record_answer(first, rating="easy", now=NOW + timedelta(minutes=40))  # days away: the later one was not
    later.refresh_from_db()
    assert not later.was_due
    assert reviews.reviews_done_today(learner, NOW + timedelta(hours=1)) == 0


def _unanswered_exam_item(learner, make, answering, question):
    item = answering.item(answering.attempt(learner, mode="exam"), question, correct=False)
    item.answered_at, item.chosen = None, []
    item.save()
    return item


@pytest.mark.parametrize("one_by_one", [True, False])
def test_a_due_card_of_an_exam_question_left_blank_stays_as_it_was(learner, make, answering, one_by_one):
    # a mock exam submitted after a few questions: the learner never tried the questions left, so their cards
    # neither move nor use up the day's cap; the one answered is a review of a due card
    skipped, answered = make.question(), make.question()
    for question in (skipped, answered):
        answering.answer(learner, question, correct=True, when=NOW)
    before = ReviewCard.objects.values("due", "reps", "state").get(question=skipped)
    month = NOW + timedelta(days=30)  # both cards due
    left = _unanswered_exam_item(learner, make, answering, skipped)
    done = answering.item(left.attempt, answered, correct=True, when=month)
    if one_by_one:
        reviews.record_answer(left, now=month)
        reviews.record_answer(done, now=month)
    else:
        reviews.record_answers([left, done])
    assert not ReviewLog.objects.filter(attempt_item=left).exists()
    assert ReviewCard.objects.values("due", "reps", "state").get(question=skipped) == before
    assert ReviewLog.objects.get(attempt_item=done).was_due
    assert reviews.reviews_done_today(learner, month) == 1


def test_a_card_rebuilt_keeps_a_blank_exam_questions_old_review_off_the_daily_cap(learner, make, answering):
    # an Again review of an exam question left blank, as grading made them before blanks made none
    question = make.question()
    answering.answer(learner, question, correct=True, when=NOW)
    left = _unanswered_exam_item(learner, make, answering, question)
    review_blanks_as_before([left], NOW + timedelta(days=30))
    later = answering.answer(learner, question, correct=True, when=NOW + timedelta(days=31))
    reviews.record_answer(later, rating="easy", now=NOW + timedelta(days=31, seconds=20))  # rebuilds the card
    assert list(ReviewLog.objects.order_by("reviewed_at").values_list("was_due", flat=True)) == [False, False, True]


def test_easy_ratings_in_one_sitting_do_not_inflate_a_cards_stability(learner, make, answering):
    # FSRS-6 alone: 8.3 -> 13.0 -> 19.9 -> 29.6 -> 42.8 days of stability in five Easy ratings 5 minutes apart, and
    # a topic read mastered after twenty minutes of practice
    question = make.question()
    for n in range(5):
        answering.answer(learner, question, correct=True, rating="easy", when=NOW + timedelta(minutes=5 * n))
    card = ReviewCard.objects.get()
    first_easy = reviews.replay([(Rating.Easy, NOW)])
    as_good = reviews.replay([(Rating.Easy, NOW)] + [(Rating.Good, NOW + timedelta(minutes=5 * n)) for n in (1, 2, 3, 4)])
    assert card.stability == pytest.approx(as_good.stability) and card.stability < first_easy.stability * 1.2
    assert list(ReviewLog.objects.values_list("rating", flat=True)) == [Rating.Easy] * 5  # the learner's ratings kept
    # a day later, Easy is Easy again: more stability than Good would give
    later = NOW + timedelta(days=3)
    answering.answer(learner, question, correct=True, rating="easy", when=later)
    card.refresh_from_db()
    good = reviews.replay([(Rating.Easy, NOW)] + [(Rating.Good, NOW + timedelta(minutes=5 * n)) for n in (1, 2, 3, 4)]
                          + [(Rating.Good, later)])
    assert card.stability > good.stability
    card.rebuild()  # replaying the logs applies the same rule
    assert card.stability == pytest.approx(reviews.replay(
        [(Rating.Easy, NOW)] + [(Rating.Good, NOW + timedelta(minutes=5 * n)) for n in (1, 2, 3, 4)]
        + [(Rating.Easy, later)]).stability)

"""Pure scheduling helpers: rating mapping, replay, retrievability, the daily cap's spread."""

from datetime import datetime, timedelta, timezone

import pytest
from fsrs import Rating, Scheduler

from quiz.progress import reviews

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def no_fuzz(settings):
    settings.PROGRESS_FSRS_FUZZING = False


def test_a_wrong_answer_is_again_and_a_right_one_is_good():
    assert reviews.rating_for(False) == Rating.Again
    assert reviews.rating_for(True) == Rating.Good


def test_a_right_practice_answer_may_be_rated_hard_or_easy():
    assert reviews.rating_for(True, "hard", practice=True) == Rating.Hard
    assert reviews.rating_for(True, "Easy", practice=True) == Rating.Easy
    assert reviews.rating_for(True, "good", practice=True) == Rating.Good


@pytest.mark.parametrize(
    "correct, rating, practice",
    [(False, "easy", True), (False, "hard", True), (True, "easy", False), (True, "again", True), (True, "x", True)],
)
def test_ratings_outside_the_rules_are_refused(correct, rating, practice):
    with pytest.raises(reviews.RatingNotAllowed):
        reviews.rating_for(correct, rating, practice=practice)


def test_review_matches_the_fsrs_scheduler():
    expected, _ = Scheduler(enable_fuzzing=False).review_card(
        reviews.Card(), Rating.Good, review_datetime=NOW
    )
    card = reviews.review(None, Rating.Good, NOW)
    assert card.due == expected.due
    assert card.stability == pytest.approx(expected.stability)


def test_easy_schedules_later_than_good_and_good_later_than_hard_and_again():
    dues = [reviews.review(None, rating, NOW).due for rating in (Rating.Again, Rating.Hard, Rating.Good, Rating.Easy)]
    assert dues == sorted(dues)
    assert dues[0] < dues[-1]


def test_replay_applies_reviews_in_order_and_a_review_from_the_past_is_moved_to_the_last_review():
    first = reviews.review(None, Rating.Good, NOW)
    second = reviews.review(first.to_dict(), Rating.Good, NOW + timedelta(days=1))
    assert reviews.replay([(Rating.Good, NOW), (Rating.Good, NOW + timedelta(days=1))]).due == second.due
    back_in_time = reviews.review(first.to_dict(), Rating.Good, NOW - timedelta(days=3))
    assert back_in_time.last_review == NOW
    assert reviews.replay([]) is None


def test_retrievability_agrees_with_fsrs_on_whole_days_and_falls_with_time():
    card = reviews.replay([(Rating.Good, NOW), (Rating.Good, NOW + timedelta(days=2))])
    at = card.last_review + timedelta(days=5)
    expected = Scheduler(enable_fuzzing=False).get_card_retrievability(card, at)
    assert reviews.retrievability(card.stability, 5) == pytest.approx(expected)
    assert reviews.retrievability(card.stability, 0) == pytest.approx(1.0)
    assert reviews.retrievability(card.stability, 30) < reviews.retrievability(card.stability, 5)
    assert reviews.retrievability(0, 5) == 0.0


def test_the_daily_cap_carries_the_overflow_to_the_next_days():
    assert reviews.spread_over_days([25, 5, 0, 0], cap=10) == [(10, 15), (10, 10), (10, 0), (0, 0)]


def test_reviews_already_done_today_use_up_todays_cap_only():
    assert reviews.spread_over_days([8, 3], cap=10, done_today=6) == [(4, 4), (7, 0)]
    assert reviews.spread_over_days([8], cap=10, done_today=12) == [(0, 8)]


from hypothesis import given  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@given(st.lists(st.integers(0, 500), min_size=1, max_size=20), st.integers(1, 200), st.integers(0, 300))
def test_the_spread_never_exceeds_the_cap_and_loses_no_review(due, cap, done_today):
    spread = reviews.spread_over_days(due, cap, done_today)
    shown = [s for s, _ in spread]
    assert shown[0] <= max(cap - done_today, 0)
    assert all(s <= cap for s in shown)
    assert sum(shown) + spread[-1][1] == sum(due)
    # nothing waits while there was room that day
    assert all(carried == 0 or s == (cap if i else max(cap - done_today, 0))
               for i, (s, carried) in enumerate(spread))

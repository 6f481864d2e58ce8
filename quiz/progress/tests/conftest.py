"""Helpers for progress tests: answered attempt items without going through the quiz views."""

from datetime import datetime, timezone

import pytest

NOW = datetime(2026, 11, 20, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def exact_intervals(settings):
    settings.PROGRESS_FSRS_FUZZING = False


class Answering:
    def __init__(self):
        self.positions = {}

    def attempt(self, user, mode="practice", when=NOW, **extra):
        from quiz.models import Attempt

        return Attempt.objects.create(user=user, mode=mode, language="en", started_at=when, **extra)

    def item(self, attempt, question, *, correct, when=NOW):
        from quiz.models import AttemptItem

        position = self.positions.get(attempt.pk, 0)
        self.positions[attempt.pk] = position + 1
        return AttemptItem.objects.create(
            attempt=attempt, position=position, question=question, stem=question.stem, options=question.options,
            correct_keys=question.correct_keys(), choose=question.choose, domain=question.topic.domain,
            topic_slug=question.topic.slug, topic_name=question.topic.name,
            chosen=["A"] if correct else ["B"], answered_at=when, correct=correct,
        )

    def answer(self, user, question, *, correct=True, when=NOW, mode="practice", rating=None, attempt=None):
        """Answer ``question`` in a new (or the given) attempt and record the review."""
        from quiz.progress.reviews import record_answer

        attempt = attempt or self.attempt(user, mode=mode, when=when)
        item = self.item(attempt, question, correct=correct, when=when)
        record_answer(item, rating=rating, now=when)
        return item


@pytest.fixture
def answering(db):
    return Answering()


def review_blanks_as_before(items, when):
    """What grading made of exam items left blank (``answered_at`` empty) before such items made no review: an
    Again review each at ``when``, off the daily cap, its card not ``answered``. Databases of that time keep these
    cards and logs; ``ReviewCard.rebuild`` works them out from the logs, as here."""
    from fsrs import Rating

    from quiz.progress.models import ReviewCard, ReviewLog

    for item in items:
        user_id, question = item.attempt.user_id, item.question
        card = ReviewCard.objects.filter(user_id=user_id, question=question).first() or ReviewCard.objects.create(
            user_id=user_id, question=question, topic_id=question.topic_id, domain=question.topic.domain, due=when)
        ReviewLog.objects.create(user_id=user_id, card=card, question=question, topic_id=card.topic_id,
                                 domain=card.domain, attempt_item=item, mode=ReviewLog.Mode.EXAM,
                                 rating=int(Rating.Again), correct=False, was_due=False, reviewed_at=when,
                                 stability=0, due=when)
        card.rebuild()

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

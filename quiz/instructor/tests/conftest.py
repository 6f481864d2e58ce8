"""Builders for the instructor tests: quizzes, classes and finished attempts written directly as rows."""

from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

import pytest
from django.utils import timezone

from conftest import make_user
from quiz.instructor.models import Assignment, Classroom, Membership
from quiz.models import Attempt, AttemptItem, Quiz

# When the builder's learners join and its quizzes are assigned, unless a test says: before any attempt a
# test writes (an instructor sees only attempts started in the class, once the quiz was assigned).
LONG_AGO = datetime(2000, 1, 1, tzinfo=dt_timezone.utc)


class Builder:
    def __init__(self, make):
        self.make = make
        self.n = 0

    def quiz(self, questions=(), **kwargs):
        self.n += 1
        quiz = Quiz.objects.create(slug=f"quiz-{self.n}-{id(self)}", title=kwargs.pop("title", f"Exam {self.n}"),
                                   question_count=len(questions) or 3, **kwargs)
        # one at a time: an exam without shuffle asks its fixed list in the order the rows were added, and
        # ``set``/``add(*many)`` insert them in the order of a Python set of ids (by id modulo the table size)
        for question in questions:
            quiz.questions.add(question)
        return quiz

    def classroom(self, owner, learners=(), name=None, joined=None):
        """A class whose ``learners`` joined ``LONG_AGO`` (``joined``: then)."""
        self.n += 1
        classroom = Classroom.objects.create(name=name or f"Class {self.n}", owner=owner)
        for learner in learners:
            self.join(classroom, learner, joined)
        return classroom

    def join(self, classroom, learner, joined=None):
        membership = Membership.objects.create(classroom=classroom, learner=learner)
        membership.joined_at = joined or LONG_AGO  # auto_now_add: set after
        membership.save(update_fields=["joined_at"])
        return membership

    def assignment(self, classroom, quiz, created=None, **kwargs):
        """An assignment made ``LONG_AGO`` (``created``: then)."""
        assignment = Assignment.objects.create(classroom=classroom, quiz=quiz, **kwargs)
        assignment.created_at = created or LONG_AGO
        assignment.save(update_fields=["created_at"])
        return assignment

    def learners(self, count, prefix="learner"):
        self.n += 1
        return [make_user(f"{prefix}{self.n}x{i}") for i in range(count)]

    def attempt(self, user, quiz, questions, answers, *, started=None, seconds=60, state=Attempt.State.SUBMITTED):
        """A finished exam attempt; ``answers`` is one list of chosen keys per question."""
        started = started or timezone.now() - timedelta(hours=1)
        correct = [sorted(chosen) == q.correct_keys() for q, chosen in zip(questions, answers)]
        raw = sum(correct)
        scaled = 100 + round(900 * raw / len(questions))
        attempt = Attempt.objects.create(
            user=user, quiz=quiz, mode="exam", title=quiz.title, origin="exam", language="en", pass_mark=quiz.pass_mark,
            started_at=started, submitted_at=started + timedelta(seconds=seconds * len(questions)), state=state,
            item_count=len(questions), raw_score=raw, scaled_score=scaled, passed=scaled >= quiz.pass_mark,
        )
        AttemptItem.objects.bulk_create([
            AttemptItem(
                attempt=attempt, position=i, question=q, question_version=q.version, stem=q.stem, options=q.options,
                correct_keys=q.correct_keys(), choose=q.choose, domain=q.topic.domain, topic_slug=q.topic.slug,
                topic_name=q.topic.name, sources=q.sources, chosen=list(chosen),
                answered_at=started + timedelta(seconds=seconds * (i + 1)) if chosen else None, correct=ok,
            )
            for i, (q, chosen, ok) in enumerate(zip(questions, answers, correct))
        ])
        return attempt


@pytest.fixture
def build(make):
    return Builder(make)


SITE_QUERIES = 6  # session, user, groups (access) and what the site layout adds (e.g. the review badge)


@pytest.fixture
def constant_queries():
    """Run ``get`` twice around ``grow``: the query count must not change and stay within ``own + SITE_QUERIES``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def check(get, grow, own):
        with CaptureQueriesContext(connection) as small:
            assert get().status_code == 200
        grow()
        with CaptureQueriesContext(connection) as big:
            assert get().status_code == 200
        assert len(small) == len(big), [q["sql"][:120] for q in big.captured_queries]
        assert len(big) <= own + SITE_QUERIES, [q["sql"][:120] for q in big.captured_queries]
        return len(big)

    return check

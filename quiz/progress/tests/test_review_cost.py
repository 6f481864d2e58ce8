"""What one answer costs the progress app: no sleeping, only the changed columns written."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from fsrs import Rating

from quiz.progress import reviews
from quiz.progress.models import ReviewCard

from .conftest import NOW


def test_a_first_review_never_sleeps_to_make_a_card_id(monkeypatch):
    def no_sleep(_seconds):
        raise AssertionError("fsrs.Card() slept to make a clock-based id")

    monkeypatch.setattr("fsrs.card.time.sleep", no_sleep)
    card = reviews.review(None, Rating.Good, NOW)
    assert card.card_id == int(NOW.timestamp() * 1000)
    assert card.last_review == NOW
    assert reviews.replay([(Rating.Good, NOW), (Rating.Again, NOW)]).last_review == NOW


def test_reviewing_an_existing_card_updates_only_its_scheduling_columns(learner, make, answering):
    question = make.question()
    answering.answer(learner, question, correct=True)
    card = ReviewCard.objects.get(user=learner, question=question)
    with CaptureQueriesContext(connection) as queries:
        card.apply(Rating.Good, NOW.replace(day=NOW.day + 3))
    updates = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("UPDATE")]
    assert len(queries.captured_queries) == 1 and len(updates) == 1
    assert '"user_id"' not in updates[0] and '"question_id"' not in updates[0]
    card.refresh_from_db()
    assert card.reps == 2 and card.last_review == NOW.replace(day=NOW.day + 3)


def test_a_first_answer_of_a_question_does_not_look_for_a_review_log_but_a_repeat_does(learner, make,
                                                                                    answering):
    question = make.question()
    attempt = answering.attempt(learner)
    first = answering.item(attempt, question, correct=True)
    with CaptureQueriesContext(connection) as queries:
        reviews.record_answer(first, now=NOW)
    log_selects = [q["sql"] for q in queries.captured_queries
                   if q["sql"].startswith("SELECT") and "progress_reviewlog" in q["sql"].split("FROM")[1][:40]]
    assert log_selects == []
    again = answering.item(attempt, question, correct=False)
    with CaptureQueriesContext(connection) as queries:
        reviews.record_answer(again, now=NOW)
    assert any(q["sql"].startswith("SELECT") and "progress_reviewlog" in q["sql"] for q in queries.captured_queries)
    assert ReviewCard.objects.get(user=learner, question=question).reps == 2
    assert reviews.record_answer(first, now=NOW).attempt_item_id == first.pk  # counted once, found again
    assert ReviewCard.objects.get(user=learner, question=question).reps == 2


def test_dashboard_topic_rows_link_to_the_topic_page_as_reverse_would(learner, make):
    from django.urls import reverse

    from quiz.progress import mastery

    topics = [make.topic(slug="elastic-beanstalk"), make.topic(slug="s3_glacier-2")]
    for topic in topics:
        make.question(topic)
    rows = {row.slug: row for row in mastery.topic_rows(learner, NOW)}
    for topic in topics:
        assert rows[topic.slug].url == reverse("studynotes:topic", args=[topic.slug])
    bare = mastery.TopicMastery(1, "S3", "s3", "storage", 3)
    assert bare.url == reverse("studynotes:topic", args=["s3"])


@pytest.mark.sqlite_only  # SQLite's query plan
def test_live_topics_search_the_question_table_by_topic_on_sqlite(make):
    """Counted once per shared dashboard cache (``views.dashboard``): the question rows are read (each question's
    chance of a right guess needs its number of options), through the topic index, never in a full scan."""
    from quiz.progress import mastery

    make.question(make.topic())
    with CaptureQueriesContext(connection) as queries:
        assert len(mastery.live_topics()) == 1
    [query] = queries.captured_queries
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + query["sql"])
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "SEARCH quiz_question USING INDEX" in plan and "SCAN quiz_question" not in plan


@pytest.mark.django_db
def test_an_answer_writes_its_log_without_question_or_topic_indexes():
    """Each index on the log is one more B-tree every answer writes; the log is read by user and day (its
    covering index), by card and by attempt item only."""
    from quiz.progress.models import ReviewLog

    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, ReviewLog._meta.db_table)
    indexed = {tuple(c["columns"]) for c in constraints.values() if c["index"] or c["unique"]}
    assert ("question_id",) not in indexed and ("topic_id",) not in indexed
    assert ("card_id",) in indexed and ("user_id", "reviewed_at", "correct") in indexed


def test_logs_follow_their_question_to_another_topic_through_the_card(learner, other_learner, make, answering):
    from quiz.progress.models import ReviewLog

    question, other = make.question(), make.question()
    for user in (learner, other_learner):
        answering.answer(user, question, correct=True)
        answering.answer(user, other, correct=False)
    moved_to = make.topic()
    question.topic = moved_to
    question.save(update_fields=["topic"])
    reviews.follow_topic_changes([question.pk])
    assert set(ReviewLog.objects.filter(question=question).values_list("topic_id", flat=True)) == {moved_to.pk}
    assert moved_to.pk not in set(ReviewLog.objects.filter(question=other).values_list("topic_id", flat=True))
    assert set(ReviewCard.objects.filter(question=question).values_list("topic_id", flat=True)) == {moved_to.pk}


@pytest.mark.sqlite_only  # SQLite's query plan
def test_logs_of_moved_questions_are_found_through_the_card_index_not_a_scan(learner, make, answering):
    question = make.question()
    answering.answer(learner, question, correct=True)
    with CaptureQueriesContext(connection) as queries:
        reviews.follow_topic_changes([question.pk])
    [log_update] = [q["sql"] for q in queries.captured_queries if q["sql"].startswith('UPDATE "progress_reviewlog"')]
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + log_update)
        plan = " ".join(str(row) for row in cursor.fetchall())
    assert "SCAN" not in plan and "progress_reviewlog_card_id" in plan, plan  # the log table is searched by card

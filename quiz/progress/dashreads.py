"""The dashboard's per-learner reads, as SQL written out once (the approach of ``quiz/fastreads.py``).

A first render of the dashboard ran five ORM aggregates (cards per topic, the review forecast, answers per
day, exam scores, class assignments); building and compiling them cost more Python than PostgreSQL spent
running them. Here the same SELECTs are written out once per thread and connection, and the three that
count the learner's cards and logs travel as one ``UNION ALL`` statement (one round trip instead of three).
Values come back converted as the ORM converts them (``Model.from_db`` and the fields' converters), so
callers get what the querysets gave: ``quiz/progress/tests/test_dashreads.py`` compares every function with
its ORM original (``mastery.card_aggregates``, ``dashboard.forecast``, ``dashboard.activity``,
``dashboard.exam_scores``, ``instructor.services.assignments_for``) on SQLite and PostgreSQL.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.db import DEFAULT_DB_ALIAS
from django.utils import timezone

from quiz.fastreads import _Loader, convert, per_thread
from quiz.models import Attempt, AttemptItem, Mode, Question

from . import reviews
from .models import ReviewCard, ReviewLog

CARDS, FORECAST, ACTIVITY = 0, 1, 2  # the kinds of row of the counts statement


class _Reads:
    """The SQL and converters for one database connection."""

    def __init__(self, connection):
        q = connection.ops.quote_name
        self.connection = connection
        self.sqlite = connection.vendor == "sqlite"
        card, log, question = (q(m._meta.db_table) for m in (ReviewCard, ReviewLog, Question))
        item = q(AttemptItem._meta.db_table)
        if self.sqlite:  # as mastery.EpochDays
            epoch_days, greatest = "(julianday(c.last_review) - 2440587.5)", "MAX"
        else:
            epoch_days = "(CAST(EXTRACT(EPOCH FROM c.last_review) AS double precision) / 86400.0)"
            greatest = "GREATEST"
        # Summed retrievability at ``now`` (mastery.retrievability_expression: 0 for a card last answered
        # wrong); params: factor, now in days, decay.
        recall = ("SUM(CASE WHEN (c.last_recalled IS NOT NULL AND NOT c.last_recalled) THEN 0.0"
                  f" WHEN (c.stability > 0.0 AND c.last_review IS NOT NULL) THEN POWER((1.0 + ((%s * "
                  f"{greatest}((%s - {epoch_days}), 0.0)) / c.stability)), %s) ELSE 0.0 END)")
        # The learner's cards of live questions. An anti-join, not the ORM's join: PostgreSQL hashed every
        # question to drop the few retired ones (1.3 of the statement's 1.8 ms on the bench database).
        live = (f"WHERE c.user_id = %s AND NOT EXISTS (SELECT 1 FROM {question} q WHERE q.id = c.question_id "
                "AND q.status = %s)")
        # The forecast leaves out the questions of an exam in progress (reviews.due_questions does not serve them
        # until it ends); params: state, mode, now.
        attempt = q(Attempt._meta.db_table)
        # "+e.question_id": no index on it (fastreads' practice read says why)
        not_in_exam = (f" AND NOT EXISTS (SELECT 1 FROM {item} e INNER JOIN {attempt} x ON x.id = e.attempt_id "
                       "WHERE +e.question_id = c.question_id AND x.user_id = c.user_id AND x.state = %s "
                       "AND x.mode = %s AND (x.deadline IS NULL OR x.deadline > %s))")
        self.counts_sql = self._counts_sql(card, log, question, item, recall, live, not_in_exam, exact=False)
        # SQLite, a zone with daylight saving time: Django's per-row conversion by zone name (exact, slower)
        self.counts_sql_exact = self._counts_sql(card, log, question, item, recall, live, not_in_exam, exact=True)
        self._init_rest(connection, q)

    def _counts_sql(self, card, log, question, item, recall, live, not_in_exam, *, exact):
        due_day, reviewed_day = self._local_date("c.due", exact), self._local_date("l.reviewed_at", exact)
        return (
            # per topic: seen (answered), mature, summed retrievability, answers (mastery.card_aggregates)
            f"SELECT {CARDS}, c.topic_id, NULL, COUNT(*) FILTER (WHERE c.answered), "
            "COUNT(*) FILTER (WHERE c.stability >= %s), "
            f"{recall}, COALESCE(SUM(c.reps) FILTER (WHERE c.answered), 0) FROM {card} c {live} GROUP BY 2"
            # per local day falling due before the forecast's end: cards, of which due now (dashboard.forecast)
            f" UNION ALL SELECT {FORECAST}, NULL, {due_day}, COUNT(*), COUNT(*) FILTER (WHERE c.due <= %s), "
            f"NULL, NULL FROM {card} c {live} AND c.due < %s{not_in_exam} GROUP BY 3"
            # per local day: answers, right answers (dashboard.activity: an exam item left unanswered is no
            # answer; a log whose item was deleted is one)
            f" UNION ALL SELECT {ACTIVITY}, NULL, {reviewed_day}, COUNT(*), COUNT(*) FILTER (WHERE l.correct), "
            f"NULL, NULL FROM {log} l WHERE l.user_id = %s AND NOT (l.mode = %s AND EXISTS ("
            f"SELECT 1 FROM {item} i WHERE i.id = l.attempt_item_id AND i.answered_at IS NULL)) GROUP BY 3"
            " ORDER BY 1, 3"
        )

    def _init_rest(self, connection, q):
        from quiz.instructor.models import Assignment, Classroom, Membership
        from quiz.models import Quiz

        exam_fields = ["uid", "title", "submitted_at", "scaled_score", "pass_mark", "passed", "raw_score",
                       "item_count"]
        self.exam_names = exam_fields
        self.exam_converters = []
        for index, name in enumerate(exam_fields):
            col = Attempt._meta.get_field(name).get_col("a")
            converters = connection.ops.get_db_converters(col) + col.get_db_converters(connection)
            if converters:
                self.exam_converters.append((index, converters, col))
        self.exams_sql = (
            f"SELECT {', '.join('a.' + q(name) for name in exam_fields)} FROM {q(Attempt._meta.db_table)} a "
            "WHERE a.mode = %s AND a.user_id = %s AND NOT (a.state = %s) AND a.scaled_score IS NOT NULL "
            "ORDER BY a.submitted_at, a.id"
        )
        self.assignment = _Loader(Assignment, "a", connection)
        self.classroom = _Loader(Classroom, "r", connection)
        self.quiz = _Loader(Quiz, "z", connection)
        self.assignments_sql = (
            f"SELECT {self.assignment.columns}, EXISTS(SELECT 1 FROM {q(Attempt._meta.db_table)} t "
            "WHERE t.quiz_id = a.quiz_id AND t.user_id = %s AND NOT (t.state = %s)), "
            f"{self.classroom.columns}, {self.quiz.columns} FROM {q(Assignment._meta.db_table)} a "
            f"INNER JOIN {q(Classroom._meta.db_table)} r ON r.id = a.classroom_id "
            f"INNER JOIN {q(Quiz._meta.db_table)} z ON z.id = a.quiz_id "
            f"WHERE a.classroom_id IN (SELECT m.classroom_id FROM {q(Membership._meta.db_table)} m "
            "WHERE m.learner_id = %s AND m.left_at IS NULL) ORDER BY a.due_at IS NULL, a.due_at, a.id"  # none due: last
        )

    def _local_date(self, column, exact=False):
        """SQL for ``column``'s date in the active time zone; it takes ``zone_param()`` as its parameter."""
        if self.sqlite:  # stored as UTC text; Django's function converts to the named zone
            return f"django_datetime_cast_date({column}, %s, 'UTC')" if exact else f"date({column}, %s)"
        return self.connection.ops.datetime_cast_date_sql(column, (), "UTC")[0]

    def zone_param(self):
        """``(counts statement, the parameter _local_date takes)``: on SQLite the zone's UTC offset when it has one
        all year (as ``LocalDate``), else its name for the exact statement; PostgreSQL the zone's name (as
        ``TruncDate``)."""
        from .dashboard import sqlite_day_shift

        if self.sqlite:
            shift = sqlite_day_shift()
            if shift is not None:
                return self.counts_sql, shift
            return self.counts_sql_exact, timezone.get_current_timezone_name()
        return self.counts_sql, self.connection.ops.datetime_cast_date_sql(
            "", (), timezone.get_current_timezone_name())[1][0]

    def fetch(self, sql, params):
        with self.connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()


def _for(using=DEFAULT_DB_ALIAS):
    """Per thread, like Django's connections (``quiz.fastreads.per_thread``)."""
    return per_thread(_Reads, using)


def _day(value):
    return date.fromisoformat(value) if isinstance(value, str) else value


def learner_counts(user, now, days, using=DEFAULT_DB_ALIAS):
    """``(cards, due_days, activity)`` in one statement:

    - ``cards``: ``{topic_id: {"topic_id", "seen", "recall", "mature", "answers"}}`` as
      ``mastery.card_aggregates``;
    - ``due_days``: ``[(local day, cards due that day, of which due at now)]`` for the live cards falling due
      before the end of the ``days``-day forecast, none of an exam in progress (``dashboard.forecast`` spreads
      them);
    - ``activity``: ``[(local day, answers, right answers)]`` oldest first, as ``dashboard.activity``.
    """
    reads = _for(using)
    at = reads.connection.ops.adapt_datetimefield_value
    factor, decay = reviews.forgetting_curve_constants()
    counts_sql, zone = reads.zone_param()
    retired = Question.Status.RETIRED
    end = reviews.today_bounds(now).start + timedelta(days=days)
    params = [reviews.MATURE_DAYS, factor, now.timestamp() / 86400.0, decay, user.pk, retired,
              zone, at(now), user.pk, retired, at(end), Attempt.State.IN_PROGRESS, Mode.EXAM, at(now),
              zone, user.pk, ReviewLog.Mode.EXAM]
    cards, due_days, activity = {}, [], []
    for kind, topic_id, day, n, m, recall, answers in reads.fetch(counts_sql, params):
        if kind == CARDS:
            cards[topic_id] = {"topic_id": topic_id, "seen": n, "recall": recall, "mature": m, "answers": answers}
        elif kind == FORECAST:
            due_days.append((_day(day), n, m))
        else:
            activity.append((_day(day), n, m))
    return cards, due_days, activity


def exam_scores(user, using=DEFAULT_DB_ALIAS):
    """As ``dashboard.exam_scores``: the learner's graded exams, oldest first, as dicts."""
    reads = _for(using)
    connection = reads.connection
    out = []
    for row in reads.fetch(reads.exams_sql, [Mode.EXAM, user.pk, Attempt.State.IN_PROGRESS]):
        out.append(dict(zip(reads.exam_names, convert(row, reads.exam_converters, connection))))
    return out


def assignments(user, using=DEFAULT_DB_ALIAS):
    """As ``instructor.services.assignments_for``: the assignments of the learner's classes, soonest due
    first, each with its ``classroom`` and ``quiz`` loaded and ``finished`` (a finished attempt at its quiz)."""
    reads = _for(using)
    connection = reads.connection
    width, room_width = reads.assignment.width, reads.classroom.width
    out = []
    for row in reads.fetch(reads.assignments_sql, [user.pk, Attempt.State.IN_PROGRESS, user.pk]):
        assignment = reads.assignment.load(row[:width], connection)
        assignment.finished = bool(row[width])
        assignment.classroom = reads.classroom.load(row[width + 1:width + 1 + room_width], connection)
        assignment.quiz = reads.quiz.load(row[width + 1 + room_width:], connection)
        out.append(assignment)
    return out

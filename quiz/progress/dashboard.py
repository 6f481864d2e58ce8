"""The numbers on the learner's dashboard, each from one aggregate query.

``dashboard(user, now)`` returns a plain dict for the template; every
function here runs a fixed number of queries, whatever the amount of data.
"""

from __future__ import annotations

import functools
import zoneinfo
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from datetime import timezone as dt_timezone
from typing import NamedTuple

from django.db.models import Count, Min, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from quiz import scoring
from quiz.models import Attempt, AttemptItem, Mode, Question, Quiz
from quiz.selection import in_open_exam

from . import dashreads, mastery, readiness, reviews
from .models import ReviewCard, ReviewLog

FORECAST_DAYS = 14
ACCURACY_DAYS = 30


@dataclass
class DayCount:
    day: date
    total: int
    correct: int

    @property
    def percent(self):
        return scoring.percent(self.correct, self.total) if self.total else None


def sqlite_day_shift():
    """SQLite's ``date()`` modifier for the active time zone ("+540 minutes") when the zone keeps one UTC offset
    all year (Asia/Tokyo, Asia/Seoul, UTC), else None: a zone with daylight saving time has two offsets, and
    shifting every row by today's would put the first hour of days in the other period on the day before."""
    return _fixed_shift(timezone.get_current_timezone_name(), timezone.now().year)


@functools.lru_cache(maxsize=64)
def _fixed_shift(name, year):
    zone = zoneinfo.ZoneInfo(name)
    offsets = {datetime(y, m, 1, 12, tzinfo=zone).utcoffset() for y in (year - 1, year, year + 1) for m in (1, 4, 7, 10)}
    if len(offsets) != 1:
        return None
    offset = offsets.pop() or timedelta(0)
    return f"{int(offset.total_seconds() // 60):+d} minutes"


class LocalDate(TruncDate):
    """``TruncDate`` in the active time zone; on SQLite, for a zone with one offset all year, with SQLite's own
    ``date()`` (C, not a Python function per row) shifted by that offset: ten times faster at 10,000 rows. A zone
    with daylight saving time takes Django's exact per-row conversion."""

    def as_sqlite(self, compiler, connection):
        shift = sqlite_day_shift()
        if shift is None:
            return super().as_sqlite(compiler, connection)
        sql, params = compiler.compile(self.lhs)
        return f"date({sql}, %s)", (*params, shift)


def _local_date(now):
    return timezone.localtime(now).date()


def forecast(user, now, cap, done_today, days=FORECAST_DAYS):
    """``([{day, due, shown, carried}], due_now)`` for today and the next days (one query).

    ``due`` is what falls due that day (today includes everything overdue);
    ``shown`` is what the daily cap lets through, ``carried`` what it pushes on.
    ``due_now`` is what the review queue would serve right now (within the cap).
    """
    end = reviews.today_bounds(now).start + timedelta(days=days)
    rows = (
        ReviewCard.objects.filter(user=user, due__lt=end)
        .exclude(question__status=Question.Status.RETIRED)
        .exclude(question_id__in=in_open_exam(user, now))  # not served until the exam ends
        .annotate(day=LocalDate("due"))
        .values("day")
        .annotate(n=Count("id"), now=Count("id", filter=Q(due__lte=now)))
        .order_by()
    )
    return spread_forecast([(row["day"], row["n"], row["now"]) for row in rows], now, cap, done_today, days)


def spread_forecast(due_days, now, cap, done_today, days=FORECAST_DAYS):
    """``forecast``'s result from ``[(local day, cards falling due, of which due at now)]``.

    ``due_now`` is also the header's badge and the review page's count; today's ``shown`` minus it is what
    falls due later today within the cap (``today_story``)."""
    today = _local_date(now)
    per_day = [0] * days
    due_now = 0
    for day, n, due_at_now in due_days:
        due_now += due_at_now
        index = max((day - today).days, 0)
        if index < days:
            per_day[index] += n
    spread = reviews.spread_over_days(per_day, cap, done_today)
    return [
        {"day": today + timedelta(days=i), "due": per_day[i], "shown": shown, "carried": carried}
        for i, (shown, carried) in enumerate(spread)
    ], min(due_now, max(cap - done_today, 0))


def today_story(days, due_now):
    """The dashboard's "Due now" tile, in the words the badge and the review page use: ``due_now`` (what the
    review queue serves now, within the cap), ``later_today`` (what falls due later today and still fits in
    today's cap) and ``held_back`` (what falls due by the end of today past the cap: from tomorrow on). The
    three add up to everything falling due by the end of today."""
    today = days[0] if days else {"shown": 0, "carried": 0}
    return {"later_today": max(today["shown"] - due_now, 0), "held_back": today["carried"]}


def activity(user):
    """Answers and right answers per day, all time (one query; one row per active day). An exam question left
    blank makes no review; one graded before that rule has an Again review, which is no answer: it does not
    count here. A log whose item was deleted cannot be told from a wrong answer: it counts, as migration
    ``progress.0012`` keeps it (``reviews.drop_blank_exam_reviews``)."""
    rows = (
        ReviewLog.objects.filter(user=user)
        .exclude(mode=ReviewLog.Mode.EXAM, attempt_item__isnull=False, attempt_item__answered_at__isnull=True)
        .annotate(day=LocalDate("reviewed_at"))
        .values("day")
        .annotate(total=Count("id"), correct=Count("id", filter=Q(correct=True)))
        .order_by("day")
    )
    return [DayCount(row["day"], row["total"], row["correct"]) for row in rows]


def accuracy_series(days_active, now, days=ACCURACY_DAYS):
    """The last ``days`` calendar days, with None where the learner did nothing."""
    today = _local_date(now)
    by_day = {d.day: d for d in days_active}
    return [by_day.get(today - timedelta(days=i), DayCount(today - timedelta(days=i), 0, 0))
            for i in range(days - 1, -1, -1)]


def exam_scores(user):
    """Graded exams, oldest first (one query)."""
    return list(
        Attempt.objects.filter(user=user, mode=Mode.EXAM)
        .exclude(state=Attempt.State.IN_PROGRESS)
        .exclude(scaled_score__isnull=True)
        .order_by("submitted_at", "id")
        .values("uid", "title", "submitted_at", "scaled_score", "pass_mark", "passed", "raw_score", "item_count")
    )


def blueprint():
    """``(weights, pass_mark, question_count)`` from the mock exam (one query)."""
    row = (Quiz.objects.filter(slug=Quiz.MOCK_EXAM_SLUG)
           .values_list("rules", "pass_mark", "question_count").first())
    if row is None:
        return {}, readiness.DEFAULT_PASS_MARK, None
    rules, pass_mark, question_count = row
    return (rules.get("weights") if isinstance(rules, dict) else None) or {}, pass_mark, question_count


def shared_data():
    """What every learner's dashboard reads alike: live topics with their question counts, and the mock
    exam's blueprint (two queries; ``views.dashboard`` keeps it in the shared cache)."""
    return {"topics": mastery.live_topics(), "blueprint": blueprint()}


def dashboard(user, now=None, shared=None, day=None):
    """Everything the dashboard shows; ``shared`` is ``shared_data()`` and ``day`` the ``(cap, done_today)``
    of ``freshness`` when the caller has them already.

    The learner's own data comes from ``dashreads`` (SQL written out; the same results as ``card_aggregates``,
    ``forecast``, ``activity`` and ``exam_scores`` here, which stay as the reference the tests compare with).
    """
    now = now or timezone.now()
    cards, due_days, active = dashreads.learner_counts(user, now, FORECAST_DAYS)  # 1 query
    rows = mastery.topic_rows(user, now, topics=shared["topics"] if shared else None, cards=cards)  # 1 (0 shared)
    domains = mastery.by_domain(rows)
    weights, pass_mark, question_count = shared["blueprint"] if shared else blueprint()  # 1 (none shared)
    cap, done_today = day if day else reviews.due_summary(user, now)[1:]  # 1 (none given)
    days, due_now = spread_forecast(due_days, now, cap, done_today)
    active = [DayCount(*row) for row in active]
    exams = dashreads.exam_scores(user)  # 1
    return {
        "now": now,
        "domains": domains,
        "topic_rows": rows,
        "weakest": mastery.weakest(rows),
        "readiness": readiness.readiness(domains, weights, pass_mark, question_count),
        "min_seen_per_domain": readiness.MIN_SEEN_PER_DOMAIN,
        "min_answers": mastery.MIN_ANSWERS,
        "cap": cap,
        "done_today": done_today,
        "due_now": due_now,
        **today_story(days, due_now),
        "forecast": days,
        "accuracy": accuracy_series(active, now),
        "days_active": len(active),
        "answers_total": sum(d.total for d in active),
        "accuracy_percent": scoring.percent(sum(d.correct for d in active), sum(d.total for d in active)),
        "exams": exams,
        "pass_mark": pass_mark,
    }


# --- Caching the rendered dashboard (quiz/progress/views.py) --------------------------------------------------

# Changes nothing the learner does can show (a question retired or approved, a quiz's blueprint or an assignment's
# due date edited by an instructor) reach a cached dashboard after at most this long; an import or a question
# generation run (the notes content stamp) at once.
MAX_AGE = timedelta(minutes=5)


class Freshness(NamedTuple):
    """What ``freshness`` reads: ``signature`` changes whenever the dashboard would; the rest is data the
    dashboard shows, read in the same query."""

    signature: tuple
    cap: int  # the learner's daily review cap
    done_today: int  # reviews of due cards done today (as ``reviews.due_summary``)
    next_due: object  # when the next card falls due (a datetime, or None): when the cached dashboard goes stale
    withheld: int  # exams graded while their review was closed, waiting for ``attempts.catch_up_reviews``
    added: int  # classes an instructor added the learner to that the dashboard has not told them of yet
    open_exams: int  # exams in progress, not past their deadline: they hold their questions from review
    left_in_set: int  # questions left in the review set the review button resumes (0: it starts a new one)


def freshness(user, now=None):
    """The learner's data behind the dashboard, summed up in one query (written out as SQL: building the same
    query with the ORM cost more than running it).

    The signature covers cards (created, rescheduled, deleted, and the next one falling due), review logs
    (and today's reviews of due cards), finished attempts (submitted, expired, deleted), exams in progress
    (their questions leave the due counts until they end), the review settings,
    classes joined or left (not the dashboard's notice of a class an instructor added them to: it is shown
    outside the cached page), assignments added to those classes or changed (due date, review rule), and their
    quizzes published, unpublished or edited (opening and closing times), and the review set the review button
    would resume (``reviews.unfinished_review_sets``: begun, finished, or too old to resume).
    """
    from django.db import connection

    from quiz.instructor.models import Assignment, Membership

    from .models import LearnerSettings

    now = now or timezone.now()
    day = reviews.today_bounds(now)
    at = connection.ops.adapt_datetimefield_value
    card, log, attempt = ReviewCard._meta.db_table, ReviewLog._meta.db_table, Attempt._meta.db_table
    item = AttemptItem._meta.db_table
    settings_table, membership = LearnerSettings._meta.db_table, Membership._meta.db_table
    assignment, quiz = Assignment._meta.db_table, Quiz._meta.db_table
    tables = [  # one pass over each table; the columns of all of them in one row
        # The next card falling due only says when the cached dashboard goes stale: a retired question's card
        # makes it recompute a little early, which is cheaper than joining every card to its question here
        # (a PostgreSQL dashboard lost a third of its throughput to that join).
        (f"SELECT MIN(CASE WHEN due > %s THEN due END), COUNT(*), MAX(updated_at) FROM {card} WHERE user_id = %s",
         [at(now), user.pk]),
        (f"SELECT COUNT(CASE WHEN was_due AND reviewed_at >= %s AND reviewed_at < %s THEN 1 END), COUNT(*), "
         f"MAX(id) FROM {log} WHERE user_id = %s", [at(day.start), at(day.end), user.pk]),
        # Only finished attempts show (exam scores, assignments done): starting one changes nothing here.
        (f"SELECT COUNT(CASE WHEN state <> %s THEN 1 END), MAX(CASE WHEN state <> %s THEN id END), "
         f"MAX(submitted_at) FROM {attempt} WHERE user_id = %s",
         [Attempt.State.IN_PROGRESS, Attempt.State.IN_PROGRESS, user.pk]),
        (f"SELECT MAX(daily_review_cap), MAX(updated_at) FROM {settings_table} WHERE user_id = %s",
         [user.pk]),
        (f"SELECT COUNT(*), MAX(id) FROM {membership} WHERE learner_id = %s AND left_at IS NULL", [user.pk]),
        # and which of their quizzes are published (an unpublished one is listed without its (dead) link): the
        # ids, not a count, which one quiz unpublished and another published between two visits leaves the same;
        # the last change to an assignment (due date, review rule) or its quiz (title, opening and closing times)
        (f"SELECT COUNT(*), MAX(a.id), COUNT(CASE WHEN z.published THEN 1 END), "
         f"SUM(CASE WHEN z.published THEN a.id ELSE 0 END), MAX(a.updated_at), MAX(z.updated_at) FROM {assignment} a "
         f"JOIN {membership} m ON m.classroom_id = a.classroom_id JOIN {quiz} z ON z.id = a.quiz_id "
         f"WHERE m.learner_id = %s AND m.left_at IS NULL", [user.pk]),
        # the review set the review button resumes (reviews.unfinished_review_sets) and its questions left: the
        # button says "Continue your review", and the set's start, its end and its going too old change the page
        (f"SELECT MAX(attempt_id), COUNT(*) FROM {item} WHERE answered_at IS NULL AND attempt_id = ("
         f"SELECT s.id FROM {attempt} s WHERE s.user_id = %s AND s.origin = %s AND s.state = %s "
         f"AND s.started_at >= %s AND EXISTS (SELECT 1 FROM {item} u WHERE u.attempt_id = s.id "
         "AND u.answered_at IS NULL) ORDER BY s.started_at DESC, s.id DESC LIMIT 1)",
         [user.pk, "review", Attempt.State.IN_PROGRESS, at(reviews.resume_since(now))]),
        # exams in progress hold their questions out of the due counts and the forecast until they end
        (f"SELECT COUNT(*), MAX(id) FROM {attempt} WHERE user_id = %s AND state = %s AND mode = %s "
         "AND (deadline IS NULL OR deadline > %s)", [user.pk, Attempt.State.IN_PROGRESS, Mode.EXAM, at(now)]),
        (f"SELECT COUNT(*) FROM {attempt} WHERE user_id = %s AND reviews_withheld = %s", [user.pk, True]),
        # last, and left out of the signature: classes an instructor added the learner to, not told of yet
        (f"SELECT COUNT(*) FROM {membership} WHERE learner_id = %s AND left_at IS NULL "
         "AND added_by_id IS NOT NULL AND seen_at IS NULL", [user.pk]),
    ]
    sql = "SELECT * FROM " + " CROSS JOIN ".join(f"({part}) t{i}" for i, (part, _) in enumerate(tables))
    with connection.cursor() as cursor:
        cursor.execute(sql, [param for _, params in tables for param in params])
        row = tuple(cursor.fetchone())
    next_due, done_today, cap = row[0], row[3], row[9]
    if isinstance(next_due, str):  # SQLite: the stored text
        next_due = ReviewCard._meta.get_field("due").to_python(next_due)
        next_due = timezone.make_aware(next_due, dt_timezone.utc) if timezone.is_naive(next_due) else next_due
    cap = LearnerSettings.DEFAULT_DAILY_CAP if cap is None else cap
    # row[-4]: the exams in progress' count (their table's first column); row[-5]: the review set's questions left
    return Freshness(row[:-1], cap, done_today or 0, next_due, row[-2], row[-1], row[-4], row[-5])


def stale_at(next_due, now):
    """When a dashboard computed at ``now`` goes stale by the clock alone: the next card falling due (the due
    counts and the forecast move), the next local midnight (the days move), or ``MAX_AGE`` from now."""
    midnight = timezone.make_aware(datetime.combine(_local_date(now) + timedelta(days=1), time()))
    return min(filter(None, [next_due, midnight, now + MAX_AGE]))


def valid_until(user, now):
    """``stale_at`` for ``user``'s next card falling due (one query)."""
    next_due = ReviewCard.objects.filter(user=user, due__gt=now).aggregate(first=Min("due"))["first"]
    return stale_at(next_due, now)

"""Results and item analysis of one assignment: a few queries, then plain Python.

``assignment_results`` and ``item_analysis`` each run a fixed number of
queries whatever the number of learners or attempts. Both read only the attempts
``Assignment.class_attempts`` gives: started while the learner was in the class,
once the quiz was assigned to it.
"""

from dataclasses import dataclass, field

from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils import dateformat, timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from quiz.models import Attempt, AttemptItem, Mode, Question, Quiz
from quiz.scoring import percent

from . import itemstats
from .models import Membership

NOT_STARTED = "not_started"  # a row's status when the learner has no attempt at the quiz
URL_UID = "00000000-0000-0000-0000-000000000000"  # placeholder replaced by each attempt's uid
HISTOGRAM_BINS = [(100, 199), (200, 299), (300, 399), (400, 499), (500, 599), (600, 699), (700, 799), (800, 899),
                  (900, 1000)]


@dataclass
class LearnerRow:
    membership: object
    attempts: list = field(default_factory=list)  # finished attempts, newest first
    in_progress: bool = False
    started_at: object = None  # the attempt in progress's start

    @property
    def status(self):
        """``(state, time)`` of the learner's latest attempt: in progress (since its start), submitted (when),
        expired (its deadline: time ran out and it was graded as it stood, nobody submitted it), or
        ``("not_started", None)``."""
        if self.in_progress:
            return Attempt.State.IN_PROGRESS, self.started_at
        if self.attempts:
            last = self.attempts[0]
            return last.state, last.submitted_at  # an expired attempt's ``submitted_at`` is its deadline
        return NOT_STARTED, None

    @property
    def left_idle(self):
        """The latest attempt is an exam without a time limit that ended left without activity
        (``Attempt.ends_when_idle``): no time ran out, and its time is when it was ended."""
        last = self.attempts[0] if self.attempts and not self.in_progress else None
        return last is not None and last.ends_when_idle and last.state == Attempt.State.EXPIRED

    @property
    def learner(self):
        return self.membership.learner

    @property
    def best(self):
        scored = [a for a in self.attempts if a.scaled_score is not None]
        return max(scored, key=lambda a: (a.scaled_score, a.pk)) if scored else None

    @property
    def completed(self):
        return bool(self.attempts)

    @property
    def left(self):
        """No longer in the class: shown for the attempts made while a member."""
        return self.membership.left_at is not None


def expire_overdue(quiz_id, learner_ids, now=None):
    """Grade at its deadline each attempt at the quiz by these learners whose time ran out (the learner
    closed the browser): the instructor sees it finished, as the learner's own pages would show it, not
    "in progress" until the learner comes back. One query when none is due. Returns how many were graded."""
    from quiz.attempts import expire_overdue as expire_attempts

    return expire_attempts(now, attempts=Attempt.objects.filter(quiz_id=quiz_id, user_id__in=learner_ids))


# as the page's other times (its Status column): with the year, the same in every language
REVIEW_LABEL_FORMAT = "Y-m-d H:i"


def _with_when(message, when_html):
    return mark_safe(conditional_escape(message) % {"when": when_html})


def assignment_results(assignment):
    """Rows per learner plus completion, pass rate (exams) and histogram. Queries: memberships, overdue attempts,
    attempts.

    A row per learner in the class now, and per former member with an attempt made while in it (marked as
    having left); completion and pass rate count those rows."""
    # the current membership first, else the latest that ended (a learner may have left and joined again)
    memberships = assignment.classroom.memberships.select_related("learner").order_by(
        "learner__username", F("left_at").desc(nulls_first=True))
    rows = {}
    for membership in memberships:
        rows.setdefault(membership.learner_id, LearnerRow(membership))
    expire_overdue(assignment.quiz_id, list(rows))
    attempts = assignment.class_attempts().with_answered_counts().order_by("-submitted_at", "-started_at", "-id")
    # Each finished attempt links to its review, labelled by its submission time: reversed and formatted here
    # once for the page (a {% url %} and a |date per link cost most of the results page's time).
    review_url = reverse("instructor:attempt_review", args=[assignment.pk, URL_UID])
    for attempt in attempts:
        row = rows[attempt.user_id]
        if attempt.state == Attempt.State.IN_PROGRESS:
            row.in_progress, row.started_at = True, attempt.started_at
        else:
            # ended with questions left blank (a practice set ended early, an exam submitted half done): said beside
            # its score, which alone reads as a finished attempt
            attempt.unanswered = max(0, attempt.item_count - attempt.n_answered)
            attempt.review_url = review_url.replace(URL_UID, str(attempt.uid))
            # in <time>, which does not wrap: "2026-11-" and "27" on two lines in a narrow column (app.css)
            attempt.review_label = (
                format_html("<time>{}</time>", dateformat.format(timezone.localtime(attempt.submitted_at),
                                                                 REVIEW_LABEL_FORMAT)) if attempt.submitted_at
                else conditional_escape(attempt.get_state_display())
            )
            if attempt.state == Attempt.State.EXPIRED and attempt.ends_when_idle:  # an untimed exam left alone
                attempt.review_label = _with_when(gettext("%(when)s (left without activity)"), attempt.review_label)
            elif attempt.state == Attempt.State.EXPIRED:  # its time is the deadline: nobody submitted it
                attempt.review_label = _with_when(gettext("%(when)s (time ran out)"), attempt.review_label)
            row.attempts.append(attempt)
    rows = [row for row in rows.values() if not row.left or row.attempts or row.in_progress]
    completed = [row for row in rows if row.completed]
    bests = [row.best for row in completed if row.best is not None]
    passed = [a for a in bests if a.passed]
    counts = [0] * len(HISTOGRAM_BINS)
    for attempt in bests:
        for i, (low, high) in enumerate(HISTOGRAM_BINS):
            if low <= attempt.scaled_score <= high:
                counts[i] += 1
                break
        else:  # below 100 (should not happen on the 100-1000 scale)
            counts[0] += 1
    # a practice set has no pass mark for its learners (their summary gives the share right): its results neither
    practice = assignment.quiz.mode == Mode.PRACTICE
    return {
        "rows": rows,
        "practice": practice,
        "learners": len(rows),
        "completed": len(completed),
        "completion": len(completed) / len(rows) if rows else None,
        "pass_rate": len(passed) / len(bests) if bests and not practice else None,
        "pass_percent": percent(len(passed), len(bests)) if bests and not practice else None,
        "passed": len(passed),
        "mean_score": sum(a.scaled_score for a in bests) / len(bests) if bests else None,
        "mean_percent": sum(a.percent_right for a in bests) / len(bests) if bests else None,
        "histogram": histogram_svg(counts),
    }


def assignment_ids_for(user, pk):
    """``((classroom_id, quiz_id), quiz mode)`` of assignment ``pk`` if ``user`` manages its class (superusers
    all), else None.

    The same rule as ``Classroom.objects.owned_by``, as one written-out query: the cached results page needs no
    more than this to decide access and freshness (the mode picks its layout: a quiz switched between practice
    and exam after it was assigned is shown the new way at once)."""
    from django.db import connection

    from .models import Assignment, Classroom

    sql = (f"SELECT a.classroom_id, a.quiz_id, q.mode FROM {Assignment._meta.db_table} a "
           f"JOIN {Classroom._meta.db_table} c ON c.id = a.classroom_id "
           f"JOIN {Quiz._meta.db_table} q ON q.id = a.quiz_id WHERE a.id = %s")
    params = [pk]
    if not user.is_superuser:
        sql += " AND c.owner_id = %s"
        params.append(user.pk)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return (tuple(row[:2]), row[2]) if row else None


def results_freshness(assignment, now=None):
    """For an assignment (or its ``(classroom_id, quiz_id)``), a tuple that changes whenever the class's results
    page would (one query, one pass over each table):
    learners joining, leaving or removed (a membership ending keeps its row), extra minutes granted,
    attempts at the quiz started, submitted or expired,
    or running out of time at ``now`` (the last item: how many are overdue, to be graded at their deadline
    first).
    Written out as SQL (building it with the ORM cost more than running it)."""
    from django.db import connection

    membership, attempt = Membership._meta.db_table, Attempt._meta.db_table
    sql = (
        "SELECT m.n, m.last, m.extra, m.weighted, m.ended, a.n, a.last, a.submitted, a.finished, a.overdue "
        f"FROM (SELECT COUNT(*) AS n, MAX(id) AS last, SUM(extra_minutes) AS extra, "
        f" SUM(extra_minutes * id) AS weighted, COUNT(left_at) AS ended "
        f" FROM {membership} WHERE classroom_id = %s) m CROSS JOIN "
        f"(SELECT COUNT(*) AS n, MAX(id) AS last, MAX(submitted_at) AS submitted, "
        f" SUM(CASE WHEN state <> %s THEN 1 ELSE 0 END) AS finished, "
        f" SUM(CASE WHEN state = %s AND deadline <= %s THEN 1 ELSE 0 END) AS overdue FROM {attempt} "
        f" WHERE quiz_id = %s AND user_id IN (SELECT learner_id FROM {membership} WHERE classroom_id = %s)) a"
    )
    classroom_id, quiz_id = assignment if isinstance(assignment, tuple) else (assignment.classroom_id,
                                                                                 assignment.quiz_id)
    params = [classroom_id, Attempt.State.IN_PROGRESS, Attempt.State.IN_PROGRESS,
              connection.ops.adapt_datetimefield_value(now or timezone.now()), quiz_id, classroom_id]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return tuple(cursor.fetchone())


def histogram_svg(counts, width=360, height=160, pad=24):
    """Bars for an SVG drawn by the template: a list of dicts with plain numbers, no styles."""
    top = max(counts) or 1
    slot = (width - pad) / len(counts)
    bars = []
    for i, ((low, high), count) in enumerate(zip(HISTOGRAM_BINS, counts)):
        bar_height = round((height - 2 * pad) * count / top, 1)
        x = round(pad + i * slot + 2, 1)
        bars.append({
            "x": x, "y": round(height - pad - bar_height, 1), "width": round(slot - 4, 1), "height": bar_height,
            "count": count, "label": f"{low}", "range": f"{low}-{high}", "label_x": round(x + (slot - 4) / 2, 1),
            "count_y": round(height - pad - bar_height - 4, 1),
        })
    return {"width": width, "height": height, "bars": bars, "baseline": height - pad, "label_y": height - 8}


@dataclass
class ItemRow:
    question_id: int
    stem: str
    topic_name: str
    stats: itemstats.ItemStats
    options: list  # [{"key", "text", "count", "correct"}]
    omitted: int = 0  # unanswered when the exam ended (nothing, or fewer than "choose n"): counted as wrong
    key_changed: bool = False  # the key was corrected while the class sat it: each attempt was graded by its own
    changed_in_exam: int = 0  # attempts in progress when the key was corrected: graded with the corrected key
    stem_lang: str = ""  # the language ``stem`` is written in: its lang


def item_analysis(assignment, language="en"):
    """Statistics per question over the class's finished exam attempts (overdue ones graded first). Queries:
    learner ids, overdue attempts, answers, snapshots."""
    learner_ids = list(assignment.classroom.memberships.values_list("learner_id", flat=True))
    expire_overdue(assignment.quiz_id, learner_ids)
    return _item_rows(assignment.class_attempts(), language)


def quiz_item_analysis(quiz, classrooms, language="en"):
    """The same over every learner of ``classrooms`` (a queryset) the quiz is assigned to: each attempt counts
    when one of these classes would show it in its results (``Assignment.class_attempts``)."""
    learner_ids = list(
        Membership.objects.filter(classroom__in=classrooms, classroom__assignments__quiz=quiz)
        .values_list("learner_id", flat=True).distinct()
    )
    expire_overdue(quiz.pk, learner_ids)
    members = Membership.objects.filter(
        classroom__in=classrooms, classroom__assignments__quiz=quiz,
        classroom__assignments__created_at__lte=OuterRef("started_at"),
    ).during_attempt()
    return _item_rows(Attempt.objects.filter(quiz=quiz).filter(Exists(members)), language)


@dataclass(frozen=True)
class Answer:
    """One answered (or skipped) item of a finished attempt: the few columns the statistics need."""

    item: int
    attempt: int
    question: int
    chosen: tuple
    correct: bool
    answered_at: object  # datetime or None
    started_at: object  # the attempt's start
    total: int | None  # the attempt's raw score
    correct_keys: tuple = ()  # the key this attempt was graded with (its snapshot)
    shown_keys: tuple | None = None  # the key it was first shown with (another: corrected during the exam)
    version: int = 1  # the question's version it was asked in


def _item_rows(attempts, language):
    """Two queries over the exam attempts of the queryset ``attempts``: the answers as plain columns (no JSON
    snapshots), then one snapshot per question."""
    answers = [
        Answer(pk, attempt_id, question_id, tuple(chosen or ()), bool(correct), answered_at, started_at, raw,
               tuple(sorted(keys or ())), None if shown is None else tuple(sorted(shown)), version)
        for pk, attempt_id, question_id, chosen, correct, answered_at, started_at, raw, keys, shown, version in (
            AttemptItem.objects.filter(attempt__in=attempts.filter(mode=Mode.EXAM)
                                       .exclude(state=Attempt.State.IN_PROGRESS).values("pk"))
            .order_by("attempt_id", "position")
            .values_list("pk", "attempt_id", "question_id", "chosen", "correct", "answered_at",
                         "attempt__started_at", "attempt__raw_score", "correct_keys", "shown_keys",
                         "question_version")
        )
    ]
    one_per_version = {}  # (question, version) -> an item asked in it
    for answer in answers:
        one_per_version[answer.question, answer.version] = answer.item
    snapshots = AttemptItem.objects.filter(pk__in=one_per_version.values()).only(
        "pk", "question_id", "question_version", "stem", "options", "correct_keys", "topic_name", "topic_names"
    ) if answers else []
    questions = {answer.question for answer in answers}
    current = dict(Question.objects.filter(pk__in=questions).values_list("pk", "options")) if answers else {}
    by_version = {(item.question_id, item.question_version): item for item in snapshots}
    return analyse_items(answers, by_version, language, current)


def _current_keys(snapshot, options):
    """The question's right options now, as keys of ``snapshot`` (found by their text, else by their key)."""
    keys = {o["key"] for o in snapshot.options}
    by_text = {o.get("text"): o["key"] for o in snapshot.options}
    return sorted(by_text.get(o.get("text")) or o["key"] for o in options or ()
                  if o.get("correct") and (o.get("text") in by_text or o["key"] in keys))


def _in_latest(snapshot, latest, chosen):
    """``chosen`` (keys of ``snapshot``, an earlier version) as keys of ``latest``: an option is the same one
    when its text is; one whose text changed or went is counted apart, under "key@version"."""
    if snapshot is latest:
        return chosen
    by_text = {o.get("text"): o["key"] for o in latest.options}
    return tuple(by_text.get(o.get("text")) or f"{o['key']}@{snapshot.question_version}"
                 for o in snapshot.options if o["key"] in chosen)


def analyse_items(answers, snapshots, language="en", current=None):
    """Plain part of the item analysis: ``Answer`` rows and ``{(question_id, version): AttemptItem}`` snapshots
    to rows, one per question, its options as its latest version has them (an option of an earlier version
    whose text changed is listed apart). ``current``: ``{question_id: options}`` as the questions are now; the
    ✓ marks, the statistics and the flags follow the key they have now (an instructor may have corrected it:
    responses are read again by it), each attempt's score stays as graded with the key it was shown."""
    latest = {}
    for (question_id, version), snapshot in sorted(snapshots.items()):
        latest[question_id] = snapshot
    right_now = {}  # question -> its keys now, as keys of its latest version asked
    for question_id, snapshot in latest.items():
        now = _current_keys(snapshot, current[question_id]) if current and question_id in current else []
        right_now[question_id] = now or sorted(snapshot.correct_keys)
    # Every statistic reads each response by the key as it is now: after a corrected key, the facility of "the
    # share right" must match the ✓ option's count, and rest scores must not count the old key right. The
    # learners' scores stay as graded.
    chosen_now, correct_now = {}, {}
    for answer in answers:
        snapshot = snapshots[answer.question, answer.version]
        chosen_now[answer.item] = _in_latest(snapshot, latest[answer.question], answer.chosen)
        # the key now as keys of the version this attempt was asked (an option reworded keeps its key)
        key_now = (_current_keys(snapshot, current[answer.question]) if current and answer.question in current
                   else []) or list(answer.correct_keys)
        correct_now[answer.item] = (answer.correct if sorted(key_now) == sorted(answer.correct_keys)
                                    else set(answer.chosen) == set(key_now))
    by_attempt = {}
    for answer in answers:
        by_attempt.setdefault(answer.attempt, []).append(answer)
    seconds, totals = {}, {}
    for attempt_id, attempt_answers in by_attempt.items():
        first = attempt_answers[0]
        raw = first.total if first.total is not None else sum(1 for a in attempt_answers if a.correct)
        raw += sum(correct_now[a.item] - a.correct for a in attempt_answers)  # rescored by the keys now
        # attempts differ in length (a random draw, a fixed list changed or a question retired between them):
        # they are ranked and correlated by the share of their (other) items right, not the raw count (4 of 4 is
        # not below 5 of 10)
        totals[attempt_id] = (raw, len(attempt_answers))
        previous = first.started_at
        for answer in sorted((a for a in attempt_answers if a.answered_at), key=lambda a: a.answered_at):
            seconds[answer.item] = max(0.0, (answer.answered_at - previous).total_seconds())
            previous = answer.answered_at
    responses, graded_with, unanswered, changed_in_exam = {}, {}, {}, {}
    for answer in answers:
        graded_with.setdefault(answer.question, set()).add(answer.correct_keys)
        changed_in_exam[answer.question] = changed_in_exam.get(answer.question, 0) + (
            answer.shown_keys is not None and answer.shown_keys != answer.correct_keys)
        # an exam item is answered (``answered_at``) only with as many options as it asks for: one of "choose
        # two" is kept but unanswered, as the learner's result says
        unanswered[answer.question] = unanswered.get(answer.question, 0) + (answer.answered_at is None)
        raw, length = totals[answer.attempt]
        # the rest score (share of the attempt's other items right) ranks and correlates: an attempt of this
        # item alone has no other items, and counts as none right
        correct = correct_now[answer.item]
        rest = (raw - correct) / (length - 1) if length > 1 else 0.0
        responses.setdefault(answer.question, []).append(
            itemstats.Response(attempt=answer.attempt, total=raw / length, correct=correct,
                               chosen=chosen_now[answer.item], seconds=seconds.get(answer.item), rest=rest)
        )
    rows = []
    for question_id, question_responses in responses.items():
        snapshot = latest[question_id]
        keys = sorted(o["key"] for o in snapshot.options)
        earlier = {}  # "key@version" -> text, options of earlier versions no longer asked
        for (other_id, version), older in snapshots.items():
            if other_id == question_id and older is not snapshot:
                earlier.update({f"{o['key']}@{version}": o.get("text", "") for o in older.options})
        earlier = {key: text for key, text in earlier.items()
                   if any(key in response.chosen for response in question_responses)}
        right = right_now[question_id]
        if right != sorted(snapshot.correct_keys):
            graded_with[question_id] = graded_with[question_id] | {tuple(right)}
        stats = itemstats.analyse_item(question_responses, right, keys + sorted(earlier), sorted(earlier))
        rows.append(ItemRow(
            question_id=question_id, stem=snapshot.stem_in(language), stem_lang=snapshot.text_lang(language),
            topic_name=(snapshot.topic_names or {}).get(language) or snapshot.topic_name, stats=stats,
            options=[{"key": o["key"], "text": o.get("text", ""), "count": stats.option_counts.get(o["key"], 0),
                      "correct": o["key"] in stats.correct_keys}
                     for o in sorted(snapshot.options, key=lambda o: o["key"])]
            + [{"key": key, "text": earlier[key], "count": stats.option_counts[key], "correct": False,
                "earlier": True} for key in sorted(earlier)],
            omitted=unanswered[question_id],
            key_changed=len(graded_with[question_id] - {()}) > 1,
            changed_in_exam=changed_in_exam[question_id],
        ))
    rows.sort(key=lambda row: (itemstats.FLAG_CHECK_KEY not in row.stats.flags, not row.stats.flagged,
                               row.stats.facility if row.stats.facility is not None else 1, row.question_id))
    return rows

"""Results and item analysis of one assignment: a few queries, then plain Python.

``assignment_results`` and ``item_analysis`` each run a fixed number of
queries whatever the number of learners or attempts.
"""

from dataclasses import dataclass, field

from quiz.models import Attempt, AttemptItem, Mode

from . import itemstats
from .models import Membership

HISTOGRAM_BINS = [(100, 199), (200, 299), (300, 399), (400, 499), (500, 599), (600, 699), (700, 799), (800, 899),
                  (900, 1000)]


@dataclass
class LearnerRow:
    membership: object
    attempts: list = field(default_factory=list)  # finished attempts, newest first
    in_progress: bool = False

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


def finished_attempts(assignment, learner_ids):
    return (
        Attempt.objects.filter(quiz_id=assignment.quiz_id, user_id__in=learner_ids)
        .exclude(state=Attempt.State.IN_PROGRESS)
        .order_by("-submitted_at", "-id")
    )


def assignment_results(assignment):
    """Rows per learner plus completion, pass rate and histogram. Queries: memberships, attempts."""
    memberships = list(assignment.classroom.memberships.select_related("learner").order_by("learner__username"))
    rows = {m.learner_id: LearnerRow(m) for m in memberships}
    attempts = Attempt.objects.filter(quiz_id=assignment.quiz_id, user_id__in=list(rows)).order_by(
        "-submitted_at", "-started_at", "-id"
    )
    for attempt in attempts:
        row = rows[attempt.user_id]
        if attempt.state == Attempt.State.IN_PROGRESS:
            row.in_progress = True
        else:
            row.attempts.append(attempt)
    rows = list(rows.values())
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
    return {
        "rows": rows,
        "learners": len(rows),
        "completed": len(completed),
        "completion": len(completed) / len(rows) if rows else None,
        "pass_rate": len(passed) / len(bests) if bests else None,
        "passed": len(passed),
        "mean_score": sum(a.scaled_score for a in bests) / len(bests) if bests else None,
        "histogram": histogram_svg(counts),
    }


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


def item_analysis(assignment, language="en"):
    """Statistics per question over the class's finished exam attempts. Queries: learner ids, items."""
    learner_ids = list(assignment.classroom.memberships.values_list("learner_id", flat=True))
    return analyse_items(_finished_exam_items(assignment.quiz_id, learner_ids), language)


def quiz_item_analysis(quiz, classrooms, language="en"):
    """The same over every learner of ``classrooms`` (a queryset) the quiz is assigned to. Queries: ids, items."""
    learner_ids = list(
        Membership.objects.filter(classroom__in=classrooms, classroom__assignments__quiz=quiz)
        .values_list("learner_id", flat=True).distinct()
    )
    return analyse_items(_finished_exam_items(quiz.pk, learner_ids), language)


def _finished_exam_items(quiz_id, learner_ids):
    return list(
        AttemptItem.objects.filter(attempt__quiz_id=quiz_id, attempt__user_id__in=learner_ids,
                                   attempt__mode=Mode.EXAM)
        .exclude(attempt__state=Attempt.State.IN_PROGRESS)
        .select_related("attempt")
        .order_by("attempt_id", "position")
    )


def analyse_items(items, language="en"):
    """Plain part of ``item_analysis``: AttemptItem-like objects (with ``.attempt``) to rows."""
    by_attempt = {}
    for item in items:
        by_attempt.setdefault(item.attempt_id, []).append(item)
    seconds = {}
    for attempt_items in by_attempt.values():
        attempt = attempt_items[0].attempt
        answered = sorted((i for i in attempt_items if i.answered_at), key=lambda i: i.answered_at)
        previous = attempt.started_at
        for item in answered:
            seconds[item.pk] = max(0.0, (item.answered_at - previous).total_seconds())
            previous = item.answered_at
    responses, latest = {}, {}
    for item in items:
        attempt = item.attempt
        total = attempt.raw_score if attempt.raw_score is not None else sum(
            1 for i in by_attempt[item.attempt_id] if i.correct
        )
        responses.setdefault(item.question_id, []).append(
            itemstats.Response(attempt=item.attempt_id, total=total, correct=bool(item.correct),
                               chosen=tuple(item.chosen or ()), seconds=seconds.get(item.pk))
        )
        latest[item.question_id] = item  # most recent snapshot (ordered by attempt id)
    rows = []
    for question_id, question_responses in responses.items():
        item = latest[question_id]
        keys = [o["key"] for o in item.options]
        stats = itemstats.analyse_item(question_responses, item.correct_keys, sorted(keys))
        rows.append(ItemRow(
            question_id=question_id, stem=item.stem_in(language), topic_name=item.topic_name, stats=stats,
            options=[{"key": o["key"], "text": o.get("text", ""), "count": stats.option_counts.get(o["key"], 0),
                      "correct": o["key"] in stats.correct_keys} for o in sorted(item.options, key=lambda o: o["key"])],
        ))
    rows.sort(key=lambda row: (not row.stats.flagged, row.stats.facility if row.stats.facility is not None else 1,
                               row.question_id))
    return rows

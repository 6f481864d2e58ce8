"""The learner's attempts as the export writes them: what was asked, what they chose, and, where the quiz
pages show it, which options were right (``views.export``)."""

from django.db.models import F, Prefetch
from django.utils import timezone

from quiz.attempts import LABELS, _open_for_review, key_corrections
from quiz.models import Attempt, AttemptItem, Mode

STEM_CHARS = 80


def iso(value):
    """A time as ISO 8601 with its offset, in the learner's time zone (the one the pages show); None stays."""
    return timezone.localtime(value).isoformat() if value is not None else None


def short_stem(text):
    text = " ".join((text or "").split())
    return text if len(text) <= STEM_CHARS else text[:STEM_CHARS - 1] + "…"


def _shown(attempt, item, review_open):
    """May the export say which options were right: where the quiz pages do (``quiz.views._revealed``), and for
    an exam only once its instructor opens its review (the result page shows no question before); never while
    an exam of the learner in progress asks the question (``item.in_open_exam``)."""
    if item.in_open_exam:
        return False
    if attempt.mode == Mode.PRACTICE:
        return item.answered_at is not None or attempt.state != Attempt.State.IN_PROGRESS
    return attempt.state != Attempt.State.IN_PROGRESS and review_open


def attempt_records(user, now, language):
    """Every attempt of ``user``, oldest first, with its items (four queries however many there are: the
    attempts, their items (each with whether an exam in progress asks its question), the exams whose review is
    open, the keys corrected since).
    ``language``: the topic names'; stems and options are in the attempt's language."""
    attempts = list(Attempt.objects.filter(user=user).with_topic_names().order_by("started_at", "id")
                    .prefetch_related(Prefetch("items",
                                               AttemptItem.objects.with_in_open_exam(user, now)
                                               .annotate(question_uid=F("question__uid")))))
    for attempt in attempts:  # an exam's score stays: beside it, its other verdicts would tell a held one's
        held = attempt.mode == Mode.EXAM and any(item.in_open_exam for item in attempt.items.all())
        for item in attempt.items.all() if held else ():  # (as its result page holds them all)
            item.in_open_exam = True
    exams = Attempt.objects.filter(user=user, mode=Mode.EXAM, quiz__isnull=False)
    open_exams = set(_open_for_review(exams, now).values_list("pk", flat=True))
    shown = {item.pk for a in attempts for item in a.items.all()
             if _shown(a, item, a.quiz_id is None or a.pk in open_exams)}
    corrected = key_corrections([item for a in attempts for item in a.items.all() if item.pk in shown])
    records = []
    for attempt in attempts:
        graded = attempt.state != Attempt.State.IN_PROGRESS
        # a practice set's score waits too while its question is held, as on its summary (one question: its
        # verdict); an exam's stays, the grade its result page and the exam list show
        scored = graded and not (attempt.mode == Mode.PRACTICE
                                 and any(item.in_open_exam for item in attempt.items.all()))
        records.append({
            "attempt": str(attempt.uid), "mode": attempt.mode, "title": attempt.display_title,
            "language": attempt.language, "state": attempt.state,
            "started_at": iso(attempt.started_at), "submitted_at": iso(attempt.submitted_at),
            "correct": attempt.raw_score if scored else None, "questions": attempt.item_count,
            "scaled_score": attempt.scaled_score if scored else None,
            "passed": attempt.passed if graded and attempt.mode == Mode.EXAM else None,
            "answers_shown": graded and (attempt.mode == Mode.PRACTICE or attempt.quiz_id is None
                                         or attempt.pk in open_exams),
            "items": [_item_record(attempt, item, language, item.pk in shown, corrected.get(item.pk))
                      for item in attempt.items.all()],
        })
    return records


def _item_record(attempt, item, language, shown, corrected):
    chosen = set(item.chosen)
    options = []
    for label, option in zip(LABELS, item.options):
        row = {"letter": label, "text": option.get("text", ""), "chosen": option["key"] in chosen}
        if shown:
            row["right"] = option["key"] in item.correct_keys
        options.append(row)
    return {
        "number": item.number, "question": str(item.question_uid),
        "topic": item.topic_slug, "topic_name": (item.topic_names or {}).get(language) or item.topic_name,
        "domain": item.domain, "stem": item.stem_in(attempt.language), "options": options,
        "chosen": [row["letter"] for row in options if row["chosen"]],
        "correct": item.correct if shown else None,
        "flagged": item.flagged, "answered_at": iso(item.answered_at),
        # an instructor corrected the question's key since: the right options now (the verdict stays as graded)
        "key_corrected_to": [label for label, option in zip(LABELS, corrected) if option["correct"]]
        if corrected else None,
    }


ANSWER_COLUMNS = ["attempt", "mode", "attempt_title", "state", "started_at", "submitted_at", "scaled_score",
                  "number", "question", "question_text", "topic", "topic_name", "chosen", "chosen_text", "right",
                  "correct", "key_corrected_to", "flagged", "answered_at"]


def answer_rows(records):
    """One CSV row per question of each attempt (``attempt_records``), in ``ANSWER_COLUMNS`` order: blank where
    the JSON has null (a right option not shown, an attempt not graded)."""
    for attempt in records:
        for item in attempt["items"]:
            options = item["options"]
            shown = any("right" in o for o in options)
            yield [
                attempt["attempt"], attempt["mode"], attempt["title"], attempt["state"], attempt["started_at"],
                attempt["submitted_at"] or "", _blank(attempt["scaled_score"]),
                item["number"], item["question"], short_stem(item["stem"]), item["topic"], item["topic_name"],
                " ".join(item["chosen"]), " | ".join(o["text"] for o in options if o["chosen"]),
                " ".join(o["letter"] for o in options if o.get("right")) if shown else "", _blank(item["correct"]),
                " ".join(item["key_corrected_to"] or []), item["flagged"], item["answered_at"] or "",
            ]


def spreadsheet_row(row):
    """A CSV row as a spreadsheet program should read it: a text that starts like a formula (a stem, an option or
    a topic name from a note file, which anyone may upload) is kept as text with a leading ' (as the class's
    results CSV does); numbers and booleans are left as they are."""
    return [("'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell) if isinstance(cell, str)
            else cell for cell in row]


def _blank(value):
    return "" if value is None else value

"""Starting, answering, submitting and expiring attempts.

Every write that touches an attempt runs in one ``transaction.atomic()`` with
the attempt row locked (``select_for_update``; SQLite takes its write lock at
BEGIN because the project uses IMMEDIATE transactions), so a double click or
two tabs answer one item once and grade an attempt once.

Entry points for other apps:

- ``start_practice(user, questions, language, *, title="", origin="")``: an ad-hoc
  practice set of the given questions (the progress review queue uses it).
- ``start_exam(user, quiz, language=None)``: the learner's in-progress attempt of
  ``quiz`` (resumed) or a new one drawn by the quiz's rules. Raises
  ``AttemptRefused`` (a ``ValidationError`` with a ``code``) when it cannot start.
- ``expire_if_due(attempt, now)`` / ``expire_overdue(now)``: grade what ran out of time at its deadline.
"""

import random
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.utils.translation import ngettext

from . import scoring
from .models import Attempt, AttemptItem, Mode, Question, Quiz
from .selection import in_open_exam, select_question_ids

LABELS = "ABCDEFGHIJ"
PRACTICE_DEFAULT_COUNT = 10


class AttemptRefused(ValidationError):
    """An attempt cannot start (closed quiz, no attempts left, no questions)."""


class AnswerRefused(ValidationError):
    """An answer was not accepted; nothing was written."""


class QuestionChanged(AnswerRefused):
    """An answer checked against one version of its question while an instructor's edit or a bank import
    (``refresh_open_items``) put another on the item: storing it would record a practice verdict of the old
    key beside the new one, or an exam choice's label against options it was not picked from."""

    def __init__(self):
        super().__init__(_("An instructor changed this question while you were answering it. Read it again, then "
                           "answer."), code="question_changed")


def record_answer(item, now, *, first_answer=False):
    """Tell the progress app (spaced repetition) about an answered or graded item."""
    from quiz.progress.reviews import record_answer as progress_record_answer

    progress_record_answer(item, now=now, first_answer=first_answer)


# --- snapshots ---------------------------------------------------------------


def figure_snapshot(image, alt=""):
    """A question's picture frozen as plain data (URLs and sizes), or ``{}`` when it has none.

    ``thumbs`` lists the stored thumbnails, smallest first; ``thumb_url``/``width``/``height`` are
    the 480 px one shown by default (so the page has no layout shift), ``url`` the full-size image.
    """
    if image is None:
        return {}
    from django.core.files.storage import default_storage

    thumbs = [
        {"url": default_storage.url(t["path"]), "width": t["width"], "height": t["height"]}
        for _, t in sorted((image.thumbnails or {}).items(), key=lambda kv: int(kv[0]))
    ]
    return {
        "url": image.url,
        "thumb_url": image.thumb_url(480),
        "width": image.display_width(480),
        "height": image.display_height(480),
        "thumbs": thumbs,
        "srcset": ", ".join(f"{t['url']} {t['width']}w" for t in thumbs),
        "alt": alt or image.name,
    }


def snapshot(question, position, *, shuffle=True, rng=None):
    """An unsaved ``AttemptItem`` freezing ``question`` as shown (options in shuffled order)."""
    options = [
        {
            "key": option["key"],
            "text": option.get("text", ""),
            "correct": bool(option.get("correct")),
            "explanation": dict(option.get("explanation") or {}),
        }
        for option in question.options
    ]
    if shuffle:
        (rng or random).shuffle(options)
    return AttemptItem(
        position=position,
        question=question,
        question_version=question.version,
        stem=dict(question.stem),
        options=options,
        correct_keys=question.correct_keys(),
        shown_keys=question.correct_keys(),
        choose=question.choose,
        domain=question.topic.domain,
        topic_slug=question.topic.slug,
        topic_name=question.topic.name,
        topic_names=dict(question.topic.names or {}),
        sources=list(question.sources),
        figure=figure_snapshot(question.figure, question.figure_alt),
    )


def refresh_open_items(question, now=None):
    """After an instructor's edit of ``question`` (call inside its transaction): the items still to be graded
    take the new version, so a corrected key reaches them. Those are the items of exams in progress (graded at
    submission: a choice already made is kept and graded with the new key) and the unanswered items of practice
    sets in progress. Each keeps its option order (the letters the learner sees) and is answered
    (``answered_at``) exactly when its choice is a whole answer for the new ``choose``, as grading counts it:
    one option chosen becomes answered at ``now`` when ``choose`` drops from 2 to 1 (a part answer keeps no
    time), an answer keeps its time while it stays whole, and one option of "choose two" is unanswered.
    Answered practice items and finished attempts keep what they were graded with (``key_corrections`` tells
    the learner), and so do exams whose time ran out before the edit: they are graded at their deadline, with
    the key they had then. An exam item keeps the key it was first shown with (``shown_keys``, its keys renamed
    as its options are), so its result can say the key was corrected during the exam; an unanswered practice
    item is shown anew, with the new key. Returns how many items changed."""
    now = now or timezone.now()
    fresh = snapshot(question, 0, shuffle=False)
    by_key = {option["key"]: option for option in fresh.options}
    key_of_text = {option["text"]: option["key"] for option in fresh.options}
    still_open = (AttemptItem.objects.filter(question=question, attempt__state=Attempt.State.IN_PROGRESS)
                  .exclude(attempt__deadline__lte=now)
                  .filter(Q(attempt__mode=Mode.EXAM) | Q(answered_at__isnull=True)))
    # Lock as answers and grading do: the attempts first (in id order), then their items (then the review cards,
    # ``review_corrected_key``). Locking an item, then its attempt, deadlocked with an answer or a submission
    # holding the attempt and waiting for the item.
    locked = list(Attempt.objects.select_for_update().filter(pk__in=still_open.values("attempt_id"))
                  .order_by("pk").values_list("pk", flat=True))
    items = (still_open.filter(attempt_id__in=locked).select_for_update(of=("self",))
             .annotate(attempt_mode=F("attempt__mode")))
    changed = []
    for item in items:
        # an option whose key the question no longer has (a bank import with other keys) is found by its text,
        # so it keeps its letter and a choice of it stays chosen; a choice of an option that is gone is dropped
        renamed = {o["key"]: key_of_text.get(o.get("text")) for o in item.options if o["key"] not in by_key}
        order = list(dict.fromkeys(renamed.get(option["key"]) or option["key"] for option in item.options))
        options = [by_key[key] for key in order if key in by_key] + [o for o in fresh.options if o["key"] not in order]
        chosen = sorted({renamed.get(key) or key for key in item.chosen} & set(by_key))
        if item.question_version == question.version and options == item.options and chosen == item.chosen:
            continue
        item.options, item.stem, item.correct_keys = options, fresh.stem, fresh.correct_keys
        item.choose, item.question_version, item.sources, item.figure = (fresh.choose, fresh.question_version,
                                                                         fresh.sources, fresh.figure)
        item.chosen = chosen
        if item.attempt_mode != Mode.EXAM:  # an unanswered practice item is shown anew, with the new key
            item.shown_keys = fresh.shown_keys
        elif item.shown_keys is not None:  # (None: an item from before ``shown_keys`` was kept stays unknown)
            item.shown_keys = sorted(renamed.get(key) or key for key in item.shown_keys)
        # answered (navigator, "n of N answered", item analysis) means a whole answer, as grading counts it
        if len(chosen) != item.choose:  # no longer a whole answer (choose 1 -> 2, an option gone): unanswered
            item.answered_at = None
        elif item.answered_at is None and chosen:  # now whole (choose 2 -> 1, one chosen): answered now, as
            item.answered_at = now  # no time was kept for a part answer (a practice item here has no choice)
        changed.append(item)
    AttemptItem.objects.bulk_update(changed, ["options", "stem", "correct_keys", "choose", "question_version",
                                              "sources", "figure", "chosen", "answered_at", "shown_keys"])
    return len(changed)


def key_corrections(items):
    """``{item pk: the item's options as the question now has them}`` for the graded or answered ``items`` whose
    question's key an instructor corrected after the version they were graded with (``Question.key_corrected_version``;
    one query). Each option keeps its place and key in the item; ``correct`` and ``explanation`` are the question's
    now (its options found by their text, else by their key). Only an instructor's correction counts: regeneration
    never changes which member a question asks for. ``apply_correction`` puts them on the item for display."""
    decided = [item for item in items if item.answered_at is not None or item.correct is not None]
    if not decided:
        return {}
    corrected = {pk: (version, options) for pk, version, options in
                 Question.objects.filter(pk__in={item.question_id for item in decided},
                                         key_corrected_version__isnull=False)
                 .values_list("pk", "key_corrected_version", "options")}
    result = {}
    for item in decided:
        if item.question_id not in corrected or (item.question_version or 0) >= corrected[item.question_id][0]:
            continue
        current = corrected[item.question_id][1]
        by_text = {option.get("text"): option for option in current}
        by_key = {option["key"]: option for option in current}
        options = []
        for option in item.options:
            now = by_text.get(option.get("text")) or by_key.get(option["key"])
            if now is None:
                break
            options.append({**option, "correct": bool(now.get("correct")),
                            "explanation": now.get("explanation") or option.get("explanation") or {}})
        else:
            if sorted(o["key"] for o in options if o["correct"]) != sorted(item.correct_keys):
                result[item.pk] = options
    return result


def apply_correction(item, options):
    """Show ``item`` with its question's corrected key (``key_corrections``), in memory only: its options and key
    as the question has them now. Its verdict (``correct``) stays as graded. Returns the right keys now."""
    graded_keys = list(item.correct_keys)
    item.options = options
    item.correct_keys = sorted(o["key"] for o in options if o["correct"])
    item.graded_keys = graded_keys
    item.corrected_verdict = corrected_verdict(item, item.correct_keys)
    return item.correct_keys


def corrected_verdict(item, right_keys):
    """What the corrected ``right_keys`` would make of the graded ``item``'s answer when it is not its verdict:
    "right" (graded wrong, the choice is the corrected key), "wrong" (graded right), else "" (wrong either way,
    not answered). The pages say it beside the verdict, which stays as graded: "Wrong" beside a choice marked
    as the correct answer read as a broken page."""
    if item.answered_at is None:
        return ""
    right_now = sorted(item.chosen) == sorted(right_keys)
    if right_now == bool(item.correct):
        return ""
    return "right" if right_now else "wrong"


def _questions_in_order(ids):
    by_id = Question.objects.select_related("topic", "figure").in_bulk(ids)
    return [by_id[qid] for qid in ids if qid in by_id]


def _create(user, questions, *, mode, language, now, quiz=None, title="", origin="", deadline=None,
            ends_when_idle=False, pass_mark=scoring.DEFAULT_PASS_MARK, shuffle=True, rng=None):
    rng = rng or random.Random()
    questions = list(questions)
    if shuffle and mode == Mode.EXAM:
        rng.shuffle(questions)
    attempt = Attempt.objects.create(
        user=user, quiz=quiz, mode=mode, title=title[:200], origin=origin[:40], language=language,
        pass_mark=pass_mark, started_at=now, deadline=deadline, ends_when_idle=ends_when_idle,
        item_count=len(questions),
    )
    items = [snapshot(question, i, shuffle=shuffle, rng=rng) for i, question in enumerate(questions)]
    for item in items:
        item.attempt = attempt
    AttemptItem.objects.bulk_create(items)
    return attempt


def start_practice(user, questions, language, *, title="", origin="", shuffle=True, rng=None, now=None):
    """A new practice attempt over ``questions`` (Question objects or ids), in that order."""
    ids = [getattr(q, "pk", q) for q in questions]
    questions = _questions_in_order(ids)
    if not questions:
        raise AttemptRefused(_("There are no questions to practise here yet."), code="no_questions")
    with transaction.atomic():
        return _create(user, questions, mode=Mode.PRACTICE, language=language, now=now or timezone.now(),
                       title=title or gettext_noop("Practice"), origin=origin, shuffle=shuffle, rng=rng)


def held_by_open_exam(user, *, topics=(), domains=(), now=None):
    """How many live questions of ``topics`` (or ``domains``; neither: the bank) practice leaves out because an exam
    the learner has in progress asks them (one query): a set that comes out short, or empty, says why."""
    questions = Question.objects.live().filter(pk__in=in_open_exam(user, now or timezone.now()))
    if topics:
        questions = questions.filter(topic__slug__in=list(topics))
    if domains:
        questions = questions.filter(topic__domain__in=list(domains))
    return questions.count()


def practice_question_ids(user, *, topics=(), domains=(), language="", count=PRACTICE_DEFAULT_COUNT, rng=None,
                          now=None):
    """Ids for a practice set: live questions (validated drafts and approved) in ``language`` wherever the
    topics or domains have them (the domains' even spread gives way to it), unseen ones first, none of an exam
    the learner has in progress."""
    rules = {"topics": list(topics)}
    if domains:
        rules["weights"] = {domain: 1 for domain in domains}
    return select_question_ids(user, count=count, rules=rules, language=language, only_approved=False, rng=rng,
                               leave_out=in_open_exam(user, now or timezone.now()), language_first=True)


def question_count_now(quiz, language=None):
    """``(how many questions, how many of them in the attempt's language)`` an attempt at ``quiz`` would get
    now: its count, or fewer when the bank lacks some; the draw ``start_exam`` makes, without a learner (a few
    queries). Questions in another language fill what the language lacks (shown in their note's language)."""
    language = quiz.language or language
    fixed = list(Quiz.questions.through.objects.filter(quiz=quiz).values_list("question_id", flat=True))
    ids = select_question_ids(None, count=quiz.question_count, rules=quiz.rules, language=language,
                              only_approved=quiz.only_approved, fixed_ids=fixed or None)
    ids = ids if fixed else ids[:quiz.question_count]
    written = Question.objects.filter(pk__in=ids).values_list("languages", flat=True)
    return len(ids), sum(1 for languages in written if language in (languages or ()))


def drawn_from(quiz, questions):
    """``questions`` narrowed to those ``quiz`` may ask: its fixed list, or those of its topics and exact domain
    counts (a filter, no query of its own)."""
    fixed = Quiz.questions.through.objects.filter(quiz=quiz)
    rules = quiz.rules or {}
    drawn = ~Exists(fixed)  # no fixed list: the bank, narrowed as the draw narrows it
    if rules.get("topics"):
        drawn &= Q(topic__slug__in=rules["topics"])
    exact = [domain for domain, n in (rules.get("domains") or {}).items() if int(n) > 0]
    if exact:
        drawn &= Q(topic__domain__in=exact)
    return questions.filter(Q(pk__in=fixed.values("question_id")) | drawn)


def may_ask_several(quiz, current=None):
    """Whether an attempt at ``quiz`` (``current``, the learner's attempt in progress, when there is one) asks,
    or a draw may ask, a question with two or more right answers: the attempt's items, else the questions the
    quiz draws from (one query)."""
    if current is not None:
        return current.items.filter(question__choose__gt=1).exists()
    from .selection import _candidates

    return drawn_from(quiz, _candidates(quiz.only_approved, None)).filter(choose__gt=1).exists()


def start_exam(user, quiz, language=None, *, now=None, rng=None, extra_minutes=None):
    """The in-progress attempt of ``quiz`` for ``user`` (resumed) or a new one. Returns ``(attempt, created)``."""
    now = now or timezone.now()
    with transaction.atomic():
        current = Attempt.objects.select_for_update().filter(user=user, quiz=quiz).in_progress().first()
        if current is not None and not expire_if_due(current, now):
            return current, False
        if not quiz.is_open(now):
            raise AttemptRefused(_("This exam is not open now."), code="closed")
        if quiz.attempts_allowed is not None:
            used = Attempt.objects.filter(user=user, quiz=quiz).count()
            if used >= quiz.attempts_allowed:
                raise AttemptRefused(
                    ngettext("You have used your %(n)d attempt at this exam.",
                             "You have used all %(n)d attempts at this exam.", quiz.attempts_allowed)
                    % {"n": quiz.attempts_allowed},
                    code="no_attempts_left",
                )
        language = quiz.language or language or "en"
        # the instructor's fixed list, in the order the questions were added
        fixed = list(Quiz.questions.through.objects.filter(quiz=quiz).order_by("pk")
                     .values_list("question_id", flat=True))
        ids = select_question_ids(
            user, count=quiz.question_count, rules=quiz.rules, language=language,
            only_approved=quiz.only_approved, fixed_ids=fixed or None, rng=rng,
            # a practice quiz shows keys at once: not those of an exam in progress
            leave_out=in_open_exam(user, now) if quiz.mode == Mode.PRACTICE else None,
        )
        if fixed and not quiz.shuffle:
            order = {qid: i for i, qid in enumerate(fixed)}
            ids.sort(key=order.get)
        questions = _questions_in_order(ids[: quiz.question_count] if not fixed else ids)
        if not questions:
            raise AttemptRefused(_("This exam has no questions yet."), code="no_questions")
        deadline, ends_when_idle = None, False
        if quiz.time_limit_minutes and quiz.mode == Mode.EXAM:
            if extra_minutes is None:
                extra_minutes = _extra_minutes(user, quiz)
            deadline = now + timedelta(minutes=quiz.time_limit_minutes + extra_minutes)
        elif quiz.mode == Mode.EXAM:  # no time limit: it ends when left alone (``idle_deadline``)
            deadline, ends_when_idle = idle_deadline(now), True
        try:
            with transaction.atomic():
                attempt = _create(
                    user, questions, mode=quiz.mode, language=language, now=now, quiz=quiz, title=quiz.title,
                    origin="exam" if quiz.mode == Mode.EXAM else "quiz", deadline=deadline,
                    ends_when_idle=ends_when_idle,
                    pass_mark=quiz.pass_mark, shuffle=quiz.shuffle, rng=rng,
                )
        except IntegrityError:  # a second tab started it first
            return Attempt.objects.filter(user=user, quiz=quiz).in_progress().get(), False
        return attempt, True


def _extra_minutes(user, quiz):
    try:
        from quiz.instructor.services import extra_minutes
    except ImportError:  # pragma: no cover - instructor app not installed
        return 0
    return extra_minutes(user, quiz)


# --- answering -----------------------------------------------------------------


def chosen_keys(item, labels):
    """Map the shown labels (A, B, ...) to the question's keys; AnswerRefused on an unknown label."""
    labels = [str(label).strip().upper() for label in labels]
    if len(set(labels)) != len(labels):
        raise AnswerRefused(_("Choose each option at most once."), code="duplicate")
    keys = []
    for label in labels:
        index = LABELS.find(label) if len(label) == 1 else -1
        if index < 0 or index >= len(item.options):
            raise AnswerRefused(_("That option is not part of this question."), code="unknown_option")
        keys.append(item.options[index]["key"])
    return sorted(keys)


def label_of(item, key):
    """The label (A, B, ...) an option of the question shows under in this item: ``chosen_keys`` reversed."""
    return LABELS[[option["key"] for option in item.options].index(key)]


def choose_message(choose):
    return ngettext("Choose %(n)d option.", "Choose exactly %(n)d options.", choose) % {"n": choose}


class PracticeAnswer:
    """A checked practice answer and its review, computed before the write transaction."""

    def __init__(self, keys, correct, rating, review):
        self.keys, self.correct, self.rating, self.review = keys, correct, rating, review


def prepare_practice_answer(attempt, item, labels, *, now, prior=None, shown_version=None):
    """Check a practice answer and compute its review, without writing: a ``PracticeAnswer``, or None
    when the item is answered already. Raises ``AnswerRefused``; ``QuestionChanged`` when ``shown_version``
    (the question's version on the learner's page, if the form sent it) is not the item's any more. ``prior``:
    the card and topic the review starts from, when already read (``fastreads.practice_attempt_and_item``)."""
    from quiz.progress.reviews import prepare_review

    if item.answered_at is not None:
        return None
    if attempt.state != Attempt.State.IN_PROGRESS:
        raise AnswerRefused(_("This practice set is finished."), code="finished")
    if shown_version is not None and shown_version != item.question_version:
        raise QuestionChanged()
    in_exam = getattr(item, "in_open_exam", None)  # read with the item by the practice answer's read
    if in_exam is None:
        in_exam = (Attempt.objects.for_user(attempt.user_id).open_exams(now)
                   .filter(items__question_id=item.question_id).exists())
    if in_exam:
        # a set started before the exam: its feedback would give the exam's key away
        raise AnswerRefused(_("This question is in your exam in progress: answer it here once the exam is "
                              "submitted or its time is up."), code="in_open_exam")
    keys = chosen_keys(item, labels)
    if len(keys) != item.choose:
        raise AnswerRefused(choose_message(item.choose), code="choose_exactly")
    correct = scoring.is_correct(keys, item.correct_keys)
    # ``item`` changes only once the answer is stored.
    review = prepare_review(attempt.user_id, item.question_id, item.pk, correct=correct, when=now, prior=prior)
    return PracticeAnswer(keys, correct, review.log["rating"], review)


def store_practice_answer(attempt, item, answer, *, now, others_answered):
    """Store a prepared practice answer. Call inside ``transaction.atomic()`` with the attempt locked and
    open, ``others_answered`` counted under that lock (``fastreads.lock_state_counting``): the last answer
    grades the set. Returns True if this call answered the item (False: another request did first). Raises
    ``QuestionChanged`` (nothing written, ``item`` re-read) when an instructor's edit reached the item after the
    answer was checked: the answer was graded with the version the learner saw, not the one the item holds."""
    from quiz.progress.reviews import store_prepared_review

    from .fastreads import update_row

    stored = update_row(AttemptItem, item.pk, {"chosen": answer.keys, "correct": answer.correct, "answered_at": now,
                                               "rating": answer.rating}, while_null="answered_at",
                        expect={"question_version": item.question_version})
    if not stored:
        item.refresh_from_db()
        if item.answered_at is None:
            raise QuestionChanged()
        return False
    item.chosen, item.correct, item.answered_at, item.rating = answer.keys, answer.correct, now, answer.rating
    if not store_prepared_review(answer.review):
        record_answer(item, now, first_answer=True)  # the card changed meanwhile: the locked path
    attempt.position = min(item.position + 1, max(attempt.item_count - 1, 0))
    attempt.answered_count = others_answered + 1  # counted under the lock (``Attempt.answered_count``)
    update_row(Attempt, attempt.pk, {"position": attempt.position, "answered_count": attempt.answered_count})
    if others_answered + 1 >= attempt.item_count:  # no other answer got in: the attempt is locked
        grade(attempt, now=now)
    return True


def finish_if_done(attempt, *, now):
    """Grade a practice set whose every item is answered, counted under the attempt's lock (its own
    transaction): after an answer stored outside one (``quiz.pgwrites.answer_practice``) that may have been
    the last. True if the set is (now or already) finished."""
    from .fastreads import lock_state_counting

    with transaction.atomic():
        try:
            # every answered item: none is left out (ids start at 1)
            attempt.state, attempt.deadline, answered = lock_state_counting(attempt.pk, 0)
        except Attempt.DoesNotExist:  # deleted meanwhile (the learner deleted their data)
            return False
        if attempt.state != Attempt.State.IN_PROGRESS:
            return True
        if answered < attempt.item_count:
            return False
        grade(attempt, now=now)
        return True


def answer_practice(attempt, item, labels, *, now):
    """Answer a practice item once (call with the attempt locked). Returns True if this call answered it
    (False: it already was)."""
    from .fastreads import lock_state_counting

    answer = prepare_practice_answer(attempt, item, labels, now=now)
    if answer is None:
        return False
    others_answered = lock_state_counting(attempt.pk, item.pk)[2]
    return store_practice_answer(attempt, item, answer, now=now, others_answered=others_answered)


def exam_answer_changes(attempt, item, labels, *, now, flag=None, shown_version=None):
    """What saving the choice ``labels`` (and ``flag``, if not None) writes to ``item``: a dict of its
    fields, empty when nothing changes. Raises ``AnswerRefused``; ``QuestionChanged`` when ``labels`` come
    from a page showing another version of the question (``shown_version``, if the form sent it) than the
    item's: its letters may name other options now. No database: the view checks and computes this before
    its write transaction, then ``write_item_changes`` stores it under the lock.

    A choice of fewer than ``choose`` options is kept but counts as unanswered
    (and scores zero); more than ``choose`` is refused. ``labels=None``: the choice stays as stored.
    """
    refuse_if_closed(attempt, now)
    changes = {}
    if labels is not None:
        if shown_version is not None and shown_version != item.question_version:
            raise QuestionChanged()
        keys = chosen_keys(item, labels)
        if len(keys) > item.choose:
            raise AnswerRefused(choose_message(item.choose), code="choose_exactly")
        if keys != item.chosen:
            changes["chosen"] = keys
            changes["answered_at"] = now if len(keys) == item.choose else None
    if flag is not None and item.flagged != flag:
        changes["flagged"] = flag
    return changes


def exam_write_condition(item, changes):
    """What the item's row must still hold for ``changes`` to be written: a choice was mapped from labels to
    keys with the options of the version read (``item.question_version``), so it is stored only on that
    version. None: no condition (no choice changes; a flag means the same on any version)."""
    return {"question_version": item.question_version} if "chosen" in changes else None


def write_item_changes(item, changes):
    """Store ``changes`` (from ``exam_answer_changes``) on ``item``: one narrow UPDATE, none if empty.
    Raises ``QuestionChanged`` (nothing written, ``item`` re-read) when an instructor's edit gave the item
    another version of its question after the choice was checked."""
    if changes:
        from .fastreads import update_row

        if not update_row(AttemptItem, item.pk, changes, expect=exam_write_condition(item, changes)):
            item.refresh_from_db()
            raise QuestionChanged()
        for field, value in changes.items():
            setattr(item, field, value)
    return bool(changes)


def lock_if_open(attempt, now):
    """Lock the attempt's row and re-read its state: True if it still takes answers at ``now``.

    One narrow ``SELECT ... FOR UPDATE`` (the same row lock grading takes, so an answer and a
    submission or expiry are ordered); ``attempt`` gets the fresh state and deadline.
    """
    from .fastreads import lock_state

    attempt.state, attempt.deadline = lock_state(attempt.pk)
    return attempt.state == Attempt.State.IN_PROGRESS and not attempt.is_past_deadline(now)


def save_exam_answer(attempt, item, labels, *, now):
    """Save the current choice of an exam item (changeable until submission). Call with the attempt locked.

    A choice of fewer than ``choose`` options is kept but counts as unanswered
    (and scores zero); more than ``choose`` is refused.
    """
    return write_item_changes(item, exam_answer_changes(attempt, item, labels, now=now))


def refuse_if_closed(attempt, now):
    if attempt.state == Attempt.State.SUBMITTED:
        raise AnswerRefused(_("This exam has already been submitted."), code="finished")
    if attempt.state == Attempt.State.EXPIRED or attempt.is_past_deadline(now):  # graded at its deadline
        raise AnswerRefused(_("Time is up: answers are no longer accepted."), code="deadline")


# An idle deadline is moved on in the position's write, or on its own once it is this much older than a fresh
# one: a learner saving one answer after another on one question writes it at most once an hour. A fresh one has
# this hour to spare, so an exam is never ended sooner than the idle days after its last activity (one resumed
# after 6 days and 23 hours is still open, as its pages promise).
IDLE_DEADLINE_STEP = timedelta(hours=1)


def idle_deadline(now):
    """When an exam without a time limit last active at ``now`` ends (``Attempt.ends_when_idle``): the idle days
    and ``IDLE_DEADLINE_STEP`` on."""
    return now + timedelta(days=settings.QUIZ_IDLE_EXAM_DAYS) + IDLE_DEADLINE_STEP


def move_to(attempt, position, now=None):
    """Remember where the learner is (resume after reload); with ``now``, an exam without a time limit was
    active then: its idle deadline moves on."""
    position = max(0, min(position, max(attempt.item_count - 1, 0)))
    if attempt.state != Attempt.State.IN_PROGRESS:
        return
    changes = {"position": position} if attempt.position != position else {}
    if now is not None and attempt.ends_when_idle and not attempt.is_past_deadline(now):
        fresh = idle_deadline(now)
        if changes or attempt.deadline is None or fresh - attempt.deadline >= IDLE_DEADLINE_STEP:
            changes["deadline"] = fresh
    if changes:
        from .fastreads import update_row

        for field, value in changes.items():
            setattr(attempt, field, value)
        # a deadline moves on only while the exam is open: one graded meanwhile keeps the deadline it ended at
        update_row(Attempt, attempt.pk, changes,
                   expect={"state": Attempt.State.IN_PROGRESS} if "deadline" in changes else None)


# --- grading -------------------------------------------------------------------


def grade(attempt, *, now, expired=False):
    """Grade every item, fill the attempt's scores and close it. Call with the attempt locked."""
    if attempt.state != Attempt.State.IN_PROGRESS:
        return attempt
    if attempt.mode != Mode.EXAM:
        return _grade_practice(attempt, now=now, expired=expired)
    items = list(attempt.items.all())
    for item in items:
        item.correct = len(item.chosen) == item.choose and scoring.is_correct(item.chosen, item.correct_keys)
    AttemptItem.objects.bulk_update(items, ["correct"])
    _close(attempt, scoring.grade(((item.domain, item.correct) for item in items), attempt.pass_mark),
           now=now, expired=expired)
    # a question another exam in progress asks too: its review would move that topic's mastery, the forecast and
    # the accuracy by its verdict, and so tell the running exam's key; the reviews wait for that exam to end
    reviews_open = _reviews_open(attempt, now) and not _asked_by_another_open_exam(attempt, now)
    attempt.reviews_withheld = not reviews_open
    attempt.save(update_fields=[*CLOSING_FIELDS, "reviews_withheld"])
    if reviews_open:
        _record_reviews(attempt, items)
    return attempt


CLOSING_FIELDS = ("raw_score", "item_count", "scaled_score", "passed", "state", "submitted_at")


def _close(attempt, result, *, now, expired):
    """Set the scores of ``result`` (``scoring.grade``) and close ``attempt`` (not saved): an expired one at its
    deadline."""
    attempt.raw_score = result.correct
    attempt.item_count = result.total
    attempt.scaled_score = result.scaled
    attempt.passed = result.passed
    attempt.state = Attempt.State.EXPIRED if expired else Attempt.State.SUBMITTED
    attempt.submitted_at = attempt.deadline if expired and attempt.deadline else now


def _record_reviews(attempt, items):
    """The graded exam's reviews, one per answered item at its answer's time: an item left blank (no choice, or
    fewer than it asks) makes none, so an exam given up early does not fill the review queue with questions the
    learner never tried."""
    from quiz.progress.reviews import record_answers

    for item in items:
        item.attempt = attempt
    record_answers(items)  # in a fixed number of queries


def _asked_by_another_open_exam(attempt, now):
    """Does another exam of the learner in progress at ``now`` ask one of ``attempt``'s questions? (one query)"""
    return attempt.items.filter(question_id__in=in_open_exam(attempt.user_id, now, other_than=attempt)).exists()


def _asking_held(user, now):
    """A finished attempt one of whose questions an exam of ``user`` in progress at ``now`` asks, as a filter."""
    return Exists(AttemptItem.objects.filter(attempt=OuterRef("pk"), question_id__in=in_open_exam(user, now)))


def catch_up_reviews(user, now, attempts=None):
    """Make the review cards of ``user``'s exams graded while review was closed (``Attempt.reviews_withheld``)
    whose review has opened since (the due date passed, the instructor opened it) and none of whose questions an
    exam in progress asks (graded while another exam asked one: ``grade``). Returns how many attempts were
    caught up.

    Cheap when there is nothing to do: one query on a partial index (or none when ``attempts``, the learner's
    withheld attempts, is given). Idempotent: the attempt is locked and its flag re-checked, and
    ``record_answers`` skips items that have a log, so two requests never count an answer twice. Each
    review is dated at its answer, as grading would have made it, and an item left blank makes none (a review
    older than a card's last one is replayed in time order: ``reviews.record_answers``)."""
    if attempts is None:  # those whose review is open now, in one query however many stay closed
        attempts = list(_open_for_review(Attempt.objects.filter(user=user, reviews_withheld=True)
                                         .exclude(_asking_held(user, now)), now))
    else:
        attempts = [attempt for attempt in attempts if _reviews_open(attempt, now)]
    caught = 0
    for attempt in attempts:
        with transaction.atomic():
            locked = (Attempt.objects.select_for_update().filter(pk=attempt.pk, reviews_withheld=True)
                      .exclude(_asking_held(user, now)).first())
            if locked is None:  # another request caught it up first, or an exam in progress asks its questions
                continue
            _record_reviews(locked, list(locked.items.all()))
            locked.reviews_withheld = False
            locked.save(update_fields=["reviews_withheld"])
        attempt.reviews_withheld = False
        caught += 1
    return caught


def _open_for_review(attempts, now):
    """The attempts of the queryset ``attempts`` whose review is open at ``now`` (``_reviews_open`` in SQL)."""
    try:
        from quiz.instructor.services import open_for_review
    except ImportError:  # pragma: no cover - instructor app not installed
        return attempts
    return open_for_review(attempts, now)


def _grade_practice(attempt, *, now, expired):
    """``grade`` of a practice set (every tenth practice answer ends one): its items' ``(domain, correct)``
    in one written-out read and the attempt's scores in one narrow UPDATE, the same values and fields as the
    ORM path (building the item models and compiling ``save`` was most of a last answer's extra cost)."""
    from .fastreads import item_results, update_row

    _close(attempt, scoring.grade(item_results(attempt.pk), attempt.pass_mark), now=now, expired=expired)
    update_row(Attempt, attempt.pk, {name: getattr(attempt, name) for name in CLOSING_FIELDS})
    return attempt


def _reviews_open(attempt, now):
    """May this exam's questions feed the learner's spaced review? Not while its instructor keeps the answers
    closed ("review opens: never" or "after the due date", not yet): the review queue would ask those very
    questions as practice, key and explanations shown, and the progress export would list which were right.
    The answers themselves are kept (the attempt's items); only the review cards are not made from them."""
    if attempt.quiz_id is None:
        return True
    try:
        from quiz.instructor.services import review_allowed
    except ImportError:  # pragma: no cover - instructor app not installed
        return True
    from django.contrib.auth import get_user_model

    return review_allowed(get_user_model()(pk=attempt.user_id), attempt.quiz_id, now)


def submit(attempt, *, now):
    """Submit a locked attempt: graded now, or at its deadline if that has passed."""
    if attempt.is_past_deadline(now):
        return grade(attempt, now=now, expired=True)
    return grade(attempt, now=now)


def expire_if_due(attempt, now):
    """Grade ``attempt`` at its deadline if time ran out. Returns True if it is (now) expired."""
    if attempt.state == Attempt.State.IN_PROGRESS and attempt.is_past_deadline(now):
        grade(attempt, now=now, expired=True)
        return True
    return attempt.state == Attempt.State.EXPIRED


def expire_overdue(now=None, user=None, attempts=None):
    """Grade every overdue attempt (of ``user``, or of the queryset ``attempts``, or everyone's). Returns how
    many."""
    now = now or timezone.now()
    overdue = (Attempt.objects.all() if attempts is None else attempts).overdue(now)
    if user is not None:
        overdue = overdue.for_user(user)
    count = 0
    for pk in list(overdue.values_list("pk", flat=True)):
        with transaction.atomic():
            attempt = Attempt.objects.select_for_update().get(pk=pk)
            if attempt.state == Attempt.State.IN_PROGRESS and attempt.is_past_deadline(now):
                grade(attempt, now=now, expired=True)
                count += 1
    return count


def mock_exam():
    """The default mock exam (created by a data migration; recreated if someone deleted it)."""
    quiz, _created = Quiz.objects.get_or_create(
        slug=Quiz.MOCK_EXAM_SLUG,
        defaults={"title": gettext_noop("Mock exam"),
                  "description": gettext_noop(
                      "65 questions in 130 minutes, drawn by domain like the certification exam."),
                  "mode": Mode.EXAM, "rules": {}, "time_limit_minutes": 130,
                  "question_count": 65, "pass_mark": 720, "only_approved": False},
    )
    return quiz


SHORT_MOCK_EXAM_SLUG = "short-mock-exam"
SHORT_MOCK_EXAM_QUESTIONS, SHORT_MOCK_EXAM_MINUTES = 20, 40  # the mock exam's 2 minutes a question


def short_mock_exam():
    """``(quiz, created)``: the demo's short mock exam, 20 questions in 40 minutes, drawn by the mock exam's
    blueprint (its rules, copied when it is created) with the same pass mark. Created by ``seed_demo``; once
    there it is left as it is (an instructor may have changed it), so running ``seed_demo`` again changes
    nothing."""
    mock = mock_exam()
    return Quiz.objects.get_or_create(
        slug=SHORT_MOCK_EXAM_SLUG,
        defaults={"title": gettext_noop("Short mock exam"),
                  "description": gettext_noop(
                      "20 questions in 40 minutes, drawn by domain like the mock exam: a quick check of where "
                      "you stand."),
                  "mode": Mode.EXAM, "rules": mock.rules, "time_limit_minutes": SHORT_MOCK_EXAM_MINUTES,
                  "question_count": SHORT_MOCK_EXAM_QUESTIONS, "pass_mark": mock.pass_mark,
                  "only_approved": mock.only_approved},
    )

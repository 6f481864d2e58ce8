"""Spaced repetition: every answered item is an FSRS review.

Contract with the quiz engine (``quiz.attempts``):

``record_answer(item, *, rating=None, now=None)``
    Call it once an ``AttemptItem`` is answered (practice) or graded (exam).
    An item without an answer (an exam question left blank, or given fewer
    options than a "choose n" asks) is no review: nothing is written.
    Wrong is ``Again``, right is ``Good``; in practice mode, after the feedback,
    the learner may rate a right answer ``Hard`` or ``Easy`` (call again with
    ``rating="hard"``/``"easy"``). Idempotent per item: a ``ReviewLog`` has a
    unique ``attempt_item``, so the same item is never counted twice. A later
    rating of the same item replaces the earlier one and the card is
    recomputed by replaying all of its logs in order (cheap: a card has few).

``due_questions(user, now=None, limit=None)``
    The questions due now, most overdue first, no more than what is left of
    the learner's daily cap today. What the cap leaves out stays due and comes
    back on the next days (see ``spread_over_days`` for the forecast).

Pure helpers (no database) come first; they are what the tests pin down.
"""

from __future__ import annotations

import random
import zlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from fsrs import Card, Rating, Scheduler, State
from fsrs.scheduler import FUZZ_RANGES

# --- pure helpers -----------------------------------------------------------

RATING_NAMES = {"again": Rating.Again, "hard": Rating.Hard, "good": Rating.Good, "easy": Rating.Easy}
# What a learner may choose after practice feedback, for a right answer.
PRACTICE_RATINGS = ("hard", "good", "easy")
MATURE_DAYS = 21  # a card whose stability reaches three weeks is "mature" (as in Anki)
GUESS_RATE = 0.25  # chance of guessing one right option out of four


class RatingNotAllowed(ValueError):
    """A Hard/Easy rating where the rules do not allow one."""


class ReplayableScheduler(Scheduler):
    """FSRS's scheduler, its interval fuzz drawn from the review itself (the card's id and the review's time)
    instead of the process's random numbers: replaying a card's logs (a changed rating,
    ``rebuild_review_cards``) gives the same due dates again. The fuzz range is FSRS's own."""

    def review_card(self, card, rating, review_datetime=None, review_duration=None):
        self._fuzz = random.Random(f"{card.card_id}:{review_datetime.isoformat() if review_datetime else ''}")
        if same_day_easy(card, rating, review_datetime):
            rating = Rating.Good
        return super().review_card(card, rating, review_datetime, review_duration)

    def _get_fuzzed_interval(self, *, interval):
        days = interval.days
        if days < 2.5:
            return interval
        delta = 1.0 + sum(r["factor"] * max(min(float(days), r["end"]) - r["start"], 0.0) for r in FUZZ_RANGES)
        high = min(round(days + delta), self.maximum_interval)
        low = min(max(2, round(days - delta)), high)
        return timedelta(days=min(round(self._fuzz.random() * (high - low + 1) + low), self.maximum_interval))


def same_day_easy(card, rating, when):
    """Is this an Easy for a card already in review, reviewed less than a day before? FSRS-6 multiplies its
    stability by about 1.5 for each same-day Easy (8 → 13 → 20 → 30 → 43 days in five ratings twenty minutes
    apart), so one sitting of practice rated Easy would make a topic read mastered. Such an Easy is applied as
    Good (which does not inflate stability); the log keeps the learner's rating, and replaying applies the same
    rule."""
    return (rating == Rating.Easy and card.state == State.Review and card.last_review is not None
            and when is not None and when - card.last_review < timedelta(days=1))


def is_lapse(card_state, rating):
    """Is rating ``card_state`` (a stored ``Card.to_dict()``, or None for a new card) a lapse? As FSRS and Anki
    count them: a card in the Review state rated Again, which sends it to Relearning. An Again during the
    (re)learning steps (a first answer wrong, or wrong again ten minutes after a lapse) forgets nothing learnt."""
    return int(rating) == Rating.Again and bool(card_state) and card_state.get("state") == State.Review


def get_scheduler():
    """The FSRS scheduler. ``PROGRESS_FSRS_FUZZING = False`` in tests makes intervals exact."""
    return ReplayableScheduler(enable_fuzzing=getattr(settings, "PROGRESS_FSRS_FUZZING", True))


def rating_for(correct, rating=None, *, practice=True):
    """The FSRS rating of an answer.

    Wrong is Again and right is Good. A learner's own rating (``"hard"``,
    ``"good"`` or ``"easy"``) is accepted only for a right answer in practice.
    """
    if rating in (None, ""):
        return Rating.Good if correct else Rating.Again
    name = str(rating).lower()
    if name not in PRACTICE_RATINGS:
        raise RatingNotAllowed(f"Unknown rating {rating!r}.")
    if not practice:
        raise RatingNotAllowed("Only practice answers can be rated.")
    if not correct:
        raise RatingNotAllowed("A wrong answer is always Again.")
    return RATING_NAMES[name]


def as_utc(moment):
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt_timezone.utc)
    return moment.astimezone(dt_timezone.utc)


def review(card_state, rating, when, scheduler=None, card_id=None):
    """Apply one review to a stored card state (a ``Card.to_dict()`` or None): returns the new ``Card``.

    Reviews must go forward in time: a review older than the card's last one
    is applied as if it happened at that last review. ``card_id``: a new card's id (it seeds the fuzz).
    """
    scheduler = scheduler or get_scheduler()
    # A new card gets its id here: ``Card()`` without one sleeps 1 ms to keep its clock-based ids unique,
    # which would block a worker on every first answer (the id is not used to look cards up).
    when = as_utc(when)
    card = Card.from_dict(card_state) if card_state else Card(card_id=card_id or int(when.timestamp() * 1000))
    if card.last_review is not None and when < card.last_review:
        when = card.last_review
    card, _log = scheduler.review_card(card, Rating(rating), review_datetime=when)
    return card


def replay(reviews, scheduler=None, card_id=None):
    """Rebuild a card from ``[(rating, when), ...]`` in order; None when there are none."""
    scheduler = scheduler or get_scheduler()
    state = None
    card = None
    for rating, when in reviews:
        card = review(state, rating, when, scheduler, card_id)
        state = card.to_dict()
    return card


def fsrs_id(state, user_id, question_id):
    """FSRS's id of a card (it seeds the interval fuzz): the one in its stored ``state``, else one of this learner
    and question, so that cards first reviewed at the same moment (an exam's) are not all fuzzed alike."""
    return (state or {}).get("card_id") or zlib.crc32(f"{user_id}:{question_id}".encode())


def replay_logs(logs, card_id, off_cap=frozenset()):
    """A card recomputed from its logs ``[(log_id, rating, when), ...]`` in time order (at least one): returns
    ``(fields, changes)``, the card's FSRS fields (``ReviewCard.FSRS_FIELDS`` but ``updated_at``) and each log's
    ``(log_id, stability, due, was_due)`` after it (a rating changed or a review arriving late moves the later
    ones too). Lapses are counted as ``ReviewCard.apply`` counts them. ``off_cap``: ids of logs of exam items left
    blank, reviewed as Again before blanks made no review: not against the daily cap, and no answer."""
    scheduler = get_scheduler()
    state, card, lapses, changes = None, None, 0, []
    for log_id, rating, when in logs:
        was_due = state is not None and Card.from_dict(state).due <= when and log_id not in off_cap
        lapses += is_lapse(state, rating)
        card = review(state, rating, when, scheduler, card_id)
        state = card.to_dict()
        changes.append((log_id, card.stability or 0, card.due, was_due))
    fields = {"state": state, "due": card.due, "stability": card.stability or 0, "difficulty": card.difficulty or 0,
              "last_review": card.last_review, "reps": len(logs), "lapses": lapses,
              "last_recalled": int(logs[-1][1]) != 1,
              "answered": any(log_id not in off_cap for log_id, _rating, _when in logs)}
    return fields, changes


def retrievability(stability, elapsed_days, scheduler=None):
    """FSRS-6 probability of recall after ``elapsed_days`` (fractional days; the DB uses the same formula)."""
    if not stability:
        return 0.0
    scheduler = scheduler or get_scheduler()
    return (1 + scheduler._FACTOR * max(elapsed_days, 0) / stability) ** scheduler._DECAY


def forgetting_curve_constants(scheduler=None):
    """``(factor, decay)`` of ``R = (1 + factor * t / S) ** decay``, for SQL expressions."""
    scheduler = scheduler or get_scheduler()
    return scheduler._FACTOR, scheduler._DECAY


def spread_over_days(due_per_day, cap, done_today=0):
    """Forecast the reviews shown on each day when at most ``cap`` are served a day.

    ``due_per_day[0]`` is everything due by the end of today (overdue
    included), ``due_per_day[i]`` what falls due on day ``i``. Whatever the cap
    leaves out on a day is carried to the next. Returns ``[(shown, carried)]``.
    """
    out = []
    backlog = 0
    for i, due in enumerate(due_per_day):
        waiting = backlog + due
        room = max(cap - (done_today if i == 0 else 0), 0)
        shown = min(waiting, room)
        backlog = waiting - shown
        out.append((shown, backlog))
    return out


def today_story(waiting, later, cap, done_today):
    """What the review page, the header's badge and the dashboard say of today, from ``due_today``'s counts:
    ``due`` (served now, within what is left of the cap), ``later_today`` (falls due later today and still fits
    in the cap), ``held_back`` (due by the end of today past the cap: from tomorrow on), of which
    ``held_back_now`` are due already. ``due + later_today + held_back`` is everything due by the end of today,
    as in the dashboard's forecast (``dashboard.today_story``)."""
    room = max(cap - done_today, 0)
    due = min(waiting, room)
    fits = min(waiting + later, room)
    return {"due": due, "later_today": fits - due, "held_back": waiting + later - fits,
            "held_back_now": waiting - due, "room": room}


@dataclass(frozen=True)
class Day:
    start: datetime
    end: datetime


def today_bounds(now=None):
    """Start and end of the learner's day (the active time zone) around ``now``, as aware datetimes."""
    now = now or timezone.now()
    local = timezone.localtime(now)
    start = local.replace(hour=0, minute=0, second=0, microsecond=0)
    return Day(start, start + timedelta(days=1))


# --- database ---------------------------------------------------------------


def _practice(item):
    return str(item.attempt.mode) != "exam"


def _note_rating(item, rating):
    """Copy the rating onto the attempt item (its ``rating`` field is the progress app's)."""
    item.rating = int(rating)
    type(item).objects.filter(pk=item.pk).update(rating=int(rating))


def record_answer(item, *, rating=None, now=None, first_answer=False):
    """Record the answered or graded ``AttemptItem`` as a review; returns its ``ReviewLog``.

    Safe to call more than once for the same item: the first call counts; a
    later call with a ``rating`` (practice, right answer) replaces the rating.
    An item without an answer (``answered_at`` None: an exam question left blank) makes no review and returns
    None: the learner never tried it, so it has no place in the review queue (its exam still counts it wrong).

    ``first_answer=True``: the caller has just stored the item's first answer in this transaction
    (the attempt locked), with ``item.rating`` already saved as ``rating_for(item.correct)``: no log
    of it can exist yet and its rating needs no second write (two queries fewer per practice answer).
    If a log does exist after all (the unique constraint says so), the full path runs.
    """
    if item.answered_at is None:
        return None
    now = now or timezone.now()
    practice = _practice(item)
    chosen = rating_for(bool(item.correct), rating, practice=practice)
    when = item.answered_at or now
    user_id = item.attempt.user_id
    trusted = first_answer and rating in (None, "") and item.rating == int(chosen)

    # Two first answers of one question racing (two tabs) both try to create the card; the loser's
    # savepoint rolls back on the unique constraint and it starts again from the winner's card.
    for tries_left in (1, 0):
        try:
            with transaction.atomic():
                return _record(item, chosen, rating, when, user_id, practice, first_answer=trusted)
        except IntegrityError:
            if not tries_left:
                raise
            trusted = False


def _record(item, chosen, rating, when, user_id, practice, *, first_answer=False):
    from .models import ReviewCard, ReviewLog

    card = ReviewCard.objects.lock_or_create(user_id, item.question_id)
    # An item's log belongs to the learner's card for its question: no card yet, no log to look for.
    existing = None
    if card.pk is not None and not first_answer:
        existing = ReviewLog.objects.filter(attempt_item_id=item.pk).first()
    if existing is not None:
        if rating in (None, "") or existing.rating == int(chosen):
            return existing
        existing.rating = int(chosen)
        existing.save(update_fields=["rating"])
        _note_rating(item, chosen)
        card.rebuild()
        return existing
    was_due = card.pk is not None and card.last_review is not None and card.due <= as_utc(when)
    card.apply(chosen, when)
    if not first_answer:
        _note_rating(item, chosen)
    return ReviewLog.objects.create(
        user_id=user_id,
        card=card,
        question_id=item.question_id,
        topic_id=card.topic_id,
        domain=card.domain,
        attempt_item_id=item.pk,
        mode=ReviewLog.Mode.PRACTICE if practice else ReviewLog.Mode.EXAM,
        rating=int(chosen),
        correct=bool(item.correct),
        was_due=was_due,
        reviewed_at=card.last_review,
        stability=card.stability,
        due=card.due,
    )


@dataclass
class PreparedReview:
    """A first answer's review, computed before the answer's write transaction (``prepare_first_review``)."""

    card: object  # the ReviewCard with the review applied, not saved
    version: tuple | None  # (updated_at, reps) of the card as read; None for a new card
    log: dict  # the ReviewLog's values ({attname: value}) but its card


def prepare_first_review(item, *, now=None):
    """Read the learner's card for ``item``'s question and compute the review its first answer makes.

    No writes: the practice answer calls this before its write transaction (SQLite serialises writers,
    so the card read and the FSRS computation stay out of the lock) and ``store_prepared_review`` inside.
    ``item`` carries its answer (``correct``, ``answered_at``) and its ``attempt``.
    """
    return prepare_review(item.attempt.user_id, item.question_id, item.pk, correct=bool(item.correct),
                          when=item.answered_at or now or timezone.now(), practice=_practice(item))


def prepare_review(user_id, question_id, item_id, *, correct, when, practice=True, prior=None):
    """``prepare_first_review`` from the answer's values (no ``AttemptItem`` needed): the first answer
    ``correct`` at ``when`` of the learner ``user_id`` to the question, as the attempt item ``item_id``.
    ``prior``: ``fastreads.card_and_topic``'s ``(card, topic_id, domain)`` when already read."""
    from quiz.fastreads import card_and_topic

    from .models import ReviewCard, ReviewLog

    chosen = rating_for(correct, None, practice=practice)
    card, topic_id, domain = prior or card_and_topic(user_id, question_id)
    if card is None:
        card = ReviewCard(user_id=user_id, question_id=question_id, topic_id=topic_id, domain=domain)
        version, was_due = None, False
    else:
        version = (card.updated_at, card.reps)
        was_due = card.last_review is not None and card.due <= as_utc(when)
    card.apply(chosen, when, save=False)
    log = {
        "user_id": user_id, "question_id": question_id, "topic_id": card.topic_id, "domain": card.domain,
        "attempt_item_id": item_id, "mode": ReviewLog.Mode.PRACTICE if practice else ReviewLog.Mode.EXAM,
        "rating": int(chosen), "correct": bool(correct), "was_due": was_due, "reviewed_at": card.last_review,
        "stability": card.stability, "due": card.due,
    }
    return PreparedReview(card=card, version=version, log=log)


def store_prepared_review(prepared):
    """Write a prepared first review (inside the answer's transaction). True if written.

    False, with nothing written, when the card changed since it was read (another answer or a rating
    of the same question in between), another request created it meanwhile, or the item has a log
    already: the caller then records the answer with ``record_answer`` (which locks the card).

    No savepoint: each write that may find its row taken goes first and skips a conflict (``ON CONFLICT
    DO NOTHING``) instead of raising; if the second write then cannot be made, the first one's row (which
    this call has just inserted) is deleted again.
    """
    from quiz.fastreads import delete_row, insert_instance, insert_values, update_row

    from .models import ReviewCard, ReviewLog

    card = prepared.card
    if prepared.version is None:
        if insert_instance(card, skip_conflict=True) is None:  # another request created the card
            return False
        if insert_values(ReviewLog, {**prepared.log, "card_id": card.pk}, skip_conflict=True) is None:
            delete_row(ReviewCard, card.pk)  # the item has its log already
            card.pk = None
            return False
        return True
    log_id = insert_values(ReviewLog, {**prepared.log, "card_id": card.pk}, skip_conflict=True)
    if log_id is None:  # the item has its log already
        return False
    updated_at, reps = prepared.version
    fields = {name: getattr(card, name) for name in ReviewCard.FSRS_FIELDS}
    if not update_row(ReviewCard, card.pk, fields, expect={"updated_at": updated_at, "reps": reps}):
        delete_row(ReviewLog, log_id)  # the card changed since it was read
        return False
    return True


def record_answers(items):
    """``record_answer`` for many items of one learner at once (a graded exam): a fixed number of queries.

    Items without an answer (left blank) and items already recorded are skipped; ratings are Again/Good
    (no learner rating in exams). Each review is dated at its item's answer. Returns the new ``ReviewLog`` rows.
    """
    items = [item for item in items if item.answered_at is not None]
    if not items:
        return []
    if len({item.attempt.user_id for item in items}) != 1:
        raise ValueError("record_answers takes the items of one learner.")
    for tries_left in (1, 0):
        try:
            with transaction.atomic():
                return _record_many(items)
        except IntegrityError:
            if not tries_left:
                raise


def _record_many(items):
    from quiz.models import Question

    from .models import ReviewCard, ReviewLog

    user_id = items[0].attempt.user_id
    recorded = set(
        ReviewLog.objects.filter(attempt_item_id__in=[item.pk for item in items])
        .values_list("attempt_item_id", flat=True)
    )
    todo = [item for item in items if item.pk not in recorded]
    if not todo:
        return []
    question_ids = {item.question_id for item in todo}
    cards = {
        card.question_id: card
        for card in ReviewCard.objects.select_for_update().filter(user_id=user_id, question_id__in=question_ids)
    }
    topics = {
        pk: (topic_id, domain)
        for pk, topic_id, domain in Question.objects.filter(pk__in=question_ids - cards.keys())
        .values_list("pk", "topic_id", "topic__domain")
    }
    new_cards, touched, logs, late = {}, {}, [], {}
    for item in sorted(todo, key=lambda i: (as_utc(i.answered_at), i.position)):
        practice = _practice(item)
        chosen = rating_for(bool(item.correct), None, practice=practice)
        when = item.answered_at
        card = cards.get(item.question_id) or new_cards.get(item.question_id)
        if card is None:
            topic_id, domain = topics[item.question_id]
            card = new_cards[item.question_id] = ReviewCard(
                user_id=user_id, question_id=item.question_id, topic_id=topic_id, domain=domain)
        elif card.pk is not None:
            touched[card.pk] = card
        was_due = card.last_review is not None and card.due <= as_utc(when)
        if card.last_review is not None and as_utc(when) < card.last_review:
            # older than the card's last review (an exam caught up after later practice): the log keeps its
            # own time and the card is replayed from its logs in order below
            late[card.pk] = card
        card.apply(chosen, when, save=False)
        item.rating = int(chosen)
        logs.append(ReviewLog(
            user_id=user_id, card=card, question_id=item.question_id, topic_id=card.topic_id,
            domain=card.domain, attempt_item_id=item.pk,
            mode=ReviewLog.Mode.PRACTICE if practice else ReviewLog.Mode.EXAM, rating=int(chosen),
            correct=bool(item.correct), was_due=was_due, reviewed_at=min(as_utc(when), card.last_review),
            stability=card.stability, due=card.due,
        ))
    ReviewCard.objects.bulk_create(list(new_cards.values()))
    if touched:
        ReviewCard.objects.bulk_update(list(touched.values()), ReviewCard.FSRS_FIELDS)
    for log in logs:
        log.card_id = log.card.pk
    created = ReviewLog.objects.bulk_create(logs)
    type(todo[0]).objects.bulk_update(todo, ["rating"])
    for card in late.values():
        card.rebuild()
    return created


def follow_topic_changes(question_ids):
    """Give the review cards and logs of ``question_ids`` their question's topic and domain again.

    Cards and logs copy them so mastery and the dashboard aggregate in the database; whatever moves a
    question to another topic (bank import, regeneration, the admin) calls this in the same transaction,
    or mastery would count the question under its old topic. Two UPDATEs, touching only rows that differ.
    """
    from django.db.models import F, OuterRef, Q, Subquery

    from quiz.models import Question

    from .models import ReviewCard, ReviewLog

    question_ids = list(question_ids)
    if not question_ids:
        return
    current = Question.objects.filter(pk=OuterRef("question_id"))
    # a log's question is its card's: logs are found through their cards (the log has no question index)
    for model, of_questions in ((ReviewCard, Q(question_id__in=question_ids)),
                                (ReviewLog, Q(card__question_id__in=question_ids))):
        (model.objects.filter(of_questions)
         .filter(~Q(topic_id=F("question__topic_id")) | ~Q(domain=F("question__topic__domain")))
         .update(topic_id=Subquery(current.values("topic_id")[:1]),
                 domain=Subquery(current.values("topic__domain")[:1])))


def drop_blank_exam_reviews(card_model, log_model, using="default", username=None, chunk=500):
    """Make the reviews stored before an exam item left blank made none follow that rule: delete the logs of such
    items (an exam log whose item has no ``answered_at``; a practice item is always answered, and a log whose item
    is gone cannot be told from a wrong answer, so it stays), delete the cards left with no log and replay the
    others from their remaining logs (``replay_logs``), as if the blanks had never been reviewed. Attempts, their
    items and scores, and every log of an answer stay. Idempotent: a second run finds nothing and writes nothing.

    Takes the models so that migration ``progress.0012`` can pass its historical ones (it uses none of their
    methods) and ``rebuild_review_cards`` the real ones (``username``: only that user's). A fixed number of
    queries per ``chunk`` of cards, each chunk in one transaction with its cards locked (an answer recorded
    meanwhile waits). Returns ``(logs deleted, cards deleted, cards replayed)``."""
    blank = log_model.objects.using(using).filter(
        mode="exam", attempt_item__isnull=False, attempt_item__answered_at__isnull=True)
    if username:
        blank = blank.filter(user__username=username)
    card_ids = sorted(set(blank.values_list("card_id", flat=True)))
    counts = [0, 0, 0]
    for start in range(0, len(card_ids), chunk):
        with transaction.atomic(using=using):
            cards = {pk: fsrs_id(state, user_id, question_id) for pk, user_id, question_id, state in
                     card_model.objects.using(using).select_for_update().filter(pk__in=card_ids[start:start + chunk])
                     .order_by("pk").values_list("pk", "user_id", "question_id", "state")}
            counts[0] += blank.filter(card_id__in=list(cards)).delete()[0]
            logs = {}
            for card_id, *log in (log_model.objects.using(using).filter(card_id__in=list(cards))
                                  .order_by("card_id", "reviewed_at", "pk")
                                  .values_list("card_id", "pk", "rating", "reviewed_at")):
                logs.setdefault(card_id, []).append(log)
            empty = [pk for pk in cards if pk not in logs]
            if empty:
                card_model.objects.using(using).filter(pk__in=empty).delete()
            card_rows, log_rows, now = [], [], timezone.now()
            for pk, card_logs in logs.items():
                fields, changes = replay_logs(card_logs, cards[pk])
                card_rows.append([pk, *fields.values(), now])
                log_rows += changes
            if card_rows:
                _update_rows(card_model, [*fields, "updated_at"], card_rows, using)
                _update_rows(log_model, ["stability", "due", "was_due"], log_rows, using)
            counts[1] += len(empty)
            counts[2] += len(card_rows)
    return tuple(counts)


def _update_rows(model, fields, rows, using):
    """UPDATE ``fields`` of many rows, each ``[pk, *values]``, in one ``executemany``: ``bulk_update`` builds a
    CASE expression per row and field, whose Python cost (about 0.5 ms each) made 13,000 replayed cards take 90 s."""
    from django.db import connections

    connection = connections[using]
    columns = [model._meta.get_field(name) for name in fields]
    quote = connection.ops.quote_name
    sql = (f"UPDATE {quote(model._meta.db_table)} SET {', '.join(f'{quote(f.column)} = %s' for f in columns)} "
           f"WHERE {quote(model._meta.pk.column)} = %s")
    with connection.cursor() as cursor:
        cursor.executemany(sql, [[field.get_db_prep_save(value, connection) for field, value in zip(columns, values)]
                                 + [pk] for pk, *values in rows])


def review_corrected_key(question_id, now=None):
    """An instructor corrected the question's key: every learner's card for it was scheduled by answers graded
    under the old one. A learner who chose the old key was told "right" and would not see the question again
    for days, having learnt a wrong answer; one who chose the new key took a lapse. Their cards fall due now (the
    FSRS state's due with them), so the question comes back with its corrected key and its next answer is
    scheduled from there; the logs stay as they were. Cards already due keep their place. Returns how many."""
    from .models import ReviewCard

    now = as_utc(now or timezone.now())
    cards = list(ReviewCard.objects.select_for_update().filter(question_id=question_id, due__gt=now)
                 .order_by("pk"))
    for card in cards:
        state = Card.from_dict(card.state) if card.state else None
        if state is not None:
            state.due = now
            card.state = state.to_dict()
        card.due = card.updated_at = now
    ReviewCard.objects.bulk_update(cards, ["state", "due", "updated_at"], batch_size=500)  # a class: one UPDATE
    return len(cards)


def reviews_done_today(user, now=None):
    """Reviews of due cards done today: what counts against the daily cap."""
    from .models import ReviewLog

    day = today_bounds(now)
    return ReviewLog.objects.filter(user=user, was_due=True, reviewed_at__gte=day.start,
                                    reviewed_at__lt=day.end).count()


def remaining_today(user, now=None):
    from .models import LearnerSettings

    return max(LearnerSettings.cap_for(user) - reviews_done_today(user, now), 0)


def due_questions(user, now=None, limit=None):
    """Questions due for ``user`` now, most overdue first, within what is left of today's cap.

    Retired questions are skipped, and so are those of an exam the learner has in progress (practice would
    show their keys; they come back once it is submitted or expires). Returns a list of ``Question``.
    """
    from quiz.models import Question
    from quiz.selection import in_open_exam

    from .models import ReviewCard

    now = now or timezone.now()
    room = due_summary(user, now)[0]
    if limit is not None:
        room = min(room, limit)
    if room <= 0:
        return []
    ids = list(
        ReviewCard.objects.filter(user=user, due__lte=now)
        .exclude(question__status=Question.Status.RETIRED)
        .exclude(question_id__in=in_open_exam(user, now))
        .order_by("due", "id")
        .values_list("question_id", flat=True)[:room]
    )
    by_id = Question.objects.select_related("topic").in_bulk(ids)
    return [by_id[i] for i in ids if i in by_id]


def _count(queryset, by="user_id"):
    """A correlated ``COUNT(*)`` of ``queryset`` (filtered on ``OuterRef("pk")`` as the user, or on ``by``)."""
    from django.db.models import Count, IntegerField, Subquery
    from django.db.models.functions import Coalesce

    counted = queryset.order_by().values(by).annotate(n=Count("id")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def due_summary(user, now=None):
    """``(due, cap, done_today)``: what the review queue serves now (within the cap), the cap, and
    the reviews of due cards already done today. One query."""
    waiting, cap, done = due_and_cap(user, now)
    return min(waiting, max(cap - done, 0)), cap, done


def due_and_cap(user, now=None):
    """``(waiting, cap, done_today)``: every card of a live question due now, whatever the cap (the review
    page says how many the cap holds back), the cap, and the reviews of due cards done today. One query."""
    return _due_row(user, now)


# A review set begun this long ago or less is resumed even when the learner's day changed since: one begun at
# 23:50 and continued at 00:05 is the same sitting, not a reason for a second set of the same questions.
RESUME_REVIEW_SET = timedelta(hours=12)


def resume_since(now):
    """The earliest start of a review set still resumed at ``now``: today's, or one begun within
    ``RESUME_REVIEW_SET``."""
    return min(today_bounds(now).start, now - RESUME_REVIEW_SET)


def unfinished_review_sets(user, now):
    """The learner's review sets (``origin="review"``) still in progress and begun today or within
    ``RESUME_REVIEW_SET``, with a question left: the review page resumes the latest rather than start another.
    ``user`` may be an ``OuterRef``."""
    from quiz.models import Attempt

    return (Attempt.objects.filter(user=user, origin="review", state=Attempt.State.IN_PROGRESS,
                                   started_at__gte=resume_since(now),
                                   items__answered_at__isnull=True)
            .order_by("-started_at"))


def due_today(user, now=None):
    """``(waiting, later, cap, done_today, in_exam, open_exams, left_in_set)``: ``due_and_cap`` and, in the same
    query, the cards of live questions falling due after ``now`` and before the end of the learner's day (the review
    page's "more later today"), the cards due by the end of the day that wait for an exam in progress (counted in
    neither: "N reviews wait until your exam ends"), how many exams in progress hold their questions, and the
    questions left in the review set the page would resume (``unfinished_review_sets``; 0 for none)."""
    return _due_row(user, now, later=True)


def _due_row(user, now=None, later=False):
    from django.contrib.auth import get_user_model
    from django.db.models import IntegerField, OuterRef, Subquery, Value
    from django.db.models.functions import Coalesce

    from quiz.models import Attempt, AttemptItem, Question
    from quiz.selection import in_open_exam

    from .models import LearnerSettings, ReviewCard, ReviewLog

    now = now or timezone.now()
    day = today_bounds(now)
    cards = ReviewCard.objects.filter(user=OuterRef("pk")).exclude(question__status=Question.Status.RETIRED)
    in_exam = in_open_exam(user, now)  # not served until the exam ends (``due_questions``): not counted as due
    live = cards.exclude(question_id__in=in_exam)
    counts = {"waiting": _count(live.filter(due__lte=now))}
    if later:
        counts["later"] = _count(live.filter(due__gt=now, due__lt=day.end))
    row = (
        get_user_model().objects.filter(pk=user.pk)
        .annotate(
            **counts,
            done=_count(ReviewLog.objects.filter(user=OuterRef("pk"), was_due=True, reviewed_at__gte=day.start,
                                                 reviewed_at__lt=day.end)),
            **({"in_exam": _count(cards.filter(due__lt=day.end, question_id__in=in_exam)),
                "open_exams": _count(Attempt.objects.filter(user=OuterRef("pk")).open_exams(now)),
                "left_in_set": _count(AttemptItem.objects.filter(
                    attempt_id=Subquery(unfinished_review_sets(OuterRef(OuterRef("pk")), now).values("pk")[:1]),
                    answered_at__isnull=True), by="attempt_id")} if later else {}),
            cap=Coalesce(
                Subquery(LearnerSettings.objects.filter(user=OuterRef("pk")).values("daily_review_cap")[:1],
                         output_field=IntegerField()),
                Value(LearnerSettings.DEFAULT_DAILY_CAP),
            ),
        )
        .values_list(*counts, "cap", "done", *(["in_exam", "open_exams", "left_in_set"] if later else []))
        .first()
    )
    return row or ((0,) * len(counts) + (LearnerSettings.DEFAULT_DAILY_CAP, 0) + ((0, 0, 0) if later else ()))


def due_count(user, now=None):
    """How many reviews the header shows: due now, within today's cap."""
    return due_summary(user, now)[0]


__all__ = [
    "RatingNotAllowed", "rating_for", "is_lapse", "review", "replay", "retrievability", "spread_over_days",
    "today_story",
    "record_answer", "record_answers", "prepare_first_review", "store_prepared_review", "due_questions", "due_count", "due_summary", "remaining_today",
    "reviews_done_today", "due_and_cap", "due_today", "follow_topic_changes",
]

"""An exam answer's write transaction as one statement, on PostgreSQL.

On PostgreSQL every statement is a round trip to the database server, and on the bench machine (two cores
shared by gunicorn, PostgreSQL and the load tool) a round trip costs about 0.11 ms of CPU even for
``SELECT 1`` (four extra ones took the exam answer from 768 to 655 requests/s). An exam answer's write
transaction was six: ``BEGIN``, the rate-limit upsert, the attempt's row lock, the item's ``UPDATE``, the
position's ``UPDATE``, ``COMMIT``. Here they are one statement with data-modifying CTEs, run in autocommit (a
statement is its own transaction)::

    WITH hit AS (INSERT INTO ratecounter ... ON CONFLICT ... DO UPDATE ... RETURNING hits),
         moved AS (UPDATE attempt SET position = ... FROM hit
                   WHERE id = ... AND hits <= limit AND state = 'in_progress' AND (deadline IS NULL OR deadline > now)
                   RETURNING 1),
         saved AS (UPDATE item SET ... WHERE id = ... AND EXISTS (SELECT 1 FROM moved))
    SELECT hits, EXISTS (SELECT 1 FROM moved) [, how many other items are answered] FROM hit

- The attempt's ``UPDATE`` takes the row lock the ``SELECT ... FOR UPDATE`` took, the one grading takes: an
  answer and a submission or expiry stay ordered. When a submission commits while the answer waits for that
  lock, PostgreSQL re-checks the ``WHERE`` on the row's new version (read committed): the state is no longer
  ``in_progress``, nothing is written. The item's ``UPDATE`` runs only once the attempt's has (it reads its
  ``RETURNING``), so the lock is taken first.
- The rate-limit hit is counted whether or not the answer is allowed, as ``ratelimit`` counts it.
- When the answer is not written (the attempt closed, past its deadline, gone, or the limit reached) the view
  takes the other path for what follows (the locked re-read, the expiry, the result page), as before.
- "n of N answered" (a save's reply) counts the other answered items in the statement's snapshot, taken
  before the lock: an answer another tab of the same exam commits in the same milliseconds may be missing
  from the count (the navigator shows it with the next panel). Nothing is graded from this count.

SQLite has no data-modifying CTEs, and its statements are calls into the process, not round trips: there the
view keeps its transaction. ``quiz/tests/test_views_exam.py`` runs on both databases.
"""

from django.db import DEFAULT_DB_ALIAS, connections

from studynotes import db, ratelimit
from studynotes.models import RateCounter

from .fastreads import per_thread, prepare_for_save
from .models import Attempt, AttemptItem

_statements = {}


def available(using=DEFAULT_DB_ALIAS):
    """True when the database takes an answer's writes as one statement (PostgreSQL)."""
    return connections[using].vendor == "postgresql"


class _NextItem:
    """The columns and loader of the item a move goes to, read in the answer's statement (table alias nx)."""

    def __init__(self, connection):
        from .fastreads import EXAM_ITEM_FIELDS, _Loader

        self.connection = connection
        self.item = _Loader(AttemptItem, "nx", connection, EXAM_ITEM_FIELDS)


def _statement(connection, fields, counting, next_item=None):
    key = (connection.alias, tuple(field.name for field in fields), counting, next_item is not None)
    sql = _statements.get(key)
    if sql is None:
        quote = connection.ops.quote_name
        attempts, items = quote(Attempt._meta.db_table), quote(AttemptItem._meta.db_table)
        hits = quote(RateCounter._meta.get_field("hits").column)
        parts = [
            f"hit AS ({ratelimit.upsert_sql(connection)})",
            f"moved AS (UPDATE {attempts} SET {quote('position')} = %s FROM hit"
            f" WHERE {attempts}.{quote('id')} = %s AND hit.{hits} <= %s AND {attempts}.{quote('state')} = %s"
            f" AND ({attempts}.{quote('deadline')} IS NULL OR {attempts}.{quote('deadline')} > %s) RETURNING 1)",
        ]
        if fields:
            assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
            parts.append(f"saved AS (UPDATE {items} SET {assignments}"
                         f" WHERE {quote('id')} = %s AND {quote('attempt_id')} = %s AND EXISTS (SELECT 1 FROM moved)"
                         f" RETURNING 1)")
        count = (f", (SELECT COUNT(*) FROM {items} WHERE {quote('attempt_id')} = %s"
                 f" AND {quote('answered_at')} IS NOT NULL AND {quote('id')} <> %s)") if counting else ""
        # the item moved to, read in the statement's snapshot (as a read before it would): the next panel
        join = (f", {next_item.item.columns} FROM hit LEFT JOIN {items} nx"
                f" ON nx.{quote('attempt_id')} = %s AND nx.{quote('position')} = %s") if next_item else " FROM hit"
        sql = _statements[key] = (
            f"WITH {', '.join(parts)} SELECT hit.{hits}, EXISTS (SELECT 1 FROM moved){count}{join}"
        )
    return sql


def save_exam_answer(request, attempt, item, changes, position, *, now, rate, counting=False,
                     using=DEFAULT_DB_ALIAS):
    """Count the answer against ``rate`` (``{"limit", "period"}`` of the ``answer`` group), and if it is
    within it and the attempt still takes answers at ``now``, write ``changes`` (from
    ``attempts.exam_answer_changes``) to ``item`` and move the attempt to ``position``: one statement.

    Returns ``(allowed, written, others_answered)``; ``others_answered`` (with ``counting``) is how many of
    the attempt's other items are answered, else None. ``item`` and ``attempt`` get the written values; when
    ``position`` is another item's, ``attempt.next_item`` is that item as ``fastreads.exam_item_at`` reads it
    (None: there is none), read in the same statement."""
    connection = connections[using]
    fields = [AttemptItem._meta.get_field(name) for name in changes]
    counter_key, window_start, limit = ratelimit.hit_values(
        f"answer:{ratelimit.client_key(request)}", rate["limit"], rate["period"])
    ops = connection.ops
    params = [counter_key, window_start, position, attempt.pk, limit, Attempt.State.IN_PROGRESS,
              ops.adapt_datetimefield_value(now)]
    if fields:
        params += prepare_for_save(fields, [changes[field.name] for field in fields], connection)
        params += [item.pk, attempt.pk]
    if counting:
        params += [attempt.pk, item.pk]
    next_item = per_thread(_NextItem, using) if position != item.position else None
    if next_item:
        params += [attempt.pk, position]
    row = db.run(connection, _statement(connection, fields, counting, next_item), params, db.ONE)
    hits, written = row[:2]
    ratelimit.counted(hits)
    if written:
        for name, value in changes.items():
            setattr(item, name, value)
        attempt.position = position
    if next_item:
        columns = row[-next_item.item.width:]
        attempt.next_item = None
        if columns[next_item.item.attnames.index("id")] is not None:
            attempt.next_item = next_item.item.load(columns, connection)
            attempt.next_item.attempt = attempt
    return hits <= limit, written, (row[2] if counting else None)


# --- practice answers ------------------------------------------------------------------------------------
#
# A practice answer's transaction was eight round trips (BEGIN, the rate-limit upsert, the attempt's row lock
# with the count of its other answered items, the item's UPDATE, the card's INSERT or UPDATE, the log's
# INSERT, the position's UPDATE, COMMIT). Here it is four: BEGIN, the hit with the lock (``lock_practice``),
# the writes as one statement (``store_practice_answer``), COMMIT. The writes keep the order and conditions
# of ``quiz.progress.reviews.store_prepared_review``: the card and its log are written only if the item was
# (it was not answered yet), the second of them only if the first was; when one of them cannot be, the
# locked path (``record_answer``) records the review, as it does there.
#
# The count of the attempt's other answered items (does this answer finish the set and grade it?) is read in
# the write statement, after the lock is held: a statement's snapshot is taken when it starts, so this count
# sees every answer committed by whoever held the lock before. (Read in the locking statement, as the
# transaction on other databases does, its snapshot would predate the wait: two last answers of one set sent
# at once from two tabs would each count the other as unanswered, and nobody would grade the set.)


def lock_practice(request, attempt, *, rate, using=DEFAULT_DB_ALIAS):
    """Inside ``transaction.atomic()``: count the answer against ``rate`` and lock the attempt's row (one
    statement). Returns ``(allowed, state, deadline)``, the attempt's fresh state and deadline (None, None:
    it is gone). Locked even when not allowed (nothing is written then)."""
    from .fastreads import _for

    connection = connections[using]
    key = (connection.alias, "practice-lock")
    sql = _statements.get(key)
    if sql is None:
        quote = connection.ops.quote_name
        hits = quote(RateCounter._meta.get_field("hits").column)
        sql = _statements[key] = (
            f"WITH hit AS ({ratelimit.upsert_sql(connection)}),"
            f" a AS (SELECT {quote('state')}, {quote('deadline')} FROM {quote(Attempt._meta.db_table)}"
            f" WHERE {quote('id')} = %s FOR UPDATE)"
            f" SELECT hit.{hits}, a.{quote('state')}, a.{quote('deadline')} FROM hit LEFT JOIN a ON TRUE"
        )
    counter_key, window_start, limit = ratelimit.hit_values(
        f"answer:{ratelimit.client_key(request)}", rate["limit"], rate["period"])
    hits, state, deadline = db.run(connection, sql, [counter_key, window_start, attempt.pk], db.ONE)
    ratelimit.counted(hits)
    return hits <= limit, state, (_for(using).deadline(deadline) if deadline is not None else None)


def _casts(fields, connection):
    return ", ".join(f"CAST(%s AS {field.cast_db_type(connection)})" for field in fields)


def _practice_statement(connection, new_card, log_names):
    from quiz.progress.models import ReviewCard, ReviewLog

    from .fastreads import _pre_saves

    key = (connection.alias, "practice-write", new_card, log_names)
    found = _statements.get(key)
    if found is not None:
        return found
    quote = connection.ops.quote_name
    meta = AttemptItem._meta
    items, attempts = quote(meta.db_table), quote(Attempt._meta.db_table)
    cards, logs = quote(ReviewCard._meta.db_table), quote(ReviewLog._meta.db_table)
    item_fields = [meta.get_field(name) for name in ("chosen", "correct", "answered_at", "rating")]
    log_fields = [ReviewLog._meta.get_field(name) for name in log_names]
    log_columns = ", ".join(quote(field.column) for field in log_fields)
    card_id = quote(ReviewLog._meta.get_field("card").column)
    parts = [
        f"saved AS (UPDATE {items} SET {', '.join(f'{quote(f.column)} = %s' for f in item_fields)}"
        f" WHERE {quote('id')} = %s AND {quote('attempt_id')} = %s AND {quote('answered_at')} IS NULL RETURNING 1)",
    ]
    if new_card:
        card_fields = [field for field, _custom in _pre_saves(ReviewCard)]
        parts += [
            f"card AS (INSERT INTO {cards} ({', '.join(quote(f.column) for f in card_fields)})"
            f" SELECT {_casts(card_fields, connection)} WHERE EXISTS (SELECT 1 FROM saved)"
            f" ON CONFLICT DO NOTHING RETURNING {quote('id')})",
            f"log AS (INSERT INTO {logs} ({log_columns}, {card_id})"
            f" SELECT {_casts(log_fields, connection)}, card.{quote('id')} FROM card"
            f" ON CONFLICT DO NOTHING RETURNING {quote('id')})",
        ]
    else:
        card_fields = [ReviewCard._meta.get_field(name) for name in ReviewCard.FSRS_FIELDS]
        parts += [
            f"log AS (INSERT INTO {logs} ({log_columns}, {card_id})"
            f" SELECT {_casts(log_fields, connection)}, CAST(%s AS {ReviewLog._meta.get_field('card').cast_db_type(connection)})"
            f" WHERE EXISTS (SELECT 1 FROM saved) ON CONFLICT DO NOTHING RETURNING {quote('id')})",
            f"card AS (UPDATE {cards} SET {', '.join(f'{quote(f.column)} = %s' for f in card_fields)}"
            f" WHERE {quote('id')} = %s AND {quote('updated_at')} = %s AND {quote('reps')} = %s"
            f" AND EXISTS (SELECT 1 FROM log) RETURNING {quote('id')})",
        ]
    parts.append(
        f"moved AS (UPDATE {attempts} SET {quote('position')} = %s WHERE {quote('id')} = %s"
        f" AND {quote('position')} <> %s AND EXISTS (SELECT 1 FROM saved) RETURNING 1)")
    sql = (
        f"WITH {', '.join(parts)} SELECT EXISTS (SELECT 1 FROM saved), (SELECT {quote('id')} FROM card),"
        f" (SELECT {quote('id')} FROM log), (SELECT COUNT(*) FROM {items} WHERE {quote('attempt_id')} = %s"
        f" AND {quote('answered_at')} IS NOT NULL AND {quote('id')} <> %s), (SELECT COUNT(*) FROM moved)"
    )
    found = _statements[key] = (sql, item_fields, card_fields, log_fields)
    return found


def store_practice_answer(attempt, item, answer, *, now, using=DEFAULT_DB_ALIAS):
    """``attempts.store_practice_answer`` on PostgreSQL (call inside ``transaction.atomic()`` after
    ``lock_practice`` found the attempt open): the item, its review card and log, and the position in one
    statement; the last answer grades the set. True if this call answered the item (False: another request
    did first)."""
    from quiz.progress.models import ReviewCard, ReviewLog

    from . import attempts
    from .fastreads import _pre_saves, delete_row

    connection = connections[using]
    review = answer.review
    card, new_card = review.card, review.version is None
    log_names = tuple(review.log)
    sql, item_fields, card_fields, log_fields = _practice_statement(connection, new_card, log_names)
    position = min(item.position + 1, max(attempt.item_count - 1, 0))
    params = prepare_for_save(item_fields, [answer.keys, answer.correct, now, answer.rating], connection)
    params += [item.pk, attempt.pk]
    log_params = prepare_for_save(log_fields, [review.log[name] for name in log_names], connection)
    if new_card:
        values = [field.pre_save(card, add=True) if custom else getattr(card, field.attname)
                  for field, custom in _pre_saves(ReviewCard)]
        params += prepare_for_save(card_fields, values, connection)
        params += log_params
    else:
        params += log_params + [card.pk]
        params += prepare_for_save(card_fields, [getattr(card, field.name) for field in card_fields], connection)
        updated_at, reps = review.version
        params += [card.pk, connection.ops.adapt_datetimefield_value(updated_at), reps]
    params += [position, attempt.pk, position, attempt.pk, item.pk]
    saved, card_id, log_id, others_answered, moved = db.run(connection, sql, params, db.ONE)
    if not saved:
        item.refresh_from_db()
        return False
    item.chosen, item.correct, item.answered_at, item.rating = answer.keys, answer.correct, now, answer.rating
    if moved:
        attempt.position = position
    if new_card and card_id is not None:
        card.pk = card_id
        card._state.adding, card._state.db = False, using
    if card_id is None or log_id is None:  # the card changed meanwhile, or the item has its log: the locked path
        if new_card and card_id is not None:
            delete_row(ReviewCard, card_id)
            card.pk = None
        elif not new_card and log_id is not None:
            delete_row(ReviewLog, log_id)
        attempts.record_answer(item, now, first_answer=True)
    if others_answered + 1 >= attempt.item_count:  # counted under the lock: this answer finishes the set
        attempts.grade(attempt, now=now)
    return True

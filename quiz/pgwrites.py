"""An exam answer's write transaction as one statement, on PostgreSQL.

On PostgreSQL every statement is a round trip to the database server, and on the bench machine (two cores
shared by gunicorn, PostgreSQL and the load tool) a round trip costs about 0.11 ms of CPU even for
``SELECT 1`` (four extra ones took the exam answer from 768 to 655 requests/s). An exam answer's write
transaction was six: ``BEGIN``, the rate-limit upsert, the attempt's row lock, the item's ``UPDATE``, the
position's ``UPDATE``, ``COMMIT``. Here they are one statement with data-modifying CTEs, run in autocommit (a
statement is its own transaction)::

    WITH hit AS (INSERT INTO ratecounter ... ON CONFLICT ... DO UPDATE ... RETURNING hits),
         moved AS (UPDATE attempt SET position = ..., deadline = (idle deadline moved on, if untimed) FROM hit
                   WHERE id = ... AND hits <= limit AND state = 'in_progress' AND (deadline IS NULL OR deadline > now)
                   RETURNING 1),
         saved AS (UPDATE item SET ... WHERE id = ... [AND question_version = ...]
                   AND EXISTS (SELECT 1 FROM moved) RETURNING 1)
    SELECT hits, EXISTS (SELECT 1 FROM moved) [, EXISTS (SELECT 1 FROM saved)]
           [, how many other items are answered] FROM hit

- The attempt's ``UPDATE`` takes the row lock the ``SELECT ... FOR UPDATE`` took, the one grading takes: an
  answer and a submission or expiry stay ordered. When a submission commits while the answer waits for that
  lock, PostgreSQL re-checks the ``WHERE`` on the row's new version (read committed): the state is no longer
  ``in_progress``, nothing is written. The item's ``UPDATE`` runs only once the attempt's has (it reads its
  ``RETURNING``), so the lock is taken first.
- A changed choice is written only on the question version it was checked against (``question_version``): an
  instructor's edit committed meanwhile fails the re-checked ``WHERE``, the item keeps what the edit gave it
  and the view asks the question again (``attempts.QuestionChanged``).
- The rate-limit hit is counted whether or not the answer is allowed, as ``ratelimit`` counts it.
- When the answer is not written (the attempt closed, past its deadline, gone, or the limit reached) the view
  takes the other path for what follows (the locked re-read, the expiry, the result page), as before.
- "n of N answered" (a save's reply) counts the other answered items in the statement's snapshot, taken
  before the lock: an answer another tab of the same exam commits in the same milliseconds may be missing
  from the count (the navigator shows it with the next panel). Nothing is graded from this count.

SQLite has no data-modifying CTEs, and its statements are calls into the process, not round trips: there the
view keeps its transaction. ``quiz/tests/test_views_exam.py`` runs on both databases.
"""

from django.db import DEFAULT_DB_ALIAS, connections, transaction

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


def _statement(connection, fields, counting, next_item=None, checked=False):
    key = (connection.alias, tuple(field.name for field in fields), counting, next_item is not None, checked)
    sql = _statements.get(key)
    if sql is None:
        quote = connection.ops.quote_name
        attempts, items = quote(Attempt._meta.db_table), quote(AttemptItem._meta.db_table)
        hits = quote(RateCounter._meta.get_field("hits").column)
        parts = [
            f"hit AS ({ratelimit.upsert_sql(connection)})",
            # an exam without a time limit was active now: its idle deadline moves on (``attempts.move_to``)
            f"moved AS (UPDATE {attempts} SET {quote('position')} = %s, {quote('deadline')} = CASE WHEN"
            f" {attempts}.{quote('ends_when_idle')} THEN %s ELSE {attempts}.{quote('deadline')} END FROM hit"
            f" WHERE {attempts}.{quote('id')} = %s AND hit.{hits} <= %s AND {attempts}.{quote('state')} = %s"
            f" AND ({attempts}.{quote('deadline')} IS NULL OR {attempts}.{quote('deadline')} > %s) RETURNING 1)",
        ]
        if fields:
            assignments = ", ".join(f"{quote(field.column)} = %s" for field in fields)
            # ``checked``: only on the question version the choice was checked against. An edit committed
            # while this waited for the row is seen: PostgreSQL re-checks the WHERE on the row's newest version.
            version = f" AND {quote('question_version')} = %s" if checked else ""
            parts.append(f"saved AS (UPDATE {items} SET {assignments}"
                         f" WHERE {quote('id')} = %s AND {quote('attempt_id')} = %s{version}"
                         f" AND EXISTS (SELECT 1 FROM moved) RETURNING 1)")
        count = (f", (SELECT COUNT(*) FROM {items} WHERE {quote('attempt_id')} = %s"
                 f" AND {quote('answered_at')} IS NOT NULL AND {quote('id')} <> %s)") if counting else ""
        # the item moved to, read in the statement's snapshot (as a read before it would): the next panel
        join = (f", {next_item.item.columns} FROM hit LEFT JOIN {items} nx"
                f" ON nx.{quote('attempt_id')} = %s AND nx.{quote('position')} = %s") if next_item else " FROM hit"
        saved = ", EXISTS (SELECT 1 FROM saved)" if checked else ""
        sql = _statements[key] = (
            f"WITH {', '.join(parts)} SELECT hit.{hits}, EXISTS (SELECT 1 FROM moved){saved}{count}{join}"
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
    (None: there is none), read in the same statement. Raises ``attempts.QuestionChanged`` (``item`` re-read;
    the attempt was moved to ``position``, the item not written) when a changed choice meets another version
    of the question than the one it was checked against (``attempts.exam_write_condition``)."""
    from . import attempts

    connection = connections[using]
    fields = [AttemptItem._meta.get_field(name) for name in changes]
    condition = attempts.exam_write_condition(item, changes)
    counter_key, window_start, limit = ratelimit.hit_values(
        f"answer:{ratelimit.client_key(request)}", rate["limit"], rate["period"])
    ops = connection.ops
    fresh_deadline = attempts.idle_deadline(now)
    params = [counter_key, window_start, position, ops.adapt_datetimefield_value(fresh_deadline), attempt.pk,
              limit, Attempt.State.IN_PROGRESS, ops.adapt_datetimefield_value(now)]
    if fields:
        params += prepare_for_save(fields, [changes[field.name] for field in fields], connection)
        params += [item.pk, attempt.pk]
        if condition:
            params.append(condition["question_version"])
    if counting:
        params += [attempt.pk, item.pk]
    next_item = per_thread(_NextItem, using) if position != item.position else None
    if next_item:
        params += [attempt.pk, position]
    sql = _statement(connection, fields, counting, next_item, checked=bool(condition))
    row = db.run(connection, sql, params, db.ONE)
    hits, written = row[:2]
    ratelimit.counted(hits)
    if condition:
        saved, row = row[2], row[:2] + row[3:]  # the further columns where an unchecked statement has them
        if written and not saved:
            attempt.position = position
            item.refresh_from_db()
            raise attempts.QuestionChanged()
    if written:
        for name, value in changes.items():
            setattr(item, name, value)
        attempt.position = position
        if attempt.ends_when_idle:
            attempt.deadline = fresh_deadline
    if next_item:
        columns = row[-next_item.item.width:]
        attempt.next_item = None
        if columns[next_item.item.attnames.index("id")] is not None:
            attempt.next_item = next_item.item.load(columns, connection)
            attempt.next_item.attempt = attempt
    return hits <= limit, written, (row[2] if counting else None)


# --- practice answers ------------------------------------------------------------------------------------
#
# A practice answer was eight round trips (BEGIN, the rate-limit upsert, the attempt's row lock with the count
# of its other answered items, the item's UPDATE, the card's INSERT or UPDATE, the log's INSERT, the position's
# UPDATE, COMMIT), then four (BEGIN, the hit with the lock, the writes, COMMIT). Here it is one statement in
# autocommit, as the exam answer is: the hit, the attempt's row (its lock, the position, and the count of its
# answered items, ``Attempt.answered_count``), the item, the card and its log. The writes keep the order and
# conditions of ``quiz.progress.reviews.store_prepared_review``: the item only once the attempt's row is
# locked and found open, the card and its log only if the item was written (it was not answered yet), the
# second of them only if the first was; when one of them cannot be, the locked path (``record_answer``)
# records the review afterwards, as it does there.
#
# Does this answer finish the set (and grade it)? A statement's snapshot is taken when it starts, before any
# wait for the attempt's lock: two last answers of one set sent at once from two tabs would each count the
# other's item as unanswered, and nobody would grade the set. The count kept on the attempt's row does not
# have that blind spot: the attempt's UPDATE adds one to the row's newest version once it holds the lock
# (PostgreSQL re-reads a row updated while it waited), so whichever answer locks second sees the first's.
# When either count says the set is done, grading locks the attempt and counts the items themselves
# (``finish_if_done``): a count too high (two tabs answering one item both add one) costs that check, never a
# grade too early.


def _casts(fields, connection):
    return ", ".join(f"CAST(%s AS {field.cast_db_type(connection)})" for field in fields)


def _practice_statement(connection, new_card, log_names):
    from quiz.progress.models import ReviewCard, ReviewLog

    from .fastreads import _pre_saves

    key = (connection.alias, "practice-answer", new_card, log_names)
    found = _statements.get(key)
    if found is not None:
        return found
    quote = connection.ops.quote_name
    meta = AttemptItem._meta
    items, attempts = quote(meta.db_table), quote(Attempt._meta.db_table)
    cards, logs = quote(ReviewCard._meta.db_table), quote(ReviewLog._meta.db_table)
    hits = quote(RateCounter._meta.get_field("hits").column)
    count = quote(Attempt._meta.get_field("answered_count").column)
    item_fields = [meta.get_field(name) for name in ("chosen", "correct", "answered_at", "rating")]
    log_fields = [ReviewLog._meta.get_field(name) for name in log_names]
    log_columns = ", ".join(quote(field.column) for field in log_fields)
    card_id = quote(ReviewLog._meta.get_field("card").column)
    parts = [
        f"hit AS ({ratelimit.upsert_sql(connection)})",
        f"moved AS (UPDATE {attempts} SET {quote('position')} = %s, {count} = {attempts}.{count} + 1 FROM hit"
        f" WHERE {attempts}.{quote('id')} = %s AND hit.{hits} <= %s AND {attempts}.{quote('state')} = %s"
        f" AND ({attempts}.{quote('deadline')} IS NULL OR {attempts}.{quote('deadline')} > %s)"
        f" RETURNING {attempts}.{count})",
        f"saved AS (UPDATE {items} SET {', '.join(f'{quote(f.column)} = %s' for f in item_fields)}"
        f" WHERE {quote('id')} = %s AND {quote('attempt_id')} = %s AND {quote('answered_at')} IS NULL"
        f" AND {quote(meta.get_field('question_version').column)} = %s AND EXISTS (SELECT 1 FROM moved) RETURNING 1)",
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
    sql = (
        f"WITH {', '.join(parts)} SELECT hit.{hits}, (SELECT {count} FROM moved), EXISTS (SELECT 1 FROM saved),"
        f" (SELECT {quote('id')} FROM card), (SELECT {quote('id')} FROM log),"
        f" (SELECT COUNT(*) FROM {items} WHERE {quote('attempt_id')} = %s AND {quote('answered_at')} IS NOT NULL"
        f" AND {quote('id')} <> %s) FROM hit"
    )
    found = _statements[key] = (sql, item_fields, card_fields, log_fields)
    return found


STORED, ANSWERED_BEFORE, NOT_OPEN = "stored", "answered before", "not open"


def answer_practice(request, attempt, item, answer, *, now, rate, using=DEFAULT_DB_ALIAS):
    """Count a prepared practice answer (``attempts.prepare_practice_answer``) against ``rate`` (``{"limit",
    "period"}`` of the ``answer`` group) and, if within it and the set still takes answers at ``now``, store
    it: the item, its review card and log, the attempt's position and count; one statement, outside any
    transaction. The last answer grades the set.

    Returns ``(allowed, outcome)``: ``STORED``; ``ANSWERED_BEFORE`` (another request answered the item first:
    ``item`` is re-read); ``NOT_OPEN`` (nothing written: the set is closed, past its deadline or gone, or the
    limit is reached; the caller's locked transaction finds out which). Raises ``attempts.QuestionChanged``
    (``item`` re-read) when the item holds another version of its question than the one the answer was checked
    against (an instructor's edit came in between): nothing of the answer is written."""
    from quiz.progress.models import ReviewCard, ReviewLog

    from . import attempts
    from .fastreads import _pre_saves, delete_row

    connection = connections[using]
    review = answer.review
    card, new_card = review.card, review.version is None
    log_names = tuple(review.log)
    sql, item_fields, card_fields, log_fields = _practice_statement(connection, new_card, log_names)
    position = min(item.position + 1, max(attempt.item_count - 1, 0))
    counter_key, window_start, limit = ratelimit.hit_values(
        f"answer:{ratelimit.client_key(request)}", rate["limit"], rate["period"])
    params = [counter_key, window_start, position, attempt.pk, limit, Attempt.State.IN_PROGRESS,
              connection.ops.adapt_datetimefield_value(now)]
    params += prepare_for_save(item_fields, [answer.keys, answer.correct, now, answer.rating], connection)
    params += [item.pk, attempt.pk, item.question_version]
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
    params += [attempt.pk, item.pk]
    hits, counted_answers, saved, card_id, log_id, others_answered = db.run(connection, sql, params, db.ONE)
    ratelimit.counted(hits)
    if counted_answers is None:
        return hits <= limit, NOT_OPEN
    attempt.position = position
    if not saved:
        item.refresh_from_db()
        if item.answered_at is None:  # not answered: an instructor's edit gave the item another version meanwhile
            raise attempts.QuestionChanged()
        return True, ANSWERED_BEFORE
    item.chosen, item.correct, item.answered_at, item.rating = answer.keys, answer.correct, now, answer.rating
    if new_card and card_id is not None:
        card.pk = card_id
        card._state.adding, card._state.db = False, using
    if card_id is None or log_id is None:  # the card changed meanwhile, or the item has its log: the locked path
        # (the answer is stored already; what the statement half wrote and the review made again go together)
        with transaction.atomic():
            if new_card and card_id is not None:
                delete_row(ReviewCard, card_id)
                card.pk = None
            elif not new_card and log_id is not None:
                # the card's lock first, as every review takes it: a replay of the card's logs (an exam graded
                # late, a changed rating) holds the card and updates each log, this one too (a deadlock)
                ReviewCard.objects.select_for_update().filter(pk=card.pk).exists()
                delete_row(ReviewLog, log_id)
            item.attempt = attempt
            attempts.record_answer(item, now, first_answer=True)
    if max(counted_answers, others_answered + 1) >= attempt.item_count:
        attempts.finish_if_done(attempt, now=now)
    return True, STORED

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

from .fastreads import prepare_for_save
from .models import Attempt, AttemptItem

_statements = {}


def available(using=DEFAULT_DB_ALIAS):
    """True when the database takes an answer's writes as one statement (PostgreSQL)."""
    return connections[using].vendor == "postgresql"


def _statement(connection, fields, counting):
    key = (connection.alias, tuple(field.name for field in fields), counting)
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
        sql = _statements[key] = (
            f"WITH {', '.join(parts)} SELECT hit.{hits}, EXISTS (SELECT 1 FROM moved){count} FROM hit"
        )
    return sql


def save_exam_answer(request, attempt, item, changes, position, *, now, rate, counting=False,
                     using=DEFAULT_DB_ALIAS):
    """Count the answer against ``rate`` (``{"limit", "period"}`` of the ``answer`` group), and if it is
    within it and the attempt still takes answers at ``now``, write ``changes`` (from
    ``attempts.exam_answer_changes``) to ``item`` and move the attempt to ``position``: one statement.

    Returns ``(allowed, written, others_answered)``; ``others_answered`` (with ``counting``) is how many of
    the attempt's other items are answered, else None. ``item`` and ``attempt`` get the written values."""
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
    hits, written, *others = db.run(connection, _statement(connection, fields, counting), params, db.ONE)
    ratelimit.counted(hits)
    if written:
        for name, value in changes.items():
            setattr(item, name, value)
        attempt.position = position
    return hits <= limit, written, (others[0] if counting else None)

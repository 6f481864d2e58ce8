"""One written-out statement on a connection, without Django's per-statement cursor wrapper.

The hot requests (a practice answer runs about a dozen statements, the session and user reads come first on
every page) send SQL written out once (``quiz.fastreads``, ``studynotes.sessions``, ``studynotes.ratelimit``).
Through ``connection.cursor()`` each statement also paid Django's cursor wrapper: a ``CursorWrapper``
object, the health-check and thread checks, the error-wrapping context entered twice, the
closing context manager: about 10 µs of Python a statement against 5-7 µs to create the database cursor,
run the statement and fetch. ``run`` does the same steps once each: the health check and connection as
``connection.cursor()`` does them, the thread-sharing and broken-transaction checks, the database's errors
turned into Django's (``wrap_database_errors``), the cursor closed afterwards.

Whenever something observes statements (``connection.queries_logged``: DEBUG, ``CaptureQueriesContext``
in the tests; or an ``execute_wrapper`` is installed), it goes through ``connection.cursor()`` as before,
so query logs, counts and wrappers see every statement.
"""

from operator import attrgetter, methodcaller

from django.utils.asyncio import async_unsafe

ALL = methodcaller("fetchall")
ONE = methodcaller("fetchone")
ROWCOUNT = attrgetter("rowcount")


def lastrowid_if_inserted(cursor):
    """The new row's id (SQLite without RETURNING), or None when no row was inserted (a skipped conflict)."""
    return cursor.lastrowid if cursor.rowcount else None


@async_unsafe
def run(connection, sql, params, result=ALL):
    """``with connection.cursor() as c: c.execute(sql, params); return result(c)``, with less overhead."""
    if connection.queries_logged or connection.execute_wrappers:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return result(cursor)
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    connection.validate_no_broken_transaction()
    with connection.wrap_database_errors:
        cursor = connection.create_cursor()
        try:
            cursor.execute(sql, params)
            return result(cursor)
        finally:
            try:
                cursor.close()
            except connection.Database.Error:  # as CursorWrapper.__exit__: a failing close is not an error
                pass

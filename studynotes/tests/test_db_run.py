"""studynotes.db.run: one statement with less overhead, the same results, errors and observers."""

import pytest
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.db.transaction import TransactionManagementError
from django.test.utils import CaptureQueriesContext

from studynotes import db
from studynotes.models import RateCounter

pytestmark = pytest.mark.django_db(transaction=True)


def _connection():
    return connections[DEFAULT_DB_ALIAS]


def _table():
    return _connection().ops.quote_name(RateCounter._meta.db_table)


def test_results_are_what_a_django_cursor_gives():
    connection = _connection()
    RateCounter.objects.create(key="a", window_start=1, hits=2)
    sql = f"SELECT {connection.ops.quote_name('key')}, hits FROM {_table()} WHERE window_start = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, [1])
        expected = cursor.fetchall()
    assert db.run(connection, sql, [1]) == expected == [("a", 2)]
    assert db.run(connection, sql, [1], db.ONE) == ("a", 2)
    assert db.run(connection, f"UPDATE {_table()} SET hits = hits + 1 WHERE window_start = %s", [1], db.ROWCOUNT) == 1
    assert RateCounter.objects.get(key="a").hits == 3


def test_database_errors_are_djangos_and_a_broken_transaction_is_refused():
    connection = _connection()
    RateCounter.objects.create(key="a", window_start=1, hits=1)
    insert = f"INSERT INTO {_table()} ({connection.ops.quote_name('key')}, window_start, hits) VALUES (%s, %s, %s)"
    with pytest.raises(IntegrityError):
        db.run(connection, insert, ["a", 2, 1], db.ROWCOUNT)
    with transaction.atomic():
        with pytest.raises(IntegrityError):
            with transaction.atomic():  # a savepoint: the outer block stays usable
                db.run(connection, insert, ["a", 2, 1], db.ROWCOUNT)
        assert db.run(connection, f"SELECT COUNT(*) FROM {_table()}", [], db.ONE) == (1,)
    with transaction.atomic():
        transaction.set_rollback(True)  # as after an error the block did not handle
        with pytest.raises(TransactionManagementError):
            db.run(connection, f"SELECT COUNT(*) FROM {_table()}", [], db.ONE)


def test_logged_and_wrapped_statements_go_through_djangos_cursor():
    connection = _connection()
    sql = f"SELECT COUNT(*) FROM {_table()} WHERE hits > %s"
    with CaptureQueriesContext(connection) as queries:
        db.run(connection, sql, [0], db.ONE)
    assert len(queries) == 1 and "COUNT(*)" in queries[0]["sql"]
    seen = []

    def wrapper(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(wrapper):
        db.run(connection, sql, [0], db.ONE)
    assert seen == [sql]

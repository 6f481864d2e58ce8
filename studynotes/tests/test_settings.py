import pytest
from django.db import connection


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(db):
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20000


def test_postgresql_prepares_a_statement_a_connection_runs_again(db):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only")
    with connection.cursor() as cursor:
        for _ in range(3):  # prepared once run prepare_threshold (2) times
            cursor.execute("SELECT %s::int + 1", [41])
            assert cursor.fetchone()[0] == 42
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement = %s", ["SELECT $1::int + 1"])
        assert cursor.fetchone()[0] == 1

from django.db import connection


def test_the_database_connection_is_tuned_for_its_engine(db):
    """SQLite: WAL and a busy timeout (writers wait instead of failing). PostgreSQL: a statement a
    connection runs again is prepared (PG_PREPARED_STATEMENTS, on by default)."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA busy_timeout")
            assert cursor.fetchone()[0] == 20000
            cursor.execute("PRAGMA journal_mode")
            assert cursor.fetchone()[0] in {"wal", "memory"}  # an in-memory test database cannot use WAL
            return
        assert connection.vendor == "postgresql"
        for _ in range(3):  # prepared once run prepare_threshold (2) times
            cursor.execute("SELECT %s::int + 1", [41])
            assert cursor.fetchone()[0] == 42
        cursor.execute("SELECT count(*) FROM pg_prepared_statements WHERE statement = %s", ["SELECT $1::int + 1"])
        assert cursor.fetchone()[0] == 1

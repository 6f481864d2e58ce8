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


def test_migrate_creates_the_database_cache_table_itself(db):
    # import_notes reads the cache: on a database given only `migrate`, every file failed with
    # "no such table: kumo_cache" until someone ran createcachetable.
    from importlib import import_module
    from types import SimpleNamespace

    from django.conf import settings

    table = settings.CACHES["default"]["LOCATION"]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {connection.ops.quote_name(table)}")
    assert table not in connection.introspection.table_names()
    migration = import_module("studynotes.migrations.0007_cache_table")
    migration.create_cache_table(None, SimpleNamespace(connection=connection))
    assert table in connection.introspection.table_names()

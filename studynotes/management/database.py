"""What a management command says when the database cannot serve it: one line and exit status 1, no traceback.

``manage.py export_questions`` before ``manage.py migrate`` (a fresh clone, a new ``DATABASE_URL``) or against a
database that cannot be opened is something the operator must fix, so it is a ``CommandError`` like any other.
``--traceback`` still shows where it came from (the database error is its cause).
"""

from contextlib import contextmanager

from django.core.management.base import CommandError
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor


@contextmanager
def database_errors():
    """Turn a database error raised in the block into a ``CommandError`` that says what to do."""
    try:
        yield
    except DatabaseError as exc:
        raise CommandError(explain(exc)) from exc


def explain(exc):
    """The one line an operator reads for ``exc``: run ``migrate`` when migrations are not applied yet."""
    try:
        executor = MigrationExecutor(connection)
        unapplied = executor.migration_plan(executor.loader.graph.leaf_nodes())
    except DatabaseError:
        return f"Cannot use the database: {exc}"
    if unapplied:
        return (f"The database is not set up ({len(unapplied)} migrations not applied): "
                f"run `manage.py migrate` first. ({exc})")
    return f"Database error: {exc}"

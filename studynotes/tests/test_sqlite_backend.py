"""The SQLite backend's writer queue (studynotes/sqlite/base.py).

The suite's own SQLite databases live in memory (no lock, no thread), so these tests open
file databases of their own through the backend, as gunicorn workers do.
"""

import fcntl
import os
import threading

import pytest
from django.db import connection, connections

from studynotes.sqlite import base as backend

pytestmark = pytest.mark.sqlite_only


@pytest.fixture
def open_db(tmp_path, django_db_blocker):
    """Open connections of the app's backend to one file database (closed at the end). Not the test
    database: pytest-django's blocker is lifted for these connections only."""
    opened = []
    path = tmp_path / "app.sqlite3"

    def open_one():
        wrapper = backend.DatabaseWrapper({**connection.settings_dict, "NAME": str(path)}, alias=f"file{len(opened)}")
        opened.append(wrapper)
        return wrapper

    with django_db_blocker.unblock():
        yield open_one
        for wrapper in opened:
            wrapper.close()


def begin(wrapper):
    """What ``transaction.atomic`` does on entering its outermost block."""
    wrapper.set_autocommit(False, force_begin_transaction_with_broken_autocommit=True)


def end(wrapper, commit=True):
    """What ``transaction.atomic`` does on leaving it."""
    wrapper.commit() if commit else wrapper.rollback()
    wrapper.set_autocommit(True)


def lock_is_free(path):
    fd = os.open(f"{path}-writer.lock", os.O_RDWR | os.O_CREAT)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    finally:
        os.close(fd)  # also drops the lock if it was taken
    return True


def test_settings_use_the_backend_for_sqlite(db):
    assert connection.settings_dict["ENGINE"] == "studynotes.sqlite"
    assert isinstance(connections["default"], backend.DatabaseWrapper)


def test_a_transaction_holds_the_writer_lock_until_commit_or_rollback(open_db):
    app = open_db()
    path = app.settings_dict["NAME"]
    app.cursor().execute("CREATE TABLE t (n INTEGER)")
    assert lock_is_free(path)  # a single autocommit statement takes no queue lock

    begin(app)
    app.cursor().execute("INSERT INTO t VALUES (1)")
    assert not lock_is_free(path)
    end(app)
    assert lock_is_free(path)

    begin(app)
    app.cursor().execute("INSERT INTO t VALUES (2)")
    end(app, commit=False)
    assert lock_is_free(path)
    assert app.cursor().execute("SELECT n FROM t").fetchall() == [(1,)]

    begin(app)
    app.close()  # a connection closed inside its transaction (a worker's error path) lets go too
    assert lock_is_free(path)


def test_a_second_writer_waits_in_the_queue_then_commits(open_db):
    first, second = open_db(), open_db()
    first.cursor().execute("CREATE TABLE t (n INTEGER)")
    second.inc_thread_sharing()  # used from the writer thread below
    begin(first)
    first.cursor().execute("INSERT INTO t VALUES (1)")
    order, errors = [], []

    def write():
        try:
            begin(second)  # blocks in flock until `first` commits
            order.append("second began")
            second.cursor().execute("INSERT INTO t VALUES (2)")
            end(second)
        except Exception as error:  # reported below, not lost in the thread
            errors.append(error)

    writer = threading.Thread(target=write)
    writer.start()
    writer.join(0.3)  # give it time to begin, if it (wrongly) could
    assert order == [], "the second writer began while the first held the lock"
    order.append("first commits")
    end(first)
    writer.join(10)
    second.dec_thread_sharing()
    assert errors == []
    assert order == ["first commits", "second began"]
    assert first.cursor().execute("SELECT n FROM t ORDER BY n").fetchall() == [(1,), (2,)]


@pytest.mark.parametrize("every, bounded", [(5, True), (10**6, False)])
def test_commits_checkpoint_the_log_so_it_starts_over(open_db, monkeypatch, every, bounded):
    # Scaled down: a look every 5 commits, a log of 50 frames is long. 100 commits of about ten
    # pages each write 1,000+ frames; checkpointed, the log starts over and stays short. The control
    # (no look in a million commits, below the backstop) shows the log would have grown.
    monkeypatch.setattr(backend, "CHECKPOINT_EVERY", every)
    monkeypatch.setattr(backend, "CHECKPOINT_FRAMES", 50)
    app = open_db()
    path = app.settings_dict["NAME"]
    app.cursor().execute("CREATE TABLE t (data BLOB)")
    wal_sizes = []
    for _ in range(100):
        begin(app)
        app.cursor().execute("INSERT INTO t VALUES (zeroblob(40000))")
        end(app)
        wal_sizes.append(os.path.getsize(f"{path}-wal"))
    frames = max(wal_sizes) // 4120  # 24-byte frame header + a 4 KiB page
    assert app.cursor().execute("SELECT count(*) FROM t").fetchone()[0] == 100
    if bounded:
        assert frames < 300
    else:
        assert frames > 1000


def test_placeholders_are_converted_as_djangos_cursor_converts_them_once_per_text(monkeypatch):
    from django.db.backends.sqlite3.base import SQLiteCursorWrapper as Stock

    from studynotes.sqlite import base as backend

    monkeypatch.setattr(backend, "_converted", {})
    cursor = object.__new__(backend.SQLiteCursorWrapper)  # convert_query uses no cursor state
    stock = object.__new__(Stock)
    for query in ("SELECT %s, '%%' WHERE a = %s", "SELECT 1", "UPDATE t SET a = %s WHERE b LIKE '%%x'"):
        assert cursor.convert_query(query) == stock.convert_query(query)
        assert cursor.convert_query(query) == stock.convert_query(query)  # from the table
    assert len(backend._converted) == 3
    named = "SELECT %(a)s"
    assert cursor.convert_query(named, param_names=["a"]) == stock.convert_query(named, param_names=["a"]) == "SELECT :a"
    monkeypatch.setattr(backend, "_CONVERTED_MAX", 3)
    cursor.convert_query("SELECT %s + 1")
    assert list(backend._converted) == ["SELECT %s + 1"]  # started over when full

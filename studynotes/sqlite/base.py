"""SQLite for several app processes: writers queue in the kernel, checkpoints run outside the queue.

Every transaction here starts with ``BEGIN IMMEDIATE`` (settings), so two writers
never deadlock; but a writer that finds the write lock taken waits in SQLite's busy
handler, which sleeps 1, 2, 5, 10 ... ms between tries. An answer holds the lock
for about half a millisecond, so with two gunicorn workers answering, the waiting
one slept longer than it had to wait and its core idled (15-19 % of the CPU stayed
idle in the practice-answer bench; ``docs/PERFORMANCE.md``, fourth pass).

**The writer queue.** This backend takes an exclusive ``flock`` on
``<database>-writer.lock`` before ``BEGIN`` and drops it after ``COMMIT`` or
``ROLLBACK`` (or when the connection closes); the kernel wakes the next writer the
moment it is released. Each connection has its own descriptor, so threads and
processes queue alike, and a process that dies holding the lock releases it with
its descriptors. A writer that does not take it (a single autocommit statement,
another program such as the ``sqlite3`` shell) still meets SQLite's own lock and
busy timeout, as before. A transaction waits in the queue as long as the ones
before it take (SQLite's 20 s busy timeout no longer bounds that wait); under
gunicorn a worker stuck past its timeout is restarted, which releases its place.

**Checkpoints.** SQLite copies the write-ahead log into the database file from
inside the ``COMMIT`` that takes the log past ``wal_autocheckpoint`` frames, and
that ``COMMIT`` returns only afterwards: with the queue, every other writer would
wait for the copy too. So that threshold is raised to a backstop here, and the
connection runs the same PASSIVE checkpoint itself right after it has left the
queue (``_checkpoint_after_commit``). Durability is unchanged: in WAL mode with
``synchronous=NORMAL`` a commit is never synced by itself, only at checkpoints, and
a committed transaction survives a crash of the process either way.

In-memory databases (the test suite's default) take no lock and run no checkpoint
of their own.
"""

import fcntl
import os

from django.db.backends.sqlite3 import base

CHECKPOINT_EVERY = 50  # commits of one connection between two looks at the log
CHECKPOINT_FRAMES = 1_000  # SQLite's own wal_autocheckpoint default
BACKSTOP_FRAMES = 10_000  # SQLite checkpoints inside COMMIT past this (one huge transaction, an import)

# ``SQLiteCursorWrapper.convert_query`` turns Django's ``%s`` placeholders into SQLite's ``?`` with a regular
# expression on every statement (about 2 µs); the same few hundred statement texts come again and again, so
# each is converted once per process. Texts with values in them (IN lists of varying length) would fill the
# table: it starts over past ``_CONVERTED_MAX`` entries.
_CONVERTED_MAX = 4096
_converted = {}


class SQLiteCursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query, *, param_names=None):
        if param_names is not None:  # pyformat style (names): not cached
            return super().convert_query(query, param_names=param_names)
        converted = _converted.get(query)
        if converted is None:
            if len(_converted) >= _CONVERTED_MAX:
                _converted.clear()
            converted = _converted[query] = super().convert_query(query)
        return converted


class DatabaseWrapper(base.DatabaseWrapper):
    _path = None  # the database file; None in memory (no lock, no checkpoints of our own)
    _writer_fd = None
    _writer_locked = False
    _commits = 0
    _checkpoint_due = False

    def get_new_connection(self, conn_params):
        conn = super().get_new_connection(conn_params)
        name = str(self.settings_dict["NAME"] or "")
        self._path = None if not name or self.is_in_memory_db() else name
        if self._path is not None:
            conn.execute(f"PRAGMA wal_autocheckpoint={BACKSTOP_FRAMES}")
        return conn

    def create_cursor(self, name=None):
        return self.connection.cursor(factory=SQLiteCursorWrapper)

    # --- the writer queue

    def _acquire_writer_lock(self):
        if self._path is None:
            return
        if self._writer_fd is None:
            self._writer_fd = os.open(f"{self._path}-writer.lock", os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        fcntl.flock(self._writer_fd, fcntl.LOCK_EX)
        self._writer_locked = True

    def _release_writer_lock(self):
        if self._writer_locked:
            self._writer_locked = False
            fcntl.flock(self._writer_fd, fcntl.LOCK_UN)

    def _start_transaction_under_autocommit(self):
        self._acquire_writer_lock()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_writer_lock()
            raise

    def _commit(self):
        try:
            super()._commit()
        finally:
            queued = self._writer_locked
            self._release_writer_lock()
        if queued:
            self._checkpoint_after_commit()

    def _rollback(self):
        try:
            super()._rollback()
        finally:
            self._release_writer_lock()

    def _close(self):
        try:
            super()._close()
        finally:
            self._release_writer_lock()
            if self._writer_fd is not None:
                os.close(self._writer_fd)
                self._writer_fd = None

    # --- checkpoints, outside the queue

    def _checkpoint_after_commit(self):
        """Copy the log into the database file now and then, after the lock is released.

        Every ``CHECKPOINT_EVERY`` commits this connection runs a PASSIVE checkpoint (it
        waits for no one). While the log is still ``CHECKPOINT_FRAMES`` frames or more
        afterwards (other writers appended meanwhile, so no writer could start it over), it
        checkpoints after each of its commits until the log has started over. A failed
        checkpoint never fails the committed transaction; the next commit tries again.
        """
        self._commits += 1
        if not (self._checkpoint_due or self._commits % CHECKPOINT_EVERY == 0):
            return
        try:
            _busy, log, _done = self.connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
        except base.Database.Error:
            self._checkpoint_due = True
            return
        self._checkpoint_due = log >= CHECKPOINT_FRAMES

"""PostgreSQL with a health check that costs no round trip while the connection is quiet.

Django checks a reused connection at the start of every request (``CONN_HEALTH_CHECKS``) by sending
``SELECT 1`` and waiting for the answer. On the two shared cores of the load bench that round trip cost
about 4 % of an answer's throughput (``docs/PERFORMANCE.md``, seventh pass), for a question the kernel can
answer without the server: a connection that sits idle between requests receives nothing, unless the
server is closing it (a restart, ``pg_terminate_backend``, an idle timeout: PostgreSQL sends its FATAL
message and closes the socket) or has something unasked to say (a notice).

So ``is_usable`` first asks the kernel whether anything is waiting on the socket:

- nothing: the server has not closed the connection or said anything since the last request, so the
  connection is usable as far as ``SELECT 1`` could tell; no round trip;
- anything (data or end of file), or a connection psycopg already knows to be closed or broken: Django's
  own check runs (``SELECT 1``), which reads what arrived and decides; a closed connection is replaced
  before the request's first statement, as before.

What neither check can see is the same: a server that vanished without closing the socket (a host power
cut, a network cut) makes ``SELECT 1`` wait for the TCP timeout too.

It also reads ``timestamptz`` columns with psycopg's C loader. Django registers its own loader for them, a
subclass of psycopg's pure-Python one that sets each value's ``tzinfo`` to the connection's time zone: about
5 % of a practice answer's CPU went to it (a practice answer reads eight timestamps). When that time zone is
UTC (``settings.TIME_ZONE`` "UTC", the default, and no ``TIME_ZONE`` on the database), psycopg's C loader on a
connection whose session time zone is UTC (Django sets it) returns the very same values, ``tzinfo`` being
``datetime.timezone.utc``; it is registered in Django's place (``studynotes/tests/test_postgresql_backend.py``
compares the two). Any other time zone, or psycopg without its C implementation, keeps Django's loader.
"""

import datetime
import select

from django.db.backends.postgresql import base


def _c_timestamptz_loader():
    """psycopg's C ``timestamptz`` text loader, or None (pure-Python psycopg)."""
    from psycopg import adapters, pq

    if pq.__impl__ not in ("c", "binary"):
        return None
    loader = adapters.get_loader(adapters.types["timestamptz"].oid, pq.Format.TEXT)
    return loader if loader.__module__.startswith(("psycopg_binary", "psycopg_c")) else None


_C_LOADER = _c_timestamptz_loader()


class DatabaseWrapper(base.DatabaseWrapper):
    @property
    def c_timestamps(self):
        """True when this connection reads ``timestamptz`` with psycopg's C loader (see the module's doc)."""
        return _C_LOADER is not None and self.timezone is datetime.timezone.utc

    def get_connection_params(self):
        params = super().get_connection_params()
        if self.c_timestamps and "context" in params:
            from psycopg.adapt import AdaptersMap

            context = params["context"] = AdaptersMap(params["context"])
            context.register_loader("timestamptz", _C_LOADER)
        return params

    def create_cursor(self, name=None):
        """Django's, without its per-cursor check of the ``timestamptz`` loader's time zone (the C loader has
        no ``timezone`` attribute; registered only for UTC, which the connection's session uses)."""
        if not self.c_timestamps:
            return super().create_cursor(name)
        if not name:
            return self.connection.cursor()
        if self.settings_dict["OPTIONS"].get("server_side_binding") is not True:
            return base.ServerSideCursor(self.connection, name=name, scrollable=False,
                                         withhold=self.connection.autocommit)
        return self.connection.cursor(name, scrollable=False, withhold=self.connection.autocommit)

    def is_usable(self):
        conn = self.connection
        if conn is None or conn.closed or conn.broken:
            return False
        try:
            poller = select.poll()
            poller.register(conn.pgconn.socket, select.POLLIN | select.POLLPRI)
            waiting = poller.poll(0)
        except (OSError, ValueError, self.Database.Error):
            waiting = True
        if not waiting:
            return True
        return super().is_usable()

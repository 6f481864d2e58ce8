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
"""

import select

from django.db.backends.postgresql import base


class DatabaseWrapper(base.DatabaseWrapper):
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

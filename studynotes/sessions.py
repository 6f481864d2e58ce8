"""Sessions in the database (``django.contrib.sessions``' ``db`` engine) with a cheaper read.

Every logged-in request loads its session. The stock engine builds that read
with the ORM (``Session.objects.get(...)``): compiling the query costs about
five times what running it does on an indexed primary key. This engine reads
the same row of the same table with one prepared statement and otherwise
behaves exactly like the ``db`` engine (same table, same encoding, same
writes), so switching engines keeps everyone logged in, and the sessions stay
in the shared database that every app server reads (issue 8, part 5).

``settings.SESSION_ENGINE = "studynotes.sessions"``.
"""

from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import connections, router
from django.utils import timezone

from studynotes import db


_READS = {}  # (session model, database vendor): the read's SQL text, written once


class SessionStore(DatabaseSessionStore):
    def _session_data(self):
        """The stored, still valid ``session_data`` of this key, or None."""
        if not self.session_key:  # None or rejected by the key validation: nothing to look up
            return None
        model = self.model
        connection = connections[router.db_for_read(model)]
        ops = connection.ops
        sql = _READS.get((model, connection.vendor))
        if sql is None:
            sql = _READS[(model, connection.vendor)] = (
                "SELECT {data} FROM {table} WHERE {key} = %s AND {expires} > %s".format(
                    data=ops.quote_name("session_data"),
                    table=ops.quote_name(model._meta.db_table),
                    key=ops.quote_name("session_key"),
                    expires=ops.quote_name("expire_date"),
                ))
        row = db.run(connection, sql, [self.session_key, ops.adapt_datetimefield_value(timezone.now())], db.ONE)
        return row[0] if row else None

    def load(self):
        data = self._session_data()
        if data is None:
            self._session_key = None
            return {}
        decoded = _decoded.get(data)
        if decoded is None:
            decoded = self.decode(data)
            if decoded and all(type(value) in _SCALARS for value in decoded.values()):
                if len(_decoded) >= DECODED_MAX:
                    _decoded.clear()
                _decoded[data] = decoded
            else:
                return decoded
        return dict(decoded)  # a copy: the request may change its session


# Decoding a session (base64, zlib, its HMAC checked, JSON) is about 20 µs on every logged-in request, for the
# same few stored strings again and again (a session's data changes only when something is written to it).
# The decoded result of a stored string is kept per process, keyed by that exact string: the row is still
# read on every request (a deleted or expired session is gone at once, logging out anywhere revokes it),
# only the decoding of a string this process has decoded and verified before is skipped. Only sessions of
# plain values (strings, numbers: the login's user id, backend and hash) are kept, so the copy handed out
# shares nothing mutable; it starts over past ``DECODED_MAX`` strings.
DECODED_MAX = 10_000
_SCALARS = (str, int, float, bool, type(None))
_decoded = {}

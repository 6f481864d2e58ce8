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


class SessionStore(DatabaseSessionStore):
    def _session_data(self):
        """The stored, still valid ``session_data`` of this key, or None."""
        if not self.session_key:  # None or rejected by the key validation: nothing to look up
            return None
        model = self.model
        connection = connections[router.db_for_read(model)]
        ops = connection.ops
        sql = "SELECT {data} FROM {table} WHERE {key} = %s AND {expires} > %s".format(
            data=ops.quote_name("session_data"),
            table=ops.quote_name(model._meta.db_table),
            key=ops.quote_name("session_key"),
            expires=ops.quote_name("expire_date"),
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [self.session_key, ops.adapt_datetimefield_value(timezone.now())])
            row = cursor.fetchone()
        return row[0] if row else None

    def load(self):
        data = self._session_data()
        if data is None:
            self._session_key = None
            return {}
        return self.decode(data)

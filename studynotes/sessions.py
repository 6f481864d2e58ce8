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

from contextvars import ContextVar

from django.contrib.auth import BACKEND_SESSION_KEY, SESSION_KEY
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

    joined_user = None  # (user id, user or None): the user read with the session (see _owners below)

    def _session_data_and_user(self):
        """``_session_data()``; and when an earlier request told this process whose session this is, that
        user read in the same statement, kept in ``self.joined_user`` (``AuthenticationMiddleware`` hands it
        to ``RoleAwareBackend.get_user``)."""
        user_id = _owners.get(self.session_key) if self.session_key else None
        if user_id is None or connections[router.db_for_read(self.model)].vendor not in JOINED_VENDORS:
            return self._session_data()
        from quiz.fastreads import session_and_user

        from .roles import INSTRUCTOR_GROUP

        data, user = session_and_user(self.model, self.session_key, timezone.now(), user_id, INSTRUCTOR_GROUP,
                                      using=router.db_for_read(self.model))
        self.joined_user = (user_id, user)
        return data

    def save(self, must_create=False):
        super().save(must_create=must_create)
        _learn_owner(self.session_key, self._session)  # a login: its next request joins the user already

    def load(self):
        self.joined_user = None
        data = self._session_data_and_user()
        if data is None:
            self._session_key = None
            return {}
        decoded = _decoded.get(data)
        if decoded is None:
            decoded = _as_joining_backend(self.decode(data))
            _learn_owner(self.session_key, decoded)
            if decoded and all(type(value) in _SCALARS for value in decoded.values()):
                if len(_decoded) >= DECODED_MAX:
                    _decoded.clear()
                _decoded[data] = decoded
            else:
                return decoded
        elif self.session_key not in _owners:  # decoded before, its owner since forgotten (or another key's)
            _learn_owner(self.session_key, decoded)
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


# Whose session is whose, per process: {session key: the user id its data holds}, learnt when a session is
# decoded. A session key belongs to one user for its whole life (Django gives the session a new key at login
# and at logout), so once known, the next request of that session reads the session row and the user row in
# one statement instead of two (``quiz.fastreads.session_and_user``): one round trip less on every logged-in
# request. It is a hint, not state: the user is still read from the database on every request, in that same
# statement; a process that does not know a session (a new worker, another app server) reads as before and
# learns it; a wrong hint (it cannot be, but) only costs the user's own query, since ``get_user`` takes the
# joined user only for the id the session holds.
_owners = {}
JOINED_VENDORS = {"postgresql", "sqlite"}

# The user read with the session of the request being authenticated: ``(user id, user or None)`` or None. Set by
# ``studynotes.middleware.AuthenticationMiddleware`` only while it loads the request's user, so a value never
# reaches another request or any other caller of ``get_user``.
joined_user = ContextVar("joined_user", default=None)


# Only the backend that takes the joined user (``get_user``) is worth the join: a session logged in through
# another backend would read its user twice.
JOINED_BACKENDS = {"quiz.instructor.access.RoleAwareBackend"}
# ``ModelBackend`` logged in the sign-up's sessions until the sign-up used the login form's backend, and such a
# session lives on until it expires. ``RoleAwareBackend`` is a ModelBackend (the same users, the same checks),
# so the session is read as one of its logins: joined with its user, it follows the account's time zone too
# (``studynotes.timezones``) and costs no query more than any other (the row keeps ModelBackend's name until the
# session is next written).
SAME_LOGIN = {"django.contrib.auth.backends.ModelBackend": "quiz.instructor.access.RoleAwareBackend"}


def _as_joining_backend(data):
    backend = SAME_LOGIN.get(data.get(BACKEND_SESSION_KEY))
    if backend is not None:
        data[BACKEND_SESSION_KEY] = backend
    return data


def _learn_owner(session_key, data):
    if not session_key:
        return
    owner = _user_pk(data.get(SESSION_KEY)) if data.get(BACKEND_SESSION_KEY) in JOINED_BACKENDS else None
    if owner is None:
        _owners.pop(session_key, None)
    elif _owners.get(session_key) != owner:
        if len(_owners) >= DECODED_MAX:
            _owners.clear()
        _owners[session_key] = owner


def _user_pk(value):
    """The user id a session holds (stored as a string) as the user model's primary key, or None."""
    if value is None:
        return None
    from django.contrib.auth import get_user_model
    from django.core.exceptions import ValidationError

    try:
        return get_user_model()._meta.pk.to_python(value)
    except ValidationError:
        return None


def take_joined_user(user_id):
    """``(True, user)`` when the user ``user_id`` was read with the session being authenticated (user None:
    there is no such user); ``(False, None)``: read it yourself."""
    value = joined_user.get()
    if value is None or value[0] != user_id:
        return False, None
    return True, value[1]

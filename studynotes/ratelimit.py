"""A small fixed-window rate limiter on a table every app server shares.

Counters live in ``studynotes.RateCounter`` (one row per key: the window it counts and its
hits), so every app server behind a load balancer counts against the same numbers. A hit is
one statement, an upsert that starts a new window or adds one to the current one and returns
the count (``INSERT … ON CONFLICT … DO UPDATE … RETURNING`` on SQLite and PostgreSQL): exact
under races, and no cache-table scan (the database cache counted its whole table on every
write).

Use the helper where the key is not simply "this user on this endpoint"::

    from studynotes.ratelimit import ratelimit

    if not ratelimit(f"login:{username}", limit=10, period=60):
        ...  # refuse, and write nothing

``allowed(request, group, limit, period)`` inside a view (the answer views call it inside their
write transaction, so the count shares it), or the decorator on a view (checked only for the listed
methods)::

    from studynotes.ratelimit import rate_limited

    @rate_limited("answer", limit=60, period=60)
    def answer(request, ...): ...

A refused request gets status 429 with a short translated message.
``settings.RATELIMIT_MULTIPLIER`` (default 1) scales every limit: the load
benchmark raises it so the limiter still runs (and costs what it costs) but
never trips.
"""

import functools
import random
import time

from django.conf import settings
from django.http import HttpResponse
from django.utils.translation import gettext as _

_UPSERT = {}


def upsert_sql(connection):
    """The counting statement for this database (built once per vendor); its parameters are ``hit_values``'
    key and window start. A statement of its own in ``ratelimit``; the exam answer's one statement on
    PostgreSQL (``quiz.pgwrites``) embeds it as a CTE."""
    if connection.vendor not in _UPSERT:
        from .models import RateCounter

        quote = connection.ops.quote_name
        table = quote(RateCounter._meta.db_table)
        key, start, hits = (quote(RateCounter._meta.get_field(name).column) for name in ("key", "window_start", "hits"))
        _UPSERT[connection.vendor] = (
            f"INSERT INTO {table} ({key}, {start}, {hits}) VALUES (%s, %s, 1)"
            f" ON CONFLICT ({key}) DO UPDATE SET"
            f" {hits} = CASE WHEN {table}.{start} = excluded.{start} THEN {table}.{hits} + 1 ELSE 1 END,"
            f" {start} = excluded.{start}"
            f" RETURNING {hits}"
        )
    return _UPSERT[connection.vendor]


def ratelimit(key, limit, period, *, now=None):
    """Count one hit on ``key``; True if it is within ``limit`` hits per ``period`` seconds.

    Fixed windows of ``period`` seconds. The hit is counted whether or not it
    is allowed, so hammering a closed door does not reopen it early.
    """
    from django.db import DEFAULT_DB_ALIAS, connections

    from studynotes import db

    connection = connections[DEFAULT_DB_ALIAS]  # the wrapper itself, not the proxy (a lookup per attribute)
    now = time.time() if now is None else now
    counter_key, window_start, limit = hit_values(key, limit, period, now)
    (count,) = db.run(connection, upsert_sql(connection), [counter_key, window_start], db.ONE)
    counted(count, now)
    return count <= limit


def hit_values(key, limit, period, now=None):
    """``(counter key, window start, limit)`` of a hit on ``key`` at ``now`` (seconds since the epoch; default:
    this moment): the upsert's two parameters, and the limit its count is held to (``RATELIMIT_MULTIPLIER``
    applied)."""
    now = time.time() if now is None else now
    return f"{key}:{period}"[:255], int(now // period) * period, limit * getattr(settings, "RATELIMIT_MULTIPLIER", 1)


def counted(count, now=None):
    """After an upsert returned ``count``: a new window's first hit purges old counters now and then."""
    if count == 1 and random.random() < PURGE_CHANCE:
        purge(now)


def refund(key, period, *, now=None):
    """Take back one hit counted on ``key`` in the current window (a login that turned out right). One UPDATE."""
    from django.db.models import F

    from .models import RateCounter

    now = time.time() if now is None else now
    window_start = int(now // period) * period
    RateCounter.objects.filter(key=f"{key}:{period}"[:255], window_start=window_start, hits__gt=0).update(
        hits=F("hits") - 1)


# Counters of keys nobody has hit for a day are deleted now and then (a new window's first hit
# purges with this chance), so keys made up by a client (user names tried at login) do not pile up.
PURGE_CHANCE = 0.01
PURGE_AFTER = 86_400  # longer than any period in use (the longest is an hour)


def purge(now=None):
    """Delete counters whose window started more than ``PURGE_AFTER`` seconds ago; the number deleted."""
    from .models import RateCounter

    now = time.time() if now is None else now
    deleted, _ = RateCounter.objects.filter(window_start__lt=int(now) - PURGE_AFTER).delete()
    return deleted


def client_ip(request):
    """The client's address, also behind load balancers.

    With ``settings.TRUSTED_PROXY_COUNT = n`` (n proxies of ours in front of the
    app, each appending to ``X-Forwarded-For``) the address is the n-th entry
    from the right: the one our outermost proxy saw. Entries further left are
    whatever the client sent and are never trusted. With 0 (the default, no
    proxy) it is ``REMOTE_ADDR``.
    """
    trusted = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    if trusted > 0:
        hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if h.strip()]
        if len(hops) >= trusted:
            return hops[-trusted]
    return request.META.get("REMOTE_ADDR", "")


def client_key(request):
    """Who is asking: the user when logged in, else the client address."""
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{client_ip(request)}"


def too_many_requests():
    response = HttpResponse(
        _("Too many requests. Please wait a moment and try again."),
        status=429,
        content_type="text/plain; charset=utf-8",
    )
    return response


def allowed(request, group, limit, period, *, key=client_key):
    """Count this request against ``group``'s limit for its client; True if it is within it.

    For views that check inside their own write transaction (the answer views): the counter's
    write then rides on that transaction instead of committing one of its own.
    """
    return ratelimit(f"{group}:{key(request)}", limit, period)


def rate_limited(group, limit, period, *, methods=("POST",), key=client_key):
    """View decorator: at most ``limit`` requests per ``period`` seconds per client for ``group``.

    ``key`` is a function of the request (default: the user, else the address).
    Only ``methods`` are counted; other methods pass untouched.
    """

    def decorator(view):
        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method in methods and not allowed(request, group, limit, period, key=key):
                return too_many_requests()
            return view(request, *args, **kwargs)

        wrapper.rate_limit = (group, limit, period)
        return wrapper

    return decorator

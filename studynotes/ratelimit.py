"""A small fixed-window rate limiter on Django's cache.

The cache is the database cache (``settings.CACHES``), so every app server
behind a load balancer counts against the same numbers. Counting is
approximate under heavy races (a read then a write, like the database cache's
own ``incr``), which is fine for a limiter: it may let a few extra requests
through, never block a legitimate one early. Each call costs the same two cache
operations (a SELECT, then a small write transaction).

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
import time

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import gettext as _

KEY_PREFIX = "rl"


def _window_key(key, period, now):
    return f"{KEY_PREFIX}:{key}:{period}:{int(now // period)}"


def ratelimit(key, limit, period, *, now=None):
    """Count one hit on ``key``; True if it is within ``limit`` hits per ``period`` seconds.

    Fixed windows of ``period`` seconds. The hit is counted whether or not it
    is allowed, so hammering a closed door does not reopen it early.
    """
    limit = limit * getattr(settings, "RATELIMIT_MULTIPLIER", 1)
    now = time.time() if now is None else now
    cache_key = _window_key(key, period, now)
    # A get and a set, whether or not the key exists: the same queries every time (query-count
    # tests stay stable); the key outlives its window a little, for clock skew between servers.
    count = (cache.get(cache_key) or 0) + 1
    cache.set(cache_key, count, timeout=period + 5)
    return count <= limit


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

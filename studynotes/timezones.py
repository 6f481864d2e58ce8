"""A learner's own time zone: their day (the daily review cap, "due today", streaks) and every time shown.

Kept in the session under ``SESSION_KEY`` (set at login from the learner's settings, and when they change
them), so activating it costs no query: ``TimeZoneMiddleware`` reads the session every signed-in request
loads anyway. Without one, the site's ``TIME_ZONE`` applies.

A zone chosen on another device reaches this session on its next request: the row that brings the request's
user also brings the account's zone and offer answer (``account_time_zone``, ``quiz.fastreads``), and a
session whose copy differs takes the account's (written once, with the session). Nearly always that row came
with the session itself (``studynotes.sessions``); on a process's first request of a session it is the user's
own read, made before the view instead of during it.
"""

import functools
import zoneinfo

from django.contrib import auth
from django.utils import timezone

SESSION_KEY = "kumo_tz"
# The learner declined the offer of their device's zone (``offer`` below); kept in ``LearnerSettings`` too and
# copied into the session at login, as the zone is.
OFFER_DISMISSED_KEY = "kumo_tz_offer_dismissed"

# Offered in the settings form (any valid IANA name is accepted): where the notes' learners are, then a few
# others. Names, not offsets: daylight saving time is the zone database's business.
CHOICES = [
    "Asia/Tokyo", "Asia/Seoul", "UTC", "Asia/Shanghai", "Asia/Taipei", "Asia/Singapore", "Asia/Kolkata",
    "Australia/Sydney", "Europe/London", "Europe/Berlin", "America/New_York", "America/Chicago",
    "America/Los_Angeles",
]


@functools.lru_cache(maxsize=1)
def _available():
    return frozenset(zoneinfo.available_timezones())


def valid(name):
    return not name or name in _available()


@functools.lru_cache(maxsize=64)
def zone(name):
    return zoneinfo.ZoneInfo(name)


def remember(request, name):
    """Use ``name`` ("" or None: the site's) for this session from the next request on, and for this one."""
    if name and valid(name):
        request.session[SESSION_KEY] = name
        timezone.activate(zone(name))
    else:
        request.session.pop(SESSION_KEY, None)
        timezone.deactivate()


def offer(request):
    """The zone in use (the site's) when a signed-in learner has none of their own and has not declined the
    offer of their device's: only the browser knows that zone, so the page carries the offer hidden and
    ``static/js/app.js`` shows it when the device's zone differs (``templates/_time_zone_offer.html``); else "".
    No query: the session is the one this request loaded for its user (none is read without a session cookie)."""
    from django.conf import settings

    if settings.SESSION_COOKIE_NAME not in request.COOKIES or not request.user.is_authenticated:
        return ""
    session = request.session
    if session.get(SESSION_KEY) or session.get(OFFER_DISMISSED_KEY):
        return ""
    return timezone.get_current_timezone_name()


class TimeZoneMiddleware:
    """Activates the session's time zone (after the session middleware). A request without a session cookie
    is not made to read (or vary on) the session."""

    def __init__(self, get_response):
        self.get_response = get_response
        from django.conf import settings

        self.cookie = settings.SESSION_COOKIE_NAME

    def __call__(self, request):
        name = None
        if self.cookie in request.COOKIES:
            session = request.session
            name = session.get(SESSION_KEY)
            if session.get(auth.SESSION_KEY):  # signed in: the user came with the session (no query), or
                name = follow_account(request, name)  # a worker's first request reads it now, not in the view
        if name and valid(name):  # set or cleared on every request: nothing carries over to the next one
            timezone.activate(zone(name))
        else:
            timezone.deactivate()
        return self.get_response(request)  # (a streamed export still renders in this zone)


def follow_account(request, name):
    """The account's zone when the request's user was read with it (``account_time_zone``), copied into the
    session (with the offer answer) where the session's copy ``name`` is out of date; else ``name``."""
    account = getattr(request.user, "account_time_zone", None)
    if account is None:
        return name
    zone_name, dismissed = account
    session = request.session
    if (name or "") != zone_name:
        if zone_name:
            session[SESSION_KEY] = zone_name
        else:
            session.pop(SESSION_KEY, None)
    if bool(session.get(OFFER_DISMISSED_KEY)) != dismissed:
        if dismissed:
            session[OFFER_DISMISSED_KEY] = True
        else:
            session.pop(OFFER_DISMISSED_KEY, None)
    return zone_name

"""Content-Security-Policy (scripts and styles come from our own static files only), the authentication
middleware that takes the user read with the session, and the site's page for a 405.

CSP:

No inline ``<script>``, no ``on*=`` handlers, no ``style="..."`` attributes:
templates keep JavaScript in ``static/js/`` and styling in ``static/css/``.
htmx works under this policy because its indicator styles are switched off
(``<meta name="htmx-config">`` in ``base.html``) and no template uses ``hx-on``.
"""

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import SESSION_KEY
from django.contrib.auth.middleware import AuthenticationMiddleware as DjangoAuthenticationMiddleware
from django.utils.functional import SimpleLazyObject

DEFAULT_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


class ContentSecurityPolicyMiddleware:
    header = "Content-Security-Policy"

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "CONTENT_SECURITY_POLICY", DEFAULT_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.policy and self.header not in response:
            response[self.header] = self.policy
        return response


class AuthenticationMiddleware(DjangoAuthenticationMiddleware):
    """Django's, whose ``request.user`` takes the user ``studynotes.sessions`` read in the session's own
    statement, when it did (one round trip less per logged-in request); otherwise exactly Django's."""

    def process_request(self, request):
        super().process_request(request)
        request.user = SimpleLazyObject(lambda: _user(request))


def _user(request):
    if not hasattr(request, "_cached_user"):
        from .sessions import joined_user

        session = request.session
        session.get(SESSION_KEY)  # loads the session (and the user with it, when its owner is known)
        token = joined_user.set(getattr(session, "joined_user", None))
        try:
            request._cached_user = auth.get_user(request)
        finally:
            joined_user.reset(token)
    return request._cached_user


class MethodNotAllowedPageMiddleware:
    """Django's ``require_POST`` and ``require_safe`` answer 405 with an empty body: a blank page in a browser (a
    bookmarked or typed action address, ``/accounts/logout/`` opened as a link). That answer gets the site's
    405 page instead, in the user's language, its ``Allow`` header kept. Last in ``MIDDLEWARE``, so the page
    goes through every other middleware (CSP, security headers)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 405 and not getattr(response, "streaming", False) and not response.content:
            from django.shortcuts import render

            page = render(request, "405.html", status=405)
            if response.has_header("Allow"):
                page["Allow"] = response["Allow"]
            return page
        return response

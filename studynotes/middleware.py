"""Content-Security-Policy: scripts and styles come from our own static files only.

No inline ``<script>``, no ``on*=`` handlers, no ``style="..."`` attributes:
templates keep JavaScript in ``static/js/`` and styling in ``static/css/``.
htmx works under this policy because its indicator styles are switched off
(``<meta name="htmx-config">`` in ``base.html``) and no template uses ``hx-on``.
"""

from django.conf import settings

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

"""The site layout's pieces that are the same for every visitor with the same language and sign-in state.

``base.html`` asks the ``layout`` context processor for its stylesheet and script links, the main navigation,
the language list and the footer instead of rendering them on every request (together about two thirds of
the layout's rendering time). Each piece is rendered from its own template once per process and key (the
language; for the navigation also whether the visitor is signed in and an instructor): they depend on the code
and the settings only, never on data, so a second app server renders the same strings. Error pages rendered
without a request (500, CSRF failure) include the same templates directly.
"""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe


@functools.lru_cache(maxsize=128)
def _piece(template, language, authenticated=False, instructor=False):
    with translation.override(language):
        html = render_to_string(
            template,
            {"user": {"is_authenticated": authenticated}, "is_instructor": instructor},
        )
    return mark_safe(html)


@receiver(setting_changed)
def _forget_pieces(**kwargs):
    """Tests that change settings (languages, static files, URLs) get freshly rendered pieces."""
    _piece.cache_clear()


class Layout:
    def __init__(self, request):
        self.request = request

    @property
    def language(self):
        return translation.get_language() or "en"

    @property
    def assets(self):
        return _piece("_assets.html", self.language)

    @property
    def nav(self):
        from quiz.instructor.access import is_instructor

        user = getattr(self.request, "user", None)
        authenticated = bool(user is not None and user.is_authenticated)
        return _piece("_nav.html", self.language, authenticated, authenticated and is_instructor(user))

    @property
    def language_options(self):
        return _piece("_language_options.html", self.language)

    @property
    def footer(self):
        return _piece("_footer.html", self.language)

    @property
    def back(self):
        """The page the header's "Log in" and "Sign up" bring a visitor back to: the one they are on. Not the
        home page (signing up from there goes on to the practice page), an account page (those pass on their
        own ``next``) or a page no URL names (a 404)."""
        path = self.request.path
        accounts = reverse("login").removesuffix("login/")
        if getattr(self.request, "resolver_match", None) is None or path == reverse("studynotes:home"):
            return ""
        return "" if path.startswith(accounts) else self.request.get_full_path()


def layout(request):
    """Context processor: ``layout`` (nothing is rendered until a template asks for a piece)."""
    return {"layout": Layout(request)}

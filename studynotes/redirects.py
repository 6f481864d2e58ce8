"""Where a form's ``next`` may send the user: a path on this site, nothing else."""

from django.utils.http import url_has_allowed_host_and_scheme


def local_path(request, url):
    """``url`` if it is a path on this site, else "". A path only: ``redirect()`` would read a bare word as a view
    name ("abc": NoReverseMatch, a 500), and another host is an open redirect."""
    url = url or ""
    if url.startswith("/") and url_has_allowed_host_and_scheme(url, {request.get_host()},
                                                               require_https=request.is_secure()):
        return url
    return ""

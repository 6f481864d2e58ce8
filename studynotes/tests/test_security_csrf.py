"""CSRF on every POST: each URL the project routes refuses a POST without a token.

The list of URLs is read from the URL resolver, so a view added tomorrow is
checked too. A POST is refused by ``CsrfViewMiddleware`` before the view runs,
whatever the arguments, so placeholder ids are enough; the refusal is recognised
by the ``django.security.csrf`` log record, not by the status alone (a view's own
403 would not prove anything).
"""

import logging
import uuid

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

PLACEHOLDERS = {
    "int": "1", "id": "1", "slug": "some-slug", "uuid": str(uuid.uuid4()), "str": "csv", "path": "ab/cd.png",
}


def _fill(route):
    """A concrete path for a route such as ``quiz/attempts/<uuid:uid>/<int:number>/``."""
    out, rest = "", route
    while "<" in rest:
        before, _, after = rest.partition("<")
        spec, _, rest = after.partition(">")
        converter = spec.split(":")[0] if ":" in spec else "str"
        name = spec.split(":")[-1]
        value = {"uidb64": "MQ", "token": "set-password"}.get(name, PLACEHOLDERS.get(converter, "x"))
        out += before + value
    return out + rest


def routed_urls():
    """Every (path, view) the project routes (admin: its login page and index stand for it)."""
    urls = []

    def walk(resolver, prefix):
        for pattern in resolver.url_patterns:
            route = str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                if pattern.app_name == "admin":
                    urls.extend([("/admin/login/", None), ("/admin/", None)])
                    continue
                walk(pattern, prefix + route)
            elif isinstance(pattern, URLPattern):
                urls.append(("/" + _fill(prefix + route), pattern.callback))

    walk(get_resolver(), "")
    return urls


def test_the_url_list_covers_the_whole_site():
    paths = [path for path, _view in routed_urls()]
    assert len(paths) > 40
    for expected in ("/quiz/attempts/", "/progress/rate/1/", "/instructor/questions/1/", "/accounts/login/",
                     "/search/"):
        assert any(path.startswith(expected) for path in paths), expected


def test_no_view_is_exempt_from_csrf():
    exempt = [path for path, view in routed_urls() if view is not None and getattr(view, "csrf_exempt", False)]
    assert exempt == []


@pytest.mark.parametrize("persona", ["learner", "instructor", None])
def test_every_post_without_a_csrf_token_is_refused(persona, request, caplog, db):
    client = Client(enforce_csrf_checks=True)
    if persona:
        client.force_login(request.getfixturevalue(persona))
    refused, accepted = [], []
    with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
        for path, _view in routed_urls():
            caplog.clear()
            response = client.post(path, {"choice": "A", "name": "x", "text": "x"})
            csrf_logged = any("CSRF" in record.getMessage() for record in caplog.records)
            (refused if response.status_code == 403 and csrf_logged else accepted).append(
                (path, response.status_code))
    assert accepted == [], f"POST accepted without a CSRF token: {accepted}"
    assert len(refused) > 40


def test_a_post_with_the_token_from_the_form_gets_past_the_csrf_check(learner, caplog):
    """The refusal above is CSRF's doing: the same client with the form's token is let through."""
    client = Client(enforce_csrf_checks=True)
    page = client.get("/accounts/login/")
    token = page.cookies["csrftoken"].value
    with caplog.at_level(logging.WARNING, logger="django.security.csrf"):
        response = client.post("/accounts/login/", {"username": "alice", "password": "kumo-test-pass-1",
                                                    "csrfmiddlewaretoken": token})
    assert not any("CSRF" in record.getMessage() for record in caplog.records)
    assert response.status_code == 302


def test_htmx_posts_carry_the_token_in_the_body_tag_header(learner_client):
    """htmx sends X-CSRFToken from ``hx-headers`` on <body> (base.html), so fragments post safely."""
    page = learner_client.get("/").content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in page

"""The layout's shared pieces (studynotes/layout.py): rendered once per language and sign-in state, same markup."""

import pytest
from django.template import Context, Template
from django.test import Client, RequestFactory
from django.utils import translation

from studynotes import layout

pytestmark = pytest.mark.django_db

PIECES_INLINE = """{% load i18n static django_htmx %}{% get_current_language as LANGUAGE_CODE %}
{% include "_assets.html" %}|{% include "_nav.html" %}|{% include "_language_options.html" %}|{% include "_footer.html" %}"""


def _pieces(html):
    """The four pieces as they appear in a page."""
    head = html.split("<title>")[1].split("</head>")[0]
    nav = html.split('<ul class="main-nav">')[1].split("</ul>")[0]
    options = html.split('aria-label="Interface language" data-autosubmit>')[1].split("</select>")[0]
    footer = html.split('<footer class="site-footer">')[1].split("</footer>")[0]
    return head, nav, options, footer


def test_a_page_shows_the_same_pieces_as_the_templates_render_directly(learner_client, learner):
    html = learner_client.get("/").content.decode()
    direct = Template(PIECES_INLINE).render(Context({"user": learner, "is_instructor": False}))
    assets, nav, options, footer = direct.split("|")
    head, page_nav, page_options, page_footer = _pieces(html)
    assert assets.strip() in head
    assert nav.split('<ul class="main-nav">')[1].split("</ul>")[0] == page_nav
    assert options.strip() == page_options.strip()
    assert footer.split('<footer class="site-footer">')[1].split("</footer>")[0] == page_footer


def test_the_navigation_follows_the_visitors_sign_in_state_and_role(client, learner, instructor):
    anonymous = client.get("/").content.decode()
    assert "My progress" not in anonymous and "data-instructor-link" not in anonymous
    learner_page = Client()
    learner_page.force_login(learner)
    html = learner_page.get("/").content.decode()
    assert "My progress" in html and "data-instructor-link" not in html
    instructor_page = Client()
    instructor_page.force_login(instructor)
    assert "data-instructor-link" in instructor_page.get("/").content.decode()
    assert "My progress" not in client.get("/").content.decode()  # the anonymous piece is still the anonymous one


def test_each_language_gets_its_own_pieces(client):
    ja = client.get("/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    en = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<option value="ja" lang="ja" selected>' in ja and '<option value="en" lang="en" selected>' in en
    assert '>Topics</a>' in en and '>Topics</a>' not in ja


def test_pieces_are_rendered_once_per_key(learner):
    layout._piece.cache_clear()
    request = RequestFactory().get("/")
    request.user = learner
    with translation.override("ko"):
        first = layout.Layout(request).nav
        assert layout.Layout(request).nav is first
    assert layout._piece.cache_info().misses == 1 and layout._piece.cache_info().hits == 1


def test_a_page_rendered_without_a_request_still_has_the_whole_layout(settings):
    from django.template.loader import render_to_string

    html = render_to_string("500.html")
    assert "/static/css/app.css" in html and '<ul class="main-nav">' in html and "<footer" in html
    assert "<option" in html

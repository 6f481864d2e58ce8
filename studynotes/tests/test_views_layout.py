"""The shared layout: header, search box, language switcher, account menu, footer, CSP."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

TEMPLATES = Path(settings.BASE_DIR) / "templates"
STATIC = Path(settings.BASE_DIR) / "static"
# The templates this part of the site owns; every one must stay CSP-clean.
SITE_PAGES = ("base.html", "_nav.html", "_assets.html", "_language_options.html", "_footer.html", "403.html",
              "403_csrf.html", "400.html", "404.html", "405.html", "500.html", "_error_page.html")
SITE_TEMPLATES = sorted(
    [TEMPLATES / name for name in SITE_PAGES]
    + list((TEMPLATES / "studynotes").glob("*.html"))
    + list((TEMPLATES / "registration").glob("*.html"))
)


@pytest.mark.django_db
def test_every_page_has_the_search_box_switcher_account_menu_and_footer(client):
    html = client.get("/").content.decode()

    assert re.search(r'<form role="search" method="get" action="/search/"', html)
    assert 'hx-get="/search/"' in html
    assert 'hx-trigger="input changed delay:300ms, search"' in html
    assert 'action="/i18n/setlang/"' in html
    assert 'class="account-menu"' in html
    assert "<footer" in html


@pytest.mark.django_db
def test_pages_send_a_strict_content_security_policy(client):
    policy = client.get("/")["Content-Security-Policy"]

    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.django_db
def test_htmx_is_served_locally_with_indicator_styles_off(client):
    html = client.get("/").content.decode()

    # no inline indicator styles (CSP); a page missing from htmx's history cache is reloaded whole
    config = re.search(r'<meta name="htmx-config" content=\'([^\']*)\'>', html).group(1)
    assert json.loads(config) == {"includeIndicatorStyles": False, "refreshOnHistoryMiss": True}
    scripts = re.findall(r"<script[^>]*>", html)
    assert scripts and all('src="/static/' in tag for tag in scripts)
    assert "/static/css/vendor/pico-2.1.1.min.css" in html


@pytest.mark.parametrize("template", SITE_TEMPLATES, ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_site_templates_have_no_inline_script_style_or_handlers(template):
    source = template.read_text(encoding="utf-8")

    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", source), "inline <script>"
    assert not re.search(r"\son[a-z]+\s*=", source), "on*= handler attribute"
    assert "hx-on" not in source
    assert not re.search(r"\sstyle\s*=", source), "style attribute"
    assert "<style" not in source


def test_vendored_pico_names_its_version():
    css = (STATIC / "css" / "vendor" / "pico-2.1.1.min.css").read_text(encoding="utf-8")
    assert "Pico CSS" in css[:200] and "v2.1.1" in css[:200]


@pytest.mark.django_db
def test_theme_and_tabs_scripts_are_static_files(client):
    from django.contrib.staticfiles import finders

    for name in ("js/theme.js", "js/app.js", "css/app.css"):
        assert finders.find(name), name


@pytest.mark.django_db
def test_a_form_posted_without_its_csrf_token_gets_a_translated_403_page():
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"username": "x", "password": "y"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 403
    assert "The form has expired" in response.content.decode()


@pytest.mark.django_db
def test_messages_are_announced_and_the_first_error_alone_takes_the_focus(rf):
    from django.contrib import messages
    from django.contrib.auth.models import AnonymousUser
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.shortcuts import render

    from conftest import autofocused

    request = rf.get("/")
    request.user = AnonymousUser()
    request._messages = CookieStorage(request)
    messages.success(request, "Saved.")
    messages.warning(request, "Due date in the past.")
    messages.error(request, "Tick at least one question.")
    messages.info(request, "Nothing is due.")
    messages.error(request, "Another error.")
    html = render(request, "base.html").content.decode()

    assert '<article class="message message-success" role="status">Saved.</article>' in html
    assert '<article class="message message-warning" role="status">Due date in the past.</article>' in html
    assert '<article class="message message-info" role="status">Nothing is due.</article>' in html
    assert ('<article class="message message-error" role="alert" tabindex="-1" autofocus>'
            "Tick at least one question.</article>") in html
    assert '<article class="message message-error" role="alert">Another error.</article>' in html
    assert autofocused(html) == ['<article class="message message-error" role="alert" tabindex="-1" autofocus>']


@pytest.mark.django_db
@pytest.mark.parametrize("method, url", [("get", "/accounts/logout/"), ("post", "/search/")])
def test_a_method_an_address_does_not_take_gets_the_sites_405_page_not_a_blank_one(client, method, url):
    # a bookmarked or typed action address: Django's require_POST answers 405 with an empty body
    response = getattr(client, method)(url, HTTP_ACCEPT_LANGUAGE="ja")
    html = response.content.decode()
    assert response.status_code == 405 and response.has_header("Allow")
    assert '<html lang="ja"' in html and 'class="error-page"' in html and "<footer" in html
    assert "Content-Security-Policy" in response


@pytest.mark.django_db
def test_pages_answer_head_as_get_does_for_monitors_and_link_checkers(client):
    for url in ("/", "/search/?q=S3", "/healthz"):
        assert client.head(url).status_code == 200, url

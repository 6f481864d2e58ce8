"""In Chromium: htmx works under the Content-Security-Policy, and no XSS payload runs anywhere.

The XSS check loads the pages with the CSP switched off (``bypass_csp``), so it
proves the escaping and sanitising, not just the policy: a payload that ran
would set ``window.__xss`` or open a dialog.
"""

import pytest
from playwright.sync_api import expect

from conftest import log_in
from studynotes.tests.test_security_xss import PAYLOADS, assigned_payload_quiz, payload_note  # noqa: F401 (a fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_search_as_you_type_works_under_the_csp_with_no_violation(page, live_server, make):
    topic = make.topic(name="Blue/green deployment", slug="blue-green-deployment")
    make.section(heading="Blue/green deployment", markdown="Blue/green deployment swaps environments",
                 topics=[topic], language="en")
    violations = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    response = page.goto(live_server.url + "/")
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "unsafe-eval" not in policy
    page.locator("input[name=q][data-search-input]").fill("blue")
    expect(page.locator("#search-live")).to_contain_text("Blue/green", timeout=5000)
    assert page.evaluate("typeof window.htmx") == "object"
    assert violations == []


def test_no_xss_payload_runs_in_the_browser_with_the_csp_switched_off(browser, live_server, make, learner):
    from quiz import attempts
    from studynotes import importer
    from studynotes.models import NoteFile, Topic

    importer.import_file("xss-corpus.md", payload_note())
    note = NoteFile.objects.get(name="xss-corpus.md")
    topic = Topic.objects.filter(sections__note_file=note).first()
    question = make.question()
    question.stem = {"en": " ".join(PAYLOADS)}
    question.options = [{**o, "text": f"{PAYLOADS[i]} {o['key']}", "explanation": {"en": PAYLOADS[-i - 1]}}
                        for i, o in enumerate(question.options)]
    question.save()
    practice = attempts.start_practice(learner, [question], "en")

    context = browser.new_context(bypass_csp=True)
    try:
        log_in(context, live_server, learner)
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        urls = [note.get_absolute_url(), f"/quiz/practice/{practice.uid}/1/", "/search/?q=payload"]
        if topic:
            urls.append(topic.get_absolute_url())
        for url in urls:
            page.goto(live_server.url + url)
            page.wait_for_load_state("networkidle")
            assert page.evaluate("window.__xss") is None, url
        # Answer the practice question to reveal the explanations, then type payloads into search.
        page.goto(live_server.url + f"/quiz/practice/{practice.uid}/1/")
        page.locator("input[name=choice]").first.check()
        page.get_by_role("button", name="Check answer").click()
        page.locator(".explanation").first.wait_for()
        page.wait_for_load_state("networkidle")
        for payload in PAYLOADS[:6]:
            page.locator("input[name=q][data-search-input]").fill(payload)
            page.wait_for_timeout(450)
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.__xss") is None
        assert dialogs == []
    finally:
        context.close()


def test_no_payload_runs_on_the_classes_page_the_audit_log_or_the_class_results(
        browser, live_server, learner, instructor, assigned_payload_quiz):
    """Quiz titles, class names and edited question text where the last sessions added them."""
    assignment = assigned_payload_quiz["assignment"]
    context = browser.new_context(bypass_csp=True)
    try:
        page = context.new_page()
        dialogs = []
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        for user, urls in ((learner, ["/classes/", "/progress/", "/quiz/exams/xss-assigned/"]),
                           (instructor, ["/instructor/audit/", f"/instructor/assignments/{assignment.pk}/",
                                         f"/instructor/classes/{assignment.classroom_id}/"])):
            log_in(context, live_server, user, clear=True)
            for url in urls:
                page.goto(live_server.url + url)
                page.wait_for_load_state("networkidle")
                assert page.evaluate("window.__xss") is None, url
        assert dialogs == []
    finally:
        context.close()

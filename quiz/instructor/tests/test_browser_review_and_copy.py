"""The review queue's in-place approvals say so in one note, not one per card; the class page's join link has a
Copy button (Chromium)."""

import pytest
from playwright.sync_api import expect

from conftest import log_in
from quiz.instructor.models import Classroom

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_approving_drafts_one_after_another_keeps_one_note(page, live_server, instructor, make):
    topic = make.topic()
    for _ in range(3):
        make.question(topic, status="draft")
    log_in(page, live_server, instructor, clear=True)
    page.goto(live_server.url + "/instructor/questions/review/")
    for done in (1, 2):
        page.locator("button[data-approve]").first.click()
        expect(page.locator("#review-waiting")).to_contain_text(f"{3 - done} draft")
        expect(page.locator(".approved-note")).to_have_count(1)
        expect(page.locator(".approved-note")).to_be_focused()
    expect(page.locator("#review-status")).to_have_count(1)
    expect(page.locator(".review-item")).to_have_count(1)


def test_approving_one_in_place_updates_the_approve_all_button(page, live_server, instructor, make):
    from quiz.models import Question

    topic = make.topic()
    drafts = [make.question(topic, status="draft") for _ in range(3)]
    log_in(page, live_server, instructor, clear=True)
    page.goto(live_server.url + "/instructor/questions/review/")
    page.locator(f"button[data-approve='{drafts[0].pk}']").click()
    approve_all = page.get_by_role("button", name="Approve all 2 drafts on this page")
    expect(approve_all).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    approve_all.click()
    expect(page.locator("main")).to_contain_text("2 questions approved.")
    assert Question.objects.filter(status="approved").count() == 3


def test_the_join_link_is_a_link_and_its_copy_button_copies_it(page, live_server, instructor):
    classroom = Classroom.objects.create(name="Evening class", owner=instructor)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    log_in(page, live_server, instructor, clear=True)
    page.goto(live_server.url + classroom.get_absolute_url())
    link = page.locator("a[data-join-url]")
    joining = f"{live_server.url}/classes/join/?code={classroom.join_code}"  # the code filled in for the learner
    expect(link).to_have_attribute("href", joining)
    page.get_by_role("button", name="Copy").click()
    expect(page.get_by_role("status").filter(has_text="Copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == joining


def test_without_javascript_the_copy_button_stays_hidden_and_the_link_is_there(browser, live_server, instructor):
    classroom = Classroom.objects.create(name="Evening class", owner=instructor)
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    log_in(page, live_server, instructor)
    page.goto(live_server.url + classroom.get_absolute_url())
    expect(page.locator("a[data-join-url]")).to_have_text(f"{live_server.url}/classes/join/?code={classroom.join_code}")
    expect(page.locator("button[data-copy]")).to_be_hidden()
    context.close()


@pytest.mark.parametrize("width, height", [(1280, 800), (390, 844)])
def test_the_copy_button_keeps_its_distance_from_the_join_link(browser, live_server, instructor, width, height):
    """It stood 6 px from the link's last letter on a laptop, and right under its last line on a phone."""
    classroom = Classroom.objects.create(name="Evening class", owner=instructor)
    context = browser.new_context(viewport={"width": width, "height": height})
    log_in(context, live_server, instructor)
    page = context.new_page()
    page.goto(live_server.url + classroom.get_absolute_url())
    button = page.get_by_role("button", name="Copy")
    expect(button).to_be_visible()
    link, copy = page.locator("a[data-join-url]").bounding_box(), button.bounding_box()
    if width > 575:  # beside the link, on its line
        assert copy["y"] < link["y"] + link["height"] and link["y"] < copy["y"] + copy["height"]
        assert copy["x"] - (link["x"] + link["width"]) >= 12
    else:  # under the link, where its lines start
        assert copy["x"] == link["x"] and copy["y"] - (link["y"] + link["height"]) >= 12
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    context.close()

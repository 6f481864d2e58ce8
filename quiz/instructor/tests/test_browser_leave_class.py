"""Added to a class by an instructor, a learner is told so, finds who sees their results and leaves it
(Chromium)."""

import pytest
from playwright.sync_api import expect

from conftest import log_in
from quiz.instructor.models import Classroom, Membership

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_learner_added_by_name_is_told_and_leaves_the_class(page, live_server, instructor, learner):
    url = live_server.url
    classroom = Classroom.objects.create(name="Evening class", owner=instructor)

    # Instructor: add the learner by user name from the class page.
    log_in(page, live_server, instructor, clear=True)
    page.goto(url + classroom.get_absolute_url())
    page.get_by_label("Add a learner by user name").fill(learner.username)
    page.get_by_role("button", name="Add", exact=True).click()
    expect(page.locator(".message")).to_contain_text(f"{learner.username} added to the class.")

    # Learner: the dashboard says who added them, once; their classes page says who sees what.
    log_in(page, live_server, learner, clear=True)
    page.goto(url + "/progress/")
    notice = page.locator("[data-added-to-class]")
    expect(notice).to_contain_text(f"{instructor.username} added you to Evening class.")
    notice.get_by_role("link", name="Your classes").click()
    row = page.locator(f"tr[data-class='{classroom.pk}']")
    expect(row).to_contain_text("Evening class")
    expect(row).to_contain_text(f"Added by {instructor.username}")
    expect(page.locator("main")).to_contain_text("and your results on the quizzes assigned to it")

    # Leave: a confirmation page first, then a post.
    row.get_by_role("link", name="Leave class").click()
    expect(page.locator("h1")).to_have_text("Leave Evening class?")
    expect(page.locator("main")).to_contain_text("The attempts you made while in the class stay in its")
    assert Membership.objects.current().filter(learner=learner).exists()
    page.get_by_role("button", name="Leave Evening class").click()
    expect(page.locator(".message")).to_contain_text("You left Evening class.")
    expect(page.locator("main")).to_contain_text("You are not in any class yet.")
    assert not Membership.objects.current().filter(learner=learner).exists()

    page.goto(url + "/progress/")
    expect(page.locator("[data-added-to-class]")).to_have_count(0)

    # Instructor: the roster no longer lists them; the audit log says they left.
    log_in(page, live_server, instructor, clear=True)
    page.goto(url + classroom.get_absolute_url())
    expect(page.locator("main")).to_contain_text("No learner has joined yet.")
    page.goto(url + "/instructor/audit/")
    expect(page.locator("main")).to_contain_text("Learner left")

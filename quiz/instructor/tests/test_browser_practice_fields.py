"""What a practice set has no use for is hidden while one is chosen, by CSS alone (:has(), no script): the
quiz builder's pass mark and an assignment's review rule."""

import pytest
from playwright.sync_api import expect

from conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_builder_hides_the_pass_mark_while_practice_is_the_chosen_kind(page, live_server, instructor):
    log_in(page, live_server, instructor, clear=True)
    page.goto(live_server.url + "/instructor/quizzes/new/")
    pass_mark = page.locator("input[name=pass_mark]")
    expect(pass_mark).to_be_visible()  # an exam by default

    page.locator("select[name=mode]").select_option("practice")
    expect(pass_mark).to_be_hidden()
    expect(page.get_by_text("Exams only: a practice set has no pass mark")).to_be_hidden()

    page.locator("select[name=mode]").select_option("exam")
    expect(pass_mark).to_be_visible()


def test_the_assign_form_hides_the_review_rule_while_a_practice_set_is_chosen(page, live_server, instructor,
                                                                              build):
    classroom = build.classroom(instructor)
    build.quiz(title="Weekly practice", mode="practice", published=True)
    build.quiz(title="Mock exam", mode="exam", published=True)
    log_in(page, live_server, instructor, clear=True)
    page.goto(live_server.url + classroom.get_absolute_url())
    rule = page.locator(".assign-form select[name=review_opens]")
    expect(rule).to_be_visible()  # nothing chosen yet

    page.locator("select[name=quiz]").select_option(label="Weekly practice")
    expect(rule).to_be_hidden()
    expect(page.locator(".assign-form").get_by_text("Exams only")).to_be_hidden()

    page.locator("select[name=quiz]").select_option(label="Mock exam")
    expect(rule).to_be_visible()

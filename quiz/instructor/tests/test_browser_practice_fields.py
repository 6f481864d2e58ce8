"""What a practice set has no use for is hidden while one is chosen, by CSS alone (:has(), no script): the
quiz builder's pass mark and time limit and an assignment's review rule."""

import re

import pytest
from playwright.sync_api import expect

from conftest import log_in
from quiz.models import Quiz
from studynotes.tests.test_a11y import press_until_focused

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_builder_hides_the_pass_mark_and_time_limit_while_practice_is_the_chosen_kind(page, live_server,
                                                                                          instructor):
    log_in(page, live_server, instructor, clear=True)
    page.goto(live_server.url + "/instructor/quizzes/new/")
    pass_mark = page.locator("input[name=pass_mark]")
    time_limit = page.locator("input[name=time_limit_minutes]")
    expect(pass_mark).to_be_visible()  # an exam by default
    expect(time_limit).to_be_visible()

    page.locator("select[name=mode]").select_option("practice")
    expect(pass_mark).to_be_hidden()
    expect(page.get_by_text("Exams only: a practice set has no pass mark")).to_be_hidden()
    expect(time_limit).to_be_hidden()  # a practice set is never timed

    page.locator("select[name=mode]").select_option("exam")
    expect(pass_mark).to_be_visible()
    expect(time_limit).to_be_visible()


def open_class_with_a_practice_set_and_an_exam(page, live_server, instructor, build):
    """The instructor's class page, its assign form offering "Weekly practice" and "Unit exam"."""
    classroom = build.classroom(instructor)
    build.quiz(title="Weekly practice", mode="practice", published=True)
    build.quiz(title="Unit exam", mode="exam", published=True)
    log_in(page, live_server, instructor, clear=True)
    page.goto(live_server.url + classroom.get_absolute_url())


def test_the_assign_form_hides_the_review_rule_while_a_practice_set_is_chosen(page, live_server, instructor,
                                                                              build):
    open_class_with_a_practice_set_and_an_exam(page, live_server, instructor, build)
    rule = page.locator(".assign-form select[name=review_opens]")
    expect(rule).to_be_visible()  # nothing chosen yet

    page.locator("select[name=quiz]").select_option(label="Weekly practice")
    expect(rule).to_be_hidden()
    expect(page.locator(".assign-form").get_by_text("Exams only")).to_be_hidden()

    page.locator("select[name=quiz]").select_option(label="Unit exam")
    expect(rule).to_be_visible()


def focused_name(page):
    return page.evaluate("document.activeElement.name")


def test_the_keyboard_skips_the_hidden_pass_mark_and_reaches_it_again_for_an_exam(page, live_server, instructor):
    """display:none takes the fields out of the tab order: Tab from the number of questions goes on to the attempts
    allowed while practice is chosen, and stops at the time limit and the pass mark again once the kind is back to
    exam."""
    log_in(page, live_server, instructor, clear=True)
    page.goto(live_server.url + "/instructor/quizzes/new/")
    press_until_focused(page, "select[name=mode]")
    page.keyboard.press("ArrowUp")  # from Exam (the default) to Practice, the list closed
    expect(page.locator("select[name=mode]")).to_have_value("practice")
    page.locator("input[name=question_count]").focus()
    page.keyboard.press("Tab")
    assert focused_name(page) == "attempts_allowed"

    page.locator("select[name=mode]").focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator("select[name=mode]")).to_have_value("exam")
    page.locator("input[name=question_count]").focus()
    page.keyboard.press("Tab")
    assert focused_name(page) == "time_limit_minutes"
    page.keyboard.press("Tab")
    assert focused_name(page) == "pass_mark"
    expect(page.locator("input[name=pass_mark]")).to_have_accessible_description(
        "Exams only: a practice set has no pass mark, its learners see the share they got right.")


def test_the_keyboard_skips_the_hidden_review_rule_and_reaches_it_again_for_an_exam(page, live_server, instructor,
                                                                                    build):
    open_class_with_a_practice_set_and_an_exam(page, live_server, instructor, build)
    assign = page.locator(".assign-form button[type=submit]")

    page.locator(".assign-form select[name=quiz]").select_option(label="Weekly practice")
    assign.focus()
    page.keyboard.press("Shift+Tab")  # back from the button: the due date's last part, not the rule
    assert focused_name(page) == "due_at"

    page.locator(".assign-form select[name=quiz]").select_option(label="Unit exam")
    assign.focus()
    page.keyboard.press("Shift+Tab")
    assert focused_name(page) == "review_opens"
    expect(page.locator(".assign-form select[name=review_opens]")).to_have_accessible_description(
        "Exams only: a practice set shows each answer's explanation as soon as it is answered.")


def test_a_pass_mark_out_of_range_hidden_by_practice_does_not_stop_the_builder_saving(page, live_server, instructor,
                                                                                     build):
    """The hidden field is not checked by the server (``QuizForm.clean``); the browser must not check it either: a
    hidden input failing its min or max keeps the form from being sent, with nothing on the page to say why."""
    build.make.question()
    log_in(page, live_server, instructor, clear=True)
    page.goto(live_server.url + "/instructor/quizzes/new/")
    page.locator("input[name=title]").fill("Warm-up")
    page.locator("input[name=pass_mark]").fill("50")  # typed while an exam, then the kind changed
    page.locator("select[name=mode]").select_option("practice")
    page.get_by_role("button", name="Save and preview").click()
    expect(page).to_have_url(re.compile(r"/instructor/quizzes/\d+/preview/"))
    assert Quiz.objects.get(title="Warm-up").pass_mark == 720

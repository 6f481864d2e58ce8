"""Keyboard use of practice and exams in headless Chromium: Enter in an exam option, where the focus lands after
an htmx swap, and the page title as htmx moves between exam questions."""

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quiz import attempts
from quiz.attempts import label_of

from .test_browser_quiz import csp_errors, log_in, settled, short_exam  # noqa: F401  (fixtures)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ACTIVE = """() => {
  const e = document.activeElement;
  return e === document.body ? "body" : e.tagName.toLowerCase() + "." + e.className + " " + e.textContent.trim();
}"""


def _middle_single(attempt):
    """A choose-one question with a question before and after it (one of the five is choose-two)."""
    return attempt.items.filter(choose=1, position__in=[1, 2, 3]).order_by("position").first()


@pytest.fixture
def exam_attempt(short_exam, learner):
    return attempts.start_exam(learner, short_exam, "en")[0]


def test_enter_in_an_exam_option_saves_it_and_goes_to_the_next_question_not_back(page, live_server, learner,
                                                                                 exam_attempt, csp_errors):
    item = _middle_single(exam_attempt)
    log_in(page, live_server, learner)
    page.goto(live_server.url + f"/quiz/attempts/{exam_attempt.uid}/{item.number}/")
    option = page.locator(f"#exam-form input[name=choice][value='{label_of(item, 'B')}']")
    option.focus()
    page.keyboard.press("Space")  # picks it (and saves it in the background)
    expect(option).to_be_checked()
    # The save's reply has arrived (its out-of-band counter): Enter is then a plain "next", not racing it
    # (a loaded CI run once stayed on the page; hx-sync="this:queue last" covers the race for a person).
    expect(page.locator(".answered-count")).to_contain_text("1 of 5 answered")
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(rf"/{item.number + 1}/$"))
    expect(page.locator(".progress-line")).to_contain_text(f"Question {item.number + 1} of 5")
    item.refresh_from_db()
    assert item.chosen == ["B"] and item.answered_at is not None  # keys; label_of(item, "B") was shown

    # On the last question there is no next one: Enter saves the choice and stays.
    last = exam_attempt.items.get(position=4)
    page.goto(live_server.url + f"/quiz/attempts/{exam_attempt.uid}/5/")
    option = page.locator(f"#exam-form input[name=choice][value='{label_of(last, 'C')}']")
    option.focus()
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    settled(page)
    expect(page).to_have_url(re.compile(r"/5/$"))
    expect(page.locator(".progress-line")).to_contain_text("Question 5 of 5")
    last.refresh_from_db()
    assert last.chosen == ["C"]
    assert csp_errors == []


def test_enter_in_an_exam_option_goes_to_the_next_question_without_javascript_too(browser, live_server, learner,
                                                                                   exam_attempt):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    item = _middle_single(exam_attempt)
    log_in(page, live_server, learner)
    page.goto(live_server.url + f"/quiz/attempts/{exam_attempt.uid}/{item.number}/")
    page.locator(f"#exam-form input[name=choice][value='{label_of(item, 'A')}']").check()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"/{item.number + 1}/$"))
    expect(page.locator(".progress-line")).to_contain_text(f"Question {item.number + 1} of 5")
    item.refresh_from_db()
    assert item.chosen == ["A"]
    context.close()


def test_after_an_answer_the_focus_is_on_the_feedback_and_after_next_on_the_new_question(page, live_server, make,
                                                                                         learner, csp_errors):
    topic = make.topic()
    attempt = attempts.start_practice(learner, [make.question(topic), make.question(topic)], "en")
    first = attempt.items.get(position=0)
    log_in(page, live_server, learner)
    page.goto(live_server.url + f"/quiz/practice/{attempt.uid}/1/")
    page.locator(f"input[name=choice][value='{label_of(first, 'A')}']").focus()
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Check answer")).to_be_focused()
    page.keyboard.press("Enter")

    expect(page.locator(".feedback .verdict")).to_have_text("Right!")
    expect(page.locator(".feedback")).to_be_focused()
    assert page.evaluate(ACTIVE) == "div.feedback right Right!"
    page.keyboard.press("Tab")  # from the verdict on: the rating comes next, not the site's header
    expect(page.get_by_role("button", name="Hard")).to_be_focused()
    page.keyboard.press("Enter")  # the rating form comes back rated: the focus stays on the button pressed
    expect(page.get_by_role("button", name="Hard")).to_have_attribute("aria-pressed", "true")
    expect(page.get_by_role("button", name="Hard")).to_be_focused()

    page.get_by_role("button", name="Next question").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/2/$"))
    expect(page.locator(".progress-line")).to_be_focused()
    expect(page.locator(".progress-line")).to_contain_text("Question 2 of 2")
    page.keyboard.press("Tab")
    expect(page.locator("input[name=choice]").first).to_be_focused()
    assert csp_errors == []


def test_a_refused_problem_report_puts_the_focus_on_its_text_box(page, live_server, make, learner, csp_errors):
    attempt = attempts.start_practice(learner, [make.question(make.topic())], "en")
    log_in(page, live_server, learner)
    page.goto(live_server.url + f"/quiz/practice/{attempt.uid}/1/")
    page.locator("input[name=choice]").first.check()
    page.get_by_role("button", name="Check answer").click()
    page.locator(".report summary").click()
    page.get_by_label("What is wrong with this question?").fill("ab   ")  # five characters, two once stripped
    page.get_by_role("button", name="Send report").click()

    box = page.get_by_label("What is wrong with this question?")
    expect(box).to_have_attribute("aria-invalid", "true")
    expect(box).to_be_focused()  # not the "Send report" button: a screen reader hears the error with the box
    assert csp_errors == []


def test_exam_navigation_moves_the_focus_and_the_title_with_the_question(page, live_server, learner, exam_attempt,
                                                                        csp_errors):
    log_in(page, live_server, learner)
    page.goto(live_server.url + f"/quiz/attempts/{exam_attempt.uid}/1/")
    expect(page).to_have_title("Short exam · Question 1 · Kumo Study")

    page.get_by_role("button", name="Next", exact=True).click()
    expect(page).to_have_url(re.compile(r"/2/$"))
    expect(page).to_have_title("Short exam · Question 2 · Kumo Study")
    expect(page.locator(".progress-line")).to_be_focused()
    expect(page.locator(".progress-line")).to_contain_text("Question 2 of 5")

    page.locator(".navigator a", has_text=re.compile(r"^4\b")).click()
    expect(page).to_have_url(re.compile(r"/4/$"))
    expect(page).to_have_title("Short exam · Question 4 · Kumo Study")
    expect(page.locator(".progress-line")).to_be_focused()

    page.get_by_role("button", name="Previous").click()
    expect(page).to_have_title("Short exam · Question 3 · Kumo Study")
    expect(page.locator(".progress-line")).to_contain_text("Question 3 of 5")

    page.go_back()  # htmx restores the page it kept, title included
    expect(page).to_have_url(re.compile(r"/4/$"))
    expect(page).to_have_title("Short exam · Question 4 · Kumo Study")

    # A flag re-draws the same question: the focus stays on its (renamed) button.
    page.get_by_role("button", name="Flag for review").click()
    expect(page.get_by_role("button", name="Remove flag")).to_be_focused()
    expect(page).to_have_title("Short exam · Question 4 · Kumo Study")
    assert csp_errors == []


def test_the_keyboard_reaches_an_exam_question_before_its_navigator_and_submit_first_on_review(
        page, live_server, learner, exam_attempt, csp_errors):
    log_in(page, live_server, learner)
    page.goto(live_server.url + f"/quiz/attempts/{exam_attempt.uid}/1/")
    navigator, stem = page.locator("nav.navigator").bounding_box(), page.locator(".stem").bounding_box()
    assert navigator["y"] < stem["y"]  # still shown above the question
    page.locator("main").focus()  # where "Skip to content" leads
    page.keyboard.press("Tab")
    expect(page.locator("#exam-form input[name=choice]").first).to_be_focused()

    page.goto(live_server.url + f"/quiz/attempts/{exam_attempt.uid}/review/")
    page.locator("main").focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Back to the questions")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Submit the exam")).to_be_focused()
    assert csp_errors == []


def test_the_header_and_swapped_pages_answer_the_keyboard(page, live_server, learner, csp_errors):
    log_in(page, live_server, learner)
    page.goto(live_server.url + "/progress/")

    # Content swapped into <main>: the focus goes to its heading, not back to the top of the page.
    page.get_by_role("link", name="Review settings").focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/progress/settings/$"))
    expect(page.locator("main h1")).to_be_focused()

    # The account menu: Escape closes it and gives the focus back to its summary; leaving it closes it.
    menu = page.locator(".account-menu details.dropdown")  # the "More" menu is a phone's only
    menu.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("open", "")
    page.keyboard.press("Tab")
    page.keyboard.press("Escape")
    expect(menu).not_to_have_attribute("open", "")
    expect(menu.locator("summary")).to_be_focused()
    page.keyboard.press("Enter")
    for _ in range(3):
        page.keyboard.press("Tab")
    expect(menu).not_to_have_attribute("open", "")

    # The language switch: an arrow key changes the choice only; the button (or Enter) applies it.
    select = page.locator("select[name=language]")
    select.focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_role("button", name="Change language")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "en"
    page.keyboard.press("Enter")
    expect(page.locator("html")).not_to_have_attribute("lang", "en")
    assert csp_errors == []


def test_space_on_a_link_shown_as_a_button_follows_it(page, live_server, db):
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Sign up", exact=True).focus()  # not "Sign up to practise"
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"/accounts/signup/$"))


def test_a_keyboard_user_already_in_the_next_question_keeps_their_place_when_the_swap_settles(
        page, live_server, learner, exam_attempt, csp_errors):
    """The new question's line takes the focus when htmx settles the swap (20 ms later): on a slow device a
    keyboard user may have tabbed into the options by then, and stays there. (A long settle delay stands in
    for the slow device.)"""
    log_in(page, live_server, learner)
    page.goto(live_server.url + f"/quiz/attempts/{exam_attempt.uid}/1/")
    page.evaluate("htmx.config.defaultSettleDelay = 1500")
    page.get_by_role("button", name="Next", exact=True).click()
    expect(page.locator(".progress-line")).to_contain_text("Question 2 of 5")  # swapped, not yet settled
    option = page.locator("#exam-form input[name=choice]").first
    option.focus()
    page.wait_for_timeout(2000)  # the settle has run
    expect(option).to_be_focused()
    assert csp_errors == []


def test_the_phone_more_menu_shows_a_focus_ring_when_the_keyboard_reaches_it(page, live_server, learner):
    """Pico takes the outline off a dropdown's summary and rings it with a box-shadow, which the phone's flat
    "More" link (app.css) takes off too: the keyboard's place vanished between "My progress" and the account menu."""
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, learner)
    page.goto(live_server.url + "/progress/")
    page.locator(".main-nav").get_by_role("link", name="My progress", exact=True).focus()
    page.keyboard.press("Tab")
    more = page.locator(".nav-more summary")
    expect(more).to_be_focused()
    ring = more.evaluate("e => { const s = getComputedStyle(e); return [s.outlineStyle, s.outlineWidth, s.boxShadow]; }")
    assert ring[0] != "none" and ring[1] == "2px", ring


def test_a_practice_summary_names_its_domain_table(page, live_server, make, learner):
    """A screen reader's list of tables said "table" with no name; the exam result's says "Score by domain"."""
    topic = make.topic()
    attempt = attempts.start_practice(learner, [make.question(topic), make.question(topic)], "en")
    first = attempt.items.get(position=0)
    attempts.answer_practice(attempt, first, [label_of(first, "A")], now=timezone.now())
    log_in(page, live_server, learner)
    page.goto(live_server.url + f"/quiz/practice/{attempt.uid}/summary/")
    expect(page.get_by_role("table", name="Score by domain")).to_contain_text("1 / 2")


def test_each_domain_row_is_named_by_its_domain_in_the_result_and_the_summary(page, live_server, learner,
                                                                             exam_attempt):
    """Moving along a row of "Score by domain" with a screen reader's table keys said "1 / 2", "50%" with no domain:
    the domain was a plain cell, not the row's header (the progress page's tables had theirs)."""
    attempts.submit(exam_attempt, now=timezone.now())
    compute = exam_attempt.items.filter(choose=1).first().question  # the choose-two one is in Storage
    practice = attempts.start_practice(learner, [compute], "en")
    log_in(page, live_server, learner)
    for path in (f"/quiz/attempts/{exam_attempt.uid}/result/", f"/quiz/practice/{practice.uid}/summary/"):
        page.goto(live_server.url + path)
        table = page.get_by_role("table", name="Score by domain")
        expect(table.get_by_role("rowheader", name="Compute")).to_have_count(1)
        expect(table.get_by_role("row", name=re.compile(r"^Compute "))).to_have_count(1)
        expect(table.get_by_role("columnheader")).to_have_count(3)


def test_a_refused_account_deletion_offers_the_way_back_not_a_cancel(page, live_server, instructor):
    """An instructor who runs a class cannot delete the account: the refusal takes the focus, and the next Tab
    reaches a link that says where it goes; "Cancel" had nothing to cancel."""
    from quiz.instructor.models import Classroom

    Classroom.objects.create(name="Class A", owner=instructor)
    log_in(page, live_server, instructor)
    page.goto(live_server.url + "/progress/delete-account/")
    expect(page.get_by_role("alert")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Back to my progress")).to_be_focused()
    expect(page.locator("main").get_by_role("link", name="Cancel")).to_have_count(0)


SAID = """() => {
  window.said = [];
  const status = document.getElementById("exam-status");
  new MutationObserver(() => {
    window.said.push(status.textContent.trim());
    document.body.dataset.said = window.said.length;
  })
    .observe(status, {childList: true, characterData: true, subtree: true});
}"""


def test_a_saved_choice_says_the_counts_it_changed_once_each_time(page, live_server, learner, exam_attempt,
                                                                  csp_errors):
    pair = exam_attempt.items.get(choose=2)
    single = _middle_single(exam_attempt)
    log_in(page, live_server, learner)
    page.goto(live_server.url + f"/quiz/attempts/{exam_attempt.uid}/{pair.number}/")
    expect(page.locator("#exam-status")).to_have_attribute("role", "status")
    page.evaluate(SAID)

    # the whole panel is not swapped: "(1 of 2 chosen)" and "n of 5 answered" changed silently
    page.locator(f"#exam-form input[name=choice][value='{label_of(pair, 'A')}']").check()
    expect(page.locator("#exam-status")).to_have_text("Saved. (1 of 2 chosen) 0 of 5 answered")
    page.locator(f"#exam-form input[name=choice][value='{label_of(pair, 'C')}']").check()
    expect(page.locator("#exam-status")).to_have_text("Saved. (2 of 2 chosen) 1 of 5 answered")
    page.wait_for_timeout(2500)  # the countdown ticks on (the exam has a time limit), and says nothing here
    assert page.evaluate("window.said") == ["Saved. (1 of 2 chosen) 0 of 5 answered",
                                            "Saved. (2 of 2 chosen) 1 of 5 answered"]

    # a single choice changed: the same counts, said again
    page.goto(live_server.url + f"/quiz/attempts/{exam_attempt.uid}/{single.number}/")
    page.evaluate(SAID)
    for label in "AB":
        page.locator(f"#exam-form input[name=choice][value='{label_of(single, label)}']").check()
        expect(page.locator("#exam-form input[name=shown]")).to_have_value(label_of(single, label))
    expect(page.locator("body")).to_have_attribute("data-said", str("AB".index(label) + 1))
    assert page.evaluate("window.said") == ["Saved. 2 of 5 answered"] * 2
    assert csp_errors == []

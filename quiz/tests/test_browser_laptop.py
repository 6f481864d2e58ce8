"""Layout on a 1366 px laptop in headless Chromium: the practice summary tells right from wrong at a glance,
the exam's buttons lead on (not back), and the progress dashboard's actions and mastery tables line up."""

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quiz import attempts

from .test_browser_layout import _long_exam
from .test_browser_quiz import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 900}
FILLED = "e => getComputedStyle(e).backgroundColor"


def test_the_practice_summary_marks_right_and_wrong_answers_apart(page, live_server, make, learner):
    topic = make.topic(slug="lam", name="AWS Lambda")
    attempt = attempts.start_practice(learner, [make.question(topic), make.question(topic)], "en",
                                      title="AWS Lambda", origin="topic")
    right, wrong = attempt.items.order_by("position")
    for item, correct in ((right, True), (wrong, False)):
        # the shown label of a right or a wrong option (the options are shuffled: a key is not its label)
        chosen = [attempts.label_of(item, o["key"]) for o in item.options if o["correct"] == correct][:1]
        attempts.answer_practice(attempt, item, chosen, now=timezone.now())
    page.set_viewport_size(LAPTOP)
    log_in(page, live_server, learner)
    page.goto(live_server.url + f"/quiz/practice/{attempt.uid}/summary/")
    expect(page.locator(".summary-items > li")).to_have_count(2)
    # a coloured bar and mark each (both were plain text, "· Right" and "· Wrong", in the same grey)
    bars = page.locator(".summary-items > li").evaluate_all(
        "rows => rows.map(r => getComputedStyle(r).borderLeftColor)")
    marks = [page.locator(f".summary-items > li.{verdict} .verdict").evaluate(
        "v => [getComputedStyle(v).color, getComputedStyle(v, '::before').content]")
        for verdict in ("right", "wrong")]
    assert bars[0] != bars[1] and marks[0][0] != marks[1][0], (bars, marks)
    assert [mark[1] for mark in marks] == ['"✓" / ""', '"✗" / ""'], marks
    # the two ways on say how they differ ("Practise this topic" and "Practise again" did not)
    expect(page.get_by_role("button", name="Practise this topic again")).to_be_visible()
    expect(page.get_by_role("button", name="Choose other questions")).to_be_visible()


def test_the_exam_buttons_lead_with_next_and_on_the_last_question_with_review(page, live_server, make, learner):
    attempt = _long_exam(make, learner, 3)
    page.set_viewport_size(LAPTOP)
    log_in(page, live_server, learner)
    page.goto(live_server.url + f"/quiz/attempts/{attempt.uid}/2/")
    buttons = page.locator(".exam-buttons")
    previous, next_ = buttons.get_by_role("button", name="Previous"), buttons.get_by_role("button", name="Next")
    flag, review = (buttons.get_by_role("button", name="Flag for review"),
                    buttons.get_by_role("button", name="Review and submit"))
    filled = next_.evaluate(FILLED)
    # "Previous" was as solid a blue as "Next", and came first
    assert previous.evaluate(FILLED) != filled and flag.evaluate(FILLED) != filled
    assert review.evaluate(FILLED) != filled
    page.goto(live_server.url + f"/quiz/attempts/{attempt.uid}/3/")
    expect(buttons.get_by_role("button", name="Next")).to_have_count(0)
    assert buttons.get_by_role("button", name="Review and submit").evaluate(FILLED) == filled


def test_the_dashboard_buttons_fit_their_words_and_the_mastery_tables_share_their_columns(page, live_server,
                                                                                         make, learner):
    topics = [make.topic(name=name, domain=domain) for name, domain in [
        ("AWS Lambda", "compute"), ("ECS Spot Instance draining", "compute"),
        ("Amazon MSK (Managed Streaming for Apache Kafka)", "messaging"), ("AWS AppSync", "messaging")]]
    practice = attempts.start_practice(learner, [make.question(topic) for topic in topics], "en")
    for item in practice.items.order_by("position"):
        attempts.answer_practice(practice, item, ["A"], now=timezone.now())
    page.set_viewport_size(LAPTOP)
    log_in(page, live_server, learner)
    page.goto(live_server.url + "/progress/")
    weakest = page.get_by_role("button", name="Practise my weakest topics")
    slack = weakest.evaluate("""b => {
        const range = document.createRange();
        range.selectNodeContents(b);
        return b.getBoundingClientRect().width - range.getBoundingClientRect().width;
    }""")
    assert slack < 100, slack  # padding and border only (it stretched to 650 px around 230 px of words)
    gap = page.locator(".progress-head").evaluate("""h => h.nextElementSibling.getBoundingClientRect().top
        - h.querySelector('form small').getBoundingClientRect().bottom""")
    assert gap >= 12, gap  # the weakest topics' names sat against the next section (0 px) on a laptop
    tables = page.locator("table.mastery-table")
    expect(tables).to_have_count(2)
    lefts = tables.evaluate_all("""ts => ts.map(t => [...t.querySelector('tbody tr').children]
        .map(cell => Math.round(cell.getBoundingClientRect().left)))""")
    assert lefts[0] == lefts[1], lefts  # each table sized its columns to its own names: they zig-zagged


# Scrolled down the question (to reach its buttons) until its "Question n of N" line is at the top of the screen:
# the time left above it is out of view, and the line, still in view, is not scrolled to when it takes the focus.
READ_DOWN = """() => window.scrollBy(0, document.querySelector('.progress-line').getBoundingClientRect().top - 10)"""
TOP = "e => e.getBoundingClientRect().top"


@pytest.mark.parametrize("motion", ["no-preference", "reduce"])
def test_next_and_previous_show_the_new_question_from_the_top_with_the_time_left(browser, live_server, make, learner,
                                                                                motion):
    attempt = _long_exam(make, learner, 20)
    attempt.items.update(stem={"en": "A long scenario that the learner reads to the end. " * 30})
    context = browser.new_context(viewport={"width": 1366, "height": 800}, reduced_motion=motion)
    page = context.new_page()
    log_in(page, live_server, learner)
    page.goto(live_server.url + f"/quiz/attempts/{attempt.uid}/1/")
    line, countdown = page.locator(".progress-line"), page.locator("#countdown")
    for button, number in (("Next", 2), ("Next", 3), ("Previous", 2)):
        page.evaluate(READ_DOWN)
        expect(countdown).not_to_be_in_viewport()
        page.get_by_role("button", name=button).dispatch_event("click")  # a click, without scrolling to it
        expect(line).to_contain_text(f"Question {number} of 20")
        expect(line).to_be_focused()  # the focus still lands on "Question n of N"
        if motion == "reduce":  # no smooth scroll: the time left is in view as the focus moves
            assert countdown.evaluate(TOP) >= 0
        # it stayed some 270 px down, where the last question was scrolled to, the time left out of view
        expect(countdown).to_be_in_viewport()
        expect(page.locator("#exam-panel nav.navigator")).to_be_in_viewport()
    context.close()

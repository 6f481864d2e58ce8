"""A tick made while the question is being replaced, in headless Chromium: an exam's Next, Previous, Flag or a
navigator link, a practice answer, each held in the browser for one round trip. The options are disabled until
the reply (it was: the tick looked accepted and was lost with the page it was made on)."""

import pytest
from playwright.sync_api import expect

from quiz import attempts
from quiz.attempts import label_of

from .test_browser_quiz import choose, log_in, settled, short_exam  # noqa: F401  (fixture)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _hold(page, url, method):
    """Requests to ``url`` by ``method`` held in the browser, as if on a slow server: the list of their
    routes, to release (``continue_``) or fail (``abort``)."""
    held = []

    def handle(route):
        if route.request.method == method:
            held.append(route)
        else:
            route.continue_()

    page.route(url, handle)
    return held


def _first(page, held):
    for _ in range(50):
        if held:
            return held[0]
        page.wait_for_timeout(100)
    raise AssertionError("no request held")


def _option(page, item, key):
    return page.locator(f"input[name=choice][value='{label_of(item, key)}']")


def _answered_b(page, live_server, short_exam, learner):
    """An exam open at a single-choice item with one before and one after it, B picked and saved:
    (attempt, item, its URL)."""
    attempt, _ = attempts.start_exam(learner, short_exam, "en")
    item = attempt.items.filter(choose=1, position__in=[1, 2, 3]).order_by("position").first()
    log_in(page, live_server, learner)
    url = live_server.url + f"/quiz/attempts/{attempt.uid}/{item.number}/"
    page.goto(url)
    choose(page, label_of(item, "B"))
    expect(page.locator(".answered-count")).to_have_text("1 of 5 answered")
    settled(page)  # the review count it sets off is back too: only the test's own requests are held
    return attempt, item, url


@pytest.mark.parametrize("way, step",
                         [("Next", 1), ("Previous", -1), ("Flag for review", 0), ("navigator", 1)])
def test_a_tick_while_the_question_is_being_replaced_is_not_taken_nor_shown(page, live_server, short_exam,
                                                                           learner, way, step):
    attempt, item, url = _answered_b(page, live_server, short_exam, learner)
    target = item.number + step
    if way == "navigator":
        held = _hold(page, live_server.url + f"/quiz/attempts/{attempt.uid}/{target}/", "GET")
        page.locator(f"nav.navigator a[href$='/{target}/']").click()
    else:
        held = _hold(page, url, "POST")
        page.locator("#exam-form .exam-buttons").get_by_role("button", name=way, exact=True).click()
    route = _first(page, held)
    expect(page.locator("#exam-panel")).to_have_attribute("aria-busy", "true")
    expect(_option(page, item, "C")).to_be_disabled()
    _option(page, item, "C").click(force=True)  # does nothing: the page shows the answer it sends
    expect(_option(page, item, "C")).not_to_be_checked()
    expect(_option(page, item, "B")).to_be_checked()
    route.continue_()
    expect(page.locator("#exam-panel")).to_have_attribute("data-number", str(target))
    if step == 0:
        expect(page.locator(".flagged-note")).to_have_count(1)
    expect(page.locator("#exam-panel")).not_to_have_attribute("aria-busy", "true")
    expect(page.locator("#exam-form fieldset.options")).to_be_enabled()
    settled(page)
    assert len(held) == 1  # nothing else sent
    item.refresh_from_db()
    assert item.chosen == ["B"]


def test_next_that_fails_gives_the_options_and_the_focus_back(page, live_server, short_exam, learner):
    attempt, item, url = _answered_b(page, live_server, short_exam, learner)
    held = _hold(page, url, "POST")
    _option(page, item, "B").press("Enter")  # Next
    route = _first(page, held)
    expect(_option(page, item, "C")).to_be_disabled()
    route.abort()  # no connection
    expect(page.locator("#request-status")).to_be_visible()
    expect(_option(page, item, "C")).to_be_enabled()
    expect(page.locator("#exam-panel")).not_to_have_attribute("aria-busy", "true")
    expect(page.locator("#exam-panel")).to_have_attribute("data-number", str(item.number))
    expect(_option(page, item, "B")).to_be_focused()
    page.unroute(url)
    choose(page, label_of(item, "C"))  # taken and saved again
    expect(page.locator("#request-status")).to_be_hidden()
    settled(page)
    item.refresh_from_db()
    assert item.chosen == ["C"]


def test_enter_in_an_option_leaves_the_focus_on_next_while_the_next_question_comes(page, live_server, short_exam,
                                                                                  learner):
    """The option with the focus is disabled on its way: Chromium dropped the focus to <body>, so a Tab meanwhile
    started again at "Skip to content" and a screen reader said nothing. The visible Next holds it instead."""
    attempt, item, url = _answered_b(page, live_server, short_exam, learner)
    held = _hold(page, url, "POST")
    _option(page, item, "B").press("Enter")  # the hidden default Next
    route = _first(page, held)
    expect(_option(page, item, "C")).to_be_disabled()
    expect(page.locator("#exam-form .exam-buttons").get_by_role("button", name="Next", exact=True)).to_be_focused()
    route.continue_()
    expect(page.locator("#exam-panel")).to_have_attribute("data-number", str(item.number + 1))
    expect(page.locator(".progress-line")).to_be_focused()  # then the new question's line, as before


def test_a_practice_answer_on_its_way_keeps_its_options_as_sent(page, live_server, make, learner):
    topic = make.topic(name="Blue/green deployment")
    attempt = attempts.start_practice(learner, [make.question(topic), make.question(topic)], "en")
    first = attempt.items.order_by("position").first()
    log_in(page, live_server, learner)
    url = live_server.url + f"/quiz/practice/{attempt.uid}/1/"
    page.goto(url)
    choose(page, label_of(first, "A"))
    held = _hold(page, url, "POST")
    page.get_by_role("button", name="Check answer").click()
    route = _first(page, held)
    expect(page.locator("#practice-item")).to_have_attribute("aria-busy", "true")
    expect(_option(page, first, "B")).to_be_disabled()
    _option(page, first, "B").click(force=True)
    expect(_option(page, first, "B")).not_to_be_checked()
    route.continue_()
    expect(page.locator(".feedback .verdict")).to_be_visible()
    expect(page.locator("#practice-item")).not_to_have_attribute("aria-busy", "true")
    first.refresh_from_db()
    assert first.chosen == ["A"]

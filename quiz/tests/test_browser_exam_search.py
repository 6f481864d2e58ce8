"""The header's search on a timed exam's pages: its results as you type were drawn over the exam's header, the
time left included (the phone's bar stuck to the top of the screen as well), and the stems that quote a note
found their own answer there. A timed exam offers no search box; a note says why it is missing."""

import pytest
from playwright.sync_api import expect

from quiz import attempts
from quiz.models import Mode, Quiz

from .test_browser_quiz import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 740}
# What is drawn at the middle of the time left: the countdown itself, unless something covers it.
UNCOVERED = """e => { const r = e.getBoundingClientRect();
  return e.contains(document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2)); }"""


def _exam(make, learner, minutes):
    topic = make.topic(name="Blue/green deployment")
    for _ in range(3):
        make.question(topic, section=make.section(heading="Blue green swap", topics=[topic]))
    quiz = Quiz.objects.create(slug=f"exam-{minutes}", title="Mock exam", mode=Mode.EXAM, question_count=3,
                               time_limit_minutes=minutes, only_approved=False)
    return attempts.start_exam(learner, quiz, "en")[0]


def test_a_timed_exam_offers_a_note_instead_of_the_search_that_covered_its_time_left(page, live_server, make,
                                                                                   learner):
    attempt = _exam(make, learner, 10)
    page.set_viewport_size(PHONE)
    log_in(page, live_server, learner)
    for url in (f"/quiz/attempts/{attempt.uid}/1/", f"/quiz/attempts/{attempt.uid}/review/"):
        page.goto(live_server.url + url)
        expect(page.locator("header .search-off")).to_have_text("Search is off during a timed exam.")
        expect(page.locator("[data-search-input]")).to_have_count(0)
        # "/" went to the box, and "Blue" brought the notes' results over the exam's title and time left
        page.keyboard.press("/")
        page.keyboard.type("Blue")
        page.wait_for_timeout(600)  # the live search waits 300 ms after the last key
        assert page.locator("#countdown").evaluate(UNCOVERED), url


def test_an_exam_without_a_time_limit_keeps_the_search(page, live_server, make, learner):
    attempt = _exam(make, learner, None)
    log_in(page, live_server, learner)
    page.goto(live_server.url + f"/quiz/attempts/{attempt.uid}/1/")
    expect(page.locator("#countdown")).to_have_count(0)
    page.locator("[data-search-input]").fill("Blue")
    expect(page.locator("#search-live .result-link").first).to_be_visible(timeout=5000)
    expect(page.locator(".search-off")).to_have_count(0)

"""Practice and exams in headless Chromium: feedback, choose-two, flags, review, expiry, resume."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import log_in, settled
from quiz import attempts
from quiz.attempts import label_of
from quiz.models import Attempt, Mode, Quiz

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def csp_errors(page):
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    return errors


def choose(page, label):
    page.locator(f"input[name=choice][value='{label}']").check()


def test_a_practice_set_answered_right_then_wrong_shows_the_feedback(page, live_server, make, learner, csp_errors):
    topic = make.topic(name="Blue/green deployment")
    attempt = attempts.start_practice(learner, [make.question(topic), make.question(topic)], "en")
    first, second = attempt.items.order_by("position")
    log_in(page, live_server, learner)

    page.goto(live_server.url + f"/quiz/practice/{attempt.uid}/1/")
    expect(page.locator(".explanation")).to_have_count(0)
    choose(page, label_of(first, "A"))
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator(".feedback .verdict")).to_have_text("Right!")
    expect(page.locator(".explanation")).to_have_count(4)
    expect(page.locator(".option.is-key")).to_contain_text("Why A is right.")
    expect(page.locator(".sources a")).to_have_count(1)

    page.get_by_role("button", name="Next question").click()
    expect(page).to_have_url(re.compile(r"/2/$"))
    choose(page, label_of(second, "C"))
    page.get_by_role("button", name="Check answer").click()
    key_text = next(option["text"] for option in second.options if option["key"] == "A")
    expect(page.locator(".feedback .verdict")).to_contain_text(
        f"Not quite. The answer is {label_of(second, 'A')} ({key_text}).")
    expect(page.locator(".option.is-chosen")).to_contain_text("Why C is wrong.")

    page.get_by_role("button", name="See the summary").click()
    expect(page.locator(".score")).to_have_text("1 of 2 right (50%)")
    assert csp_errors == []


def test_the_message_that_a_topic_set_is_still_open_goes_once_a_question_is_answered(page, live_server, make,
                                                                                    learner):
    topic = make.topic(name="Blue/green deployment")
    attempt = attempts.start_practice(learner, [make.question(topic), make.question(topic)], "en", origin="topic")
    log_in(page, live_server, learner)

    page.goto(live_server.url + topic.get_absolute_url())
    page.get_by_role("button", name="Practise this topic").click()
    expect(page).to_have_url(re.compile(rf"/quiz/practice/{attempt.uid}/1/$"))
    resumed = page.locator("main > .message", has_text="You have a practice set on this topic open")
    expect(resumed).to_have_count(1)
    choose(page, "A")
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator(".feedback .verdict")).to_be_visible()
    expect(page.get_by_role("button", name="End this set")).to_have_count(1)  # the feedback offers it too
    expect(resumed).to_have_count(0)  # a reply hides the message, as every htmx reply does


@pytest.fixture
def short_exam(make):
    compute = make.topic(domain="compute")
    for _ in range(4):
        make.question(compute)
    make.question(make.topic(domain="storage"), type="choose_n", choose=2, n_options=5)
    return Quiz.objects.create(slug="short", title="Short exam", mode=Mode.EXAM, question_count=5,
                               time_limit_minutes=1, only_approved=False)


def test_a_short_exam_with_choose_two_flag_review_and_result(page, live_server, short_exam, learner, csp_errors):
    log_in(page, live_server, learner)
    page.goto(live_server.url + "/quiz/exams/short/")
    page.get_by_role("button", name="Start the exam").click()
    expect(page.locator("#countdown")).to_have_text(re.compile(r"^[01]:\d\d$"))
    attempt = Attempt.objects.get(user=learner)
    items = {item.position: item for item in attempt.items.all()}
    singles = sorted(position for position, item in items.items() if item.choose == 1)
    flag_at, skip_at = singles[0], singles[1]  # flagged without an answer; skipped

    for position in range(5):
        item = items[position]
        expect(page.locator(".progress-line")).to_contain_text(f"Question {position + 1} of 5")
        if item.choose == 2:
            expect(page.locator(".choose-n")).to_contain_text("Choose 2.")
            choose(page, label_of(item, "A"))
            expect(page.locator(".chosen-count")).to_contain_text("(1 of 2 chosen)")
            choose(page, label_of(item, "B"))
            expect(page.locator(".chosen-count")).to_contain_text("(2 of 2 chosen)")
        elif position == flag_at:
            page.get_by_role("button", name="Flag for review").click()
            expect(page.locator(".flagged-note")).to_be_visible()
        elif position == skip_at:
            pass  # left unanswered
        else:
            choose(page, label_of(item, "A"))
            expect(page.locator(".cell.current")).to_have_class(re.compile(r"\banswered\b"))
        if position < 4:
            page.get_by_role("button", name="Next").click()

    expect(page.locator(".navigator ol .cell.flagged")).to_have_count(1)
    page.get_by_role("button", name="Review and submit").click()
    expect(page).to_have_url(re.compile(r"/review/$"))
    expect(page.locator(".unanswered-list li")).to_have_count(2)  # the flagged one and the skipped one
    expect(page.locator(".flagged-list li")).to_have_count(1)
    page.get_by_role("button", name="Submit the exam").click()

    expect(page).to_have_url(re.compile(r"/result/$"))
    expect(page.locator("#scaled-score")).to_have_text("640")  # 3 of 5: 100 + 900 * 3 // 5
    expect(page.locator(".result .verdict")).to_have_text("Fail")
    expect(page.locator(".review-item")).to_have_count(5)
    expect(page.locator("table.domains")).to_contain_text("Storage")
    attempt.refresh_from_db()
    assert (attempt.state, attempt.raw_score) == ("submitted", 3)
    assert csp_errors == []


def test_back_after_submitting_shows_the_result_not_the_exam_still_running(page, live_server, short_exam,
                                                                          learner):
    log_in(page, live_server, learner)
    page.goto(live_server.url + "/quiz/exams/short/")
    page.get_by_role("button", name="Start the exam").click()
    page.get_by_role("button", name="Review and submit").click()
    expect(page).to_have_url(re.compile(r"/review/$"))
    page.get_by_role("button", name="Submit the exam").click()
    expect(page).to_have_url(re.compile(r"/result/$"))

    page.go_back()  # to the review screen: the server sends the result, not the browser's copy
    expect(page).to_have_url(re.compile(r"/result/$"))
    expect(page.locator("#countdown")).to_have_count(0)
    expect(page.get_by_role("button", name="Submit the exam")).to_have_count(0)


def test_an_exam_left_to_run_out_submits_itself_and_is_graded(page, live_server, short_exam, learner):
    now = timezone.now()
    attempt, _ = attempts.start_exam(learner, short_exam, "en", now=now - timedelta(seconds=54))
    item = attempt.items.filter(choose=1).first()
    attempts.save_exam_answer(attempt, item, [label_of(item, "A")], now=now)  # answered, then left alone
    log_in(page, live_server, learner)
    page.goto(live_server.url + f"/quiz/attempts/{attempt.uid}/{item.number}/")
    expect(page).to_have_url(re.compile(r"/result/$"), timeout=20000)  # the countdown submits at zero
    expect(page.locator(".result")).to_contain_text("Time ran out: graded at the deadline.")
    expect(page.locator("#scaled-score")).to_have_text("280")  # 1 of 5
    attempt.refresh_from_db()
    assert (attempt.state, attempt.raw_score) == (Attempt.State.EXPIRED, 1)
    assert attempt.submitted_at == attempt.deadline


def test_a_reload_or_a_new_browser_resumes_the_exam(page, browser, live_server, short_exam, learner):
    log_in(page, live_server, learner)
    page.goto(live_server.url + "/quiz/exams/short/")
    page.get_by_role("button", name="Start the exam").click()
    attempt = Attempt.objects.get(user=learner)
    second = attempt.items.get(position=1)
    page.get_by_role("button", name="Next").click()
    expect(page).to_have_url(re.compile(r"/2/$"))
    choose(page, "B")
    expect(page.locator(".cell.current")).to_have_class(re.compile(r"\b(un)?answered\b"))
    settled(page)

    page.reload()
    expect(page.locator(".progress-line")).to_contain_text("Question 2 of 5")
    expect(page.locator("input[name=choice][value='B']")).to_be_checked()

    other = browser.new_context()
    fresh = other.new_page()
    log_in(fresh, live_server, learner)
    fresh.goto(live_server.url + "/quiz/exams/short/")
    fresh.get_by_role("button", name="Resume the exam").click()
    expect(fresh.locator(".progress-line")).to_contain_text("Question 2 of 5")
    expect(fresh.locator("input[name=choice][value='B']")).to_be_checked()
    other.close()
    second.refresh_from_db()
    assert second.chosen == [second.options[1]["key"]]


def test_a_refused_answer_shows_its_message_instead_of_failing_silently(page, live_server, make, learner):
    topic = make.topic()
    attempt = attempts.start_practice(learner, [make.question(topic), make.question(topic)], "en")
    first = attempt.items.get(position=0)
    log_in(page, live_server, learner)
    page.goto(live_server.url + f"/quiz/practice/{attempt.uid}/1/")
    page.route(re.compile(r".*/quiz/practice/.*"), lambda route: route.fulfill(
        status=429, content_type="text/plain; charset=utf-8",
        body="Too many requests. Please wait a moment and try again.",
    ) if route.request.method == "POST" else route.continue_())
    choose(page, label_of(first, "A"))
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator("#request-status")).to_have_text("Too many requests. Please wait a moment and try again.")
    expect(page.get_by_role("button", name="Check answer")).to_be_visible()
    first.refresh_from_db()
    assert first.answered_at is None

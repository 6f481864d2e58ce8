"""In headless Chromium: review the due questions, rate one Easy, and see the dashboard and the due count change."""

from datetime import timedelta

import pytest
from django.conf import settings
from django.utils import timezone
from playwright.sync_api import expect

from conftest import log_in
from quiz.attempts import label_of
from quiz.models import Attempt
from quiz.progress.models import ReviewCard, ReviewLog

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_reviewing_due_questions_changes_the_due_count_and_the_dashboard(page, live_server, make, learner,
                                                                         answering):
    topic = make.topic(name="Blue/green deployment", domain="deployment")
    questions = [make.question(topic) for _ in range(3)]
    for question in questions:
        answering.answer(learner, question, correct=True, when=timezone.now() - timedelta(days=4))
    ReviewCard.objects.filter(question__in=questions[:2]).update(due=timezone.now() - timedelta(hours=1))
    ReviewCard.objects.filter(question=questions[2]).update(due=timezone.now() + timedelta(days=3))
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, live_server, learner)

    badge_requests = []
    page.on("request", lambda request: badge_requests.append(1) if "/progress/due-count/" in request.url else None)
    page.goto(live_server.url + "/progress/")
    expect(page.locator("[data-review-due]")).to_have_text("2")  # the header badge, loaded by htmx
    page.wait_for_timeout(500)
    assert len(badge_requests) == 1  # its own swap does not trigger it again
    expect(page.locator("[data-answers]")).to_have_text("3")
    page.get_by_role("button", name="Review 2 due questions").click()

    attempt = Attempt.objects.get(user=learner, origin="review")
    first, second = attempt.items.order_by("position")
    page.locator(f"input[name=choice][value='{label_of(first, 'A')}']").check()
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator(".feedback .verdict")).to_have_text("Right!")
    expect(page.locator("[data-review-due]")).to_have_text("1")  # the badge follows each answer
    page.get_by_role("button", name="Easy").click()
    expect(page.get_by_role("button", name="Easy")).to_have_attribute("aria-pressed", "true")
    assert ReviewLog.objects.get(attempt_item=first).rating == 4

    page.get_by_role("button", name="Next question").click()
    page.locator(f"input[name=choice][value='{label_of(second, 'B')}']").check()
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator(".feedback .verdict")).to_contain_text("Not quite.")
    expect(page.locator(".rate-form")).to_have_count(0)  # a wrong answer is Again, no choice

    page.goto(live_server.url + "/progress/")
    expect(page.locator("[data-answers]")).to_have_text("5")
    expect(page.locator("[data-review-now]")).to_have_text("Nothing is due for review right now.")
    expect(page.locator("[data-review-due]")).to_have_count(0)
    expect(page.locator("[data-topic] .level")).to_have_count(1)
    expect(page.locator("svg.chart")).to_have_count(2)  # forecast and accuracy; no exams yet
    page.set_viewport_size({"width": 1200, "height": 900})
    page.screenshot(path=str(settings.BASE_DIR / "screenshots" / "progress-dashboard.png"), full_page=True)
    # from the review page and the settings, "My progress" opens the dashboard with its own styles
    for start, name in (("/progress/review/", "My progress"), ("/progress/settings/", "Back to my progress")):
        page.goto(live_server.url + start)
        page.locator("#main").get_by_role("link", name=name, exact=True).click()
        expect(page).to_have_url(live_server.url + "/progress/")
        expect(page.locator('link[rel=stylesheet][href*="progress.css"]')).to_have_count(1)
    assert errors == []


@pytest.mark.parametrize("width", [1280, 375])
def test_the_review_button_stands_level_with_the_weakest_topics_button_above_its_caption(
        page, live_server, make, learner, answering, width):
    page.set_viewport_size({"width": width, "height": 900})
    topics = [make.topic(name=f"Topic {n}", domain="deployment") for n in range(2)]
    questions = [make.question(topic) for topic in topics]
    for question in questions:
        answering.answer(learner, question, correct=False, when=timezone.now() - timedelta(days=4))
    ReviewCard.objects.filter(question__in=questions).update(due=timezone.now() - timedelta(hours=1))
    log_in(page, live_server, learner)
    page.goto(live_server.url + "/progress/")
    review = page.get_by_role("button", name="Review 2 due questions").bounding_box()
    weakest = page.get_by_role("button", name="Practise my weakest topics").bounding_box()
    if review["x"] < weakest["x"]:  # side by side (a narrow phone may stack them, each on its own line)
        assert abs(review["y"] - weakest["y"]) <= 1, (review, weakest)
    else:
        assert weakest["y"] >= review["y"] + review["height"], (review, weakest)

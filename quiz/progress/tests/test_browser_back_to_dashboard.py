"""In headless Chromium on a phone: Back from a review question to the dashboard or the review page shows
what is left now, not the page as it was before the answer."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import log_in
from quiz.attempts import label_of
from quiz.models import Attempt
from quiz.progress.models import ReviewCard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def three_due(learner, make, answering):
    topic = make.topic(name="Blue/green deployment", domain="deployment")
    questions = [make.question(topic) for _ in range(3)]
    for question in questions:
        answering.answer(learner, question, correct=True, when=timezone.now() - timedelta(days=4))
    ReviewCard.objects.filter(question__in=questions).update(due=timezone.now() - timedelta(hours=1))


def _answer_first(page, learner):
    first = Attempt.objects.get(user=learner, origin="review").items.order_by("position").first()
    page.locator(f"input[name=choice][value='{label_of(first, 'A')}']").check()
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator(".feedback .verdict")).to_have_text("Right!")


@pytest.mark.parametrize("path", ["/progress/", "/progress/review/"])
def test_back_after_an_answer_shows_the_questions_left_now(page, live_server, learner, three_due, path):
    page.set_viewport_size({"width": 390, "height": 844})
    log_in(page, live_server, learner)
    page.goto(live_server.url + path)
    page.get_by_role("button", name=re.compile("^Review 3 (due )?questions")).click()
    _answer_first(page, learner)

    page.go_back()
    expect(page.get_by_role("button", name="Continue your review: 2 questions left")).to_be_visible()
    page.get_by_role("button", name="Continue your review: 2 questions left").click()
    expect(page).to_have_url(re.compile(r"/2/$"))  # the set resumed at its next question, none doubled
    expect(page.get_by_role("button", name="Check answer")).to_be_visible()
    assert Attempt.objects.filter(user=learner, origin="review").count() == 1

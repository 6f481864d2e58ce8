"""What a screen reader meets on the progress pages, in Chromium: each dashboard chart and its table named after
the chart, and the message after a redirect ("Review settings saved.") read out by taking the keyboard focus."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from conftest import log_in
from quiz import attempts
from quiz.models import Mode, Quiz

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_each_chart_is_named_by_its_heading_and_its_table_after_the_chart(page, live_server, make, learner,
                                                                        answering):
    topic = make.topic(domain="deployment")
    questions = [make.question(topic) for _ in range(4)]
    answering.answer(learner, questions[0], correct=True, when=timezone.now() - timedelta(days=1))
    quiz = Quiz.objects.create(slug="scores", title="Scores", mode=Mode.EXAM, question_count=4, only_approved=False)
    exam, _ = attempts.start_exam(learner, quiz, "en")
    attempts.submit(exam, now=timezone.now())
    log_in(page, live_server, learner)
    page.goto(live_server.url + "/progress/")

    for heading in ("Reviews due over the next 14 days", "Accuracy over time", "Exam scores"):
        section = page.get_by_role("region", name=heading)
        # not the colour key ("figure, pass mark 720"), nor nothing at all (the accuracy chart has no key)
        expect(section.get_by_role("figure")).to_have_accessible_name(heading)
        expect(section.locator("details > summary")).to_have_text(f"Table: {heading}")  # not three "Table"s


def test_a_message_after_a_redirect_takes_the_focus(page, live_server, learner):
    log_in(page, live_server, learner)
    page.goto(live_server.url + "/progress/settings/")
    page.get_by_role("button", name="Save").click()

    message = page.get_by_role("status").filter(has_text="Review settings saved.")
    expect(message).to_be_focused()  # a live region present at load is not read out; the focus is
    page.keyboard.press("Tab")  # and the keyboard goes on from there, not from the top of the page
    expect(page.locator("#id_daily_review_cap")).to_be_focused()


def test_a_message_leaves_the_focus_to_a_field_the_page_focuses(page, live_server, learner):
    log_in(page, live_server, learner)
    page.goto(live_server.url + "/progress/settings/")
    token = page.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    saved = page.request.post(live_server.url + "/progress/settings/", max_redirects=0,
                              headers={"Referer": live_server.url + "/progress/settings/"},
                              form={"csrfmiddlewaretoken": token, "daily_review_cap": "50", "time_zone": "UTC"})
    assert saved.status == 302

    page.goto(live_server.url + "/accounts/password_change/")  # its first field has autofocus
    expect(page.get_by_role("status").filter(has_text="Review settings saved.")).to_be_visible()
    expect(page.get_by_label("Old password")).to_be_focused()

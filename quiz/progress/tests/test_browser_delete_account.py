"""In headless Chromium: a learner deletes their account from "My data" and lands signed out."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from conftest import PASSWORD, log_in
from quiz.models import Attempt
from quiz.progress.models import ReviewCard

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_learner_deletes_their_account_with_their_password(page, live_server, make, learner, other_learner,
                                                             answering):
    question = make.question()
    answering.answer(learner, question, correct=True)
    answering.answer(other_learner, question, correct=False)
    log_in(page, live_server, learner)
    page.goto(live_server.url + "/progress/")

    page.get_by_role("link", name="Delete my account").click()
    expect(page.locator("h1")).to_have_text("Delete my account")
    expect(page.locator("[data-deleted]")).to_contain_text("your class memberships.")
    page.get_by_label("Your current password").fill("not my password")
    page.get_by_role("button", name="Delete my account").click()
    expect(page.locator(".field-error")).to_have_text("That is not your password; nothing was deleted.")
    expect(page.get_by_label("Your current password")).to_be_focused()
    assert get_user_model().objects.filter(pk=learner.pk).exists()

    page.get_by_label("Your current password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    expect(page.locator("h1")).to_have_text("Account deleted")
    expect(page.locator(".account-menu")).to_contain_text("Log in")  # signed out
    assert page.url == live_server.url + "/progress/account-deleted/"
    assert not get_user_model().objects.filter(pk=learner.pk).exists()
    assert not Attempt.objects.filter(user_id=learner.pk).exists()
    assert ReviewCard.objects.filter(user=other_learner).count() == 1

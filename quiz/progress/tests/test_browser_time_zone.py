"""In headless Chromium set to Tokyo: a learner without a time zone is offered the device's, and accepts it; a
device in the zone the site uses already is offered nothing; a sign-up sends the device's zone."""

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from conftest import log_in
from quiz.progress.models import LearnerSettings

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_learner_on_a_tokyo_device_is_offered_tokyo_and_accepts_it(browser, live_server, learner):
    errors = []
    tokyo = browser.new_context(timezone_id="Asia/Tokyo")
    page = tokyo.new_page()
    page.on("console", lambda msg: errors.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    log_in(page, live_server, learner)

    page.goto(live_server.url + "/progress/")
    notice = page.locator("[data-time-zone-offer]")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("Times and your daily limits use UTC. Use Asia/Tokyo, this device's time zone?")
    page.get_by_role("button", name="Use Asia/Tokyo").click()

    expect(page.locator(".message-success")).to_have_text("Times now use Asia/Tokyo.")
    assert page.url == live_server.url + "/progress/"
    expect(page.locator("[data-time-zone-offer]")).to_have_count(0)
    assert LearnerSettings.objects.get(user=learner).time_zone == "Asia/Tokyo"
    assert errors == []
    tokyo.close()


def test_a_device_in_the_zone_in_use_is_offered_nothing_and_sign_up_sends_the_devices_zone(browser, live_server,
                                                                                           learner, settings):
    utc = browser.new_context(timezone_id="Etc/UTC")  # Intl names it UTC, as the site does
    page = utc.new_page()
    log_in(page, live_server, learner)
    page.goto(live_server.url + "/")
    expect(page.locator("[data-time-zone-offer]")).to_have_count(1)
    expect(page.locator("[data-time-zone-offer]")).to_be_hidden()
    utc.close()

    settings.SIGNUP_EMAIL_LINK = False
    seoul = browser.new_context(timezone_id="Asia/Seoul")
    page = seoul.new_page()
    page.goto(live_server.url + "/accounts/signup/")
    page.get_by_label("Username").fill("newbie")
    page.get_by_label("Email").fill("newbie@example.com")
    page.get_by_label("Password", exact=True).fill("cloud-study-42x")
    page.get_by_label("Password confirmation").fill("cloud-study-42x")
    page.get_by_role("button", name="Sign up").last.click()
    expect(page.get_by_text("newbie", exact=True)).to_be_visible()  # the account menu, not the welcome
    user = get_user_model().objects.get(username="newbie")
    assert LearnerSettings.objects.get(user=user).time_zone == "Asia/Seoul"
    seoul.close()

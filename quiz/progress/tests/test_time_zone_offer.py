"""The offer of the device's time zone to a learner who has none (templates/_time_zone_offer.html): rendered
hidden for static/js/app.js to show, answered at /progress/settings/time-zone/ (views.time_zone_offer)."""

import re
from datetime import datetime
from datetime import timezone as dt_timezone

import pytest

from conftest import PASSWORD
from quiz.progress.models import LearnerSettings
from studynotes.timezones import OFFER_DISMISSED_KEY, SESSION_KEY

pytestmark = pytest.mark.django_db

OFFER = re.compile(r"<article[^>]*data-time-zone-offer=\"([^\"]*)\"[^>]*>")


def offer(client, url="/"):
    """The offer's opening tag on the page at ``url``, or None."""
    found = OFFER.search(client.get(url).content.decode())
    return found and found.group(0)


def test_a_learner_without_a_zone_gets_the_offer_hidden_for_the_script_on_home_and_dashboard(learner_client):
    for url in ("/", "/progress/"):
        tag = offer(learner_client, url)
        assert tag is not None, url
        assert 'data-time-zone-offer="UTC"' in tag and " hidden" in tag  # shown only by the script


def test_anonymous_visitors_get_no_offer(client, db):
    assert offer(client, "/") is None
    client.get("/accounts/login/")  # a session cookie, no user
    assert offer(client, "/") is None


def test_a_learner_who_chose_a_zone_gets_no_offer(learner_client):
    assert offer(learner_client, "/") is not None
    learner_client.post("/progress/settings/", {"daily_review_cap": "100", "time_zone": "Asia/Seoul"})
    assert offer(learner_client, "/") is None
    assert offer(learner_client, "/progress/") is None


def test_saving_the_settings_with_the_sites_zone_is_a_choice_and_no_offer_is_made_again(client, learner):
    client.force_login(learner)
    assert offer(client, "/") is not None
    client.post("/progress/settings/", {"daily_review_cap": "100", "time_zone": ""})
    assert offer(client, "/") is None
    client.logout()
    client.post("/accounts/login/", {"username": learner.username, "password": PASSWORD})
    assert offer(client, "/") is None
    assert LearnerSettings.objects.get(user=learner).time_zone == ""


def test_a_zone_chosen_on_another_visit_is_known_at_login_and_no_offer_is_made(client, learner):
    LearnerSettings.objects.create(user=learner, time_zone="Asia/Tokyo")
    client.post("/accounts/login/", {"username": learner.username, "password": PASSWORD})
    assert offer(client, "/") is None


def test_accepting_saves_the_zone_as_the_settings_do_and_the_next_request_uses_it(learner, learner_client):
    from quiz.models import Mode, Quiz

    LearnerSettings.objects.create(user=learner, daily_review_cap=40)
    quiz = Quiz.objects.create(slug="late", title="Late", mode=Mode.EXAM, question_count=1, only_approved=False,
                               closes_at=datetime(2030, 12, 31, 15, 30, tzinfo=dt_timezone.utc))
    assert "Open until 2030-12-31 15:30" in learner_client.get(f"/quiz/exams/{quiz.slug}/").content.decode()

    response = learner_client.post("/progress/settings/time-zone/",
                                   {"answer": "use", "time_zone": "Asia/Tokyo", "next": "/"})

    assert response.status_code == 302 and response["Location"] == "/"
    saved = LearnerSettings.objects.get(user=learner)
    assert (saved.time_zone, saved.daily_review_cap) == ("Asia/Tokyo", 40)  # the cap untouched
    assert learner_client.session[SESSION_KEY] == "Asia/Tokyo"
    page = learner_client.get(f"/quiz/exams/{quiz.slug}/").content.decode()
    assert "Open until 2031-01-01 00:30" in page
    assert offer(learner_client, "/") is None


def test_accepting_says_so_on_the_page_it_returns_to(learner_client):
    response = learner_client.post("/progress/settings/time-zone/",
                                   {"answer": "use", "time_zone": "Asia/Seoul", "next": "/progress/"}, follow=True)
    assert response.redirect_chain[-1][0] == "/progress/"
    assert "Times now use Asia/Seoul." in response.content.decode()


def test_accepting_a_zone_that_does_not_exist_saves_nothing_and_says_so(learner, learner_client):
    response = learner_client.post("/progress/settings/time-zone/",
                                   {"answer": "use", "time_zone": "Mars/Olympus"}, follow=True)
    assert "Choose a time zone from the list." in response.content.decode()
    assert not LearnerSettings.objects.filter(user=learner).exists()
    assert SESSION_KEY not in learner_client.session


def test_dismissing_keeps_the_sites_zone_and_the_offer_is_not_made_again_even_after_a_new_login(client, learner):
    client.force_login(learner)
    response = client.post("/progress/settings/time-zone/", {"answer": "dismiss", "time_zone": "Asia/Tokyo"})

    assert response.status_code == 302 and response["Location"] == "/progress/"
    saved = LearnerSettings.objects.get(user=learner)
    assert (saved.time_zone, saved.time_zone_offer_dismissed, saved.daily_review_cap) == ("", True, 100)
    assert SESSION_KEY not in client.session
    assert offer(client, "/") is None and offer(client, "/progress/") is None

    client.post("/accounts/logout/")
    client.post("/accounts/login/", {"username": learner.username, "password": PASSWORD})
    assert client.session[OFFER_DISMISSED_KEY] is True
    assert offer(client, "/") is None


def test_deleting_ones_progress_data_forgets_the_dismissal_with_the_settings(learner, learner_client):
    learner_client.post("/progress/settings/time-zone/", {"answer": "dismiss"})
    learner_client.post("/progress/delete/", {"confirm": learner.username})
    assert not LearnerSettings.objects.filter(user=learner).exists()
    assert offer(learner_client, "/") is not None


def test_the_answer_goes_back_only_to_a_page_of_this_site(learner_client):
    response = learner_client.post("/progress/settings/time-zone/",
                                   {"answer": "dismiss", "next": "https://evil.example/"})
    assert response["Location"] == "/progress/"


@pytest.mark.parametrize("target", ["abc", "true", "quiz:index", "admin:index"])
def test_a_next_that_is_not_a_path_goes_to_the_dashboard_not_to_a_view_of_that_name(learner_client, target):
    # redirect() read a word as a view name: an unknown one raised NoReverseMatch (a 500)
    response = learner_client.post("/progress/settings/time-zone/", {"answer": "dismiss", "next": target})
    assert response.status_code == 302 and response["Location"] == "/progress/"


def test_the_answer_is_a_post_by_a_signed_in_user(client, learner_client):
    assert learner_client.get("/progress/settings/time-zone/").status_code == 405
    client.logout()
    response = client.post("/progress/settings/time-zone/", {"answer": "use", "time_zone": "Asia/Tokyo"})
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert not LearnerSettings.objects.exists()


def test_the_offer_costs_no_query(learner_client, django_assert_num_queries):
    learner_client.get("/")
    with django_assert_num_queries(2):  # the session with its user, the topics
        assert offer(learner_client, "/") is not None

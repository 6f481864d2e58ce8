"""A learner's own time zone: their day for the daily cap and every time shown (studynotes.timezones)."""

from datetime import datetime, timedelta
from datetime import timezone as dt_timezone
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from conftest import PASSWORD
from quiz.progress.models import LearnerSettings, ReviewCard
from studynotes.timezones import SESSION_KEY

pytestmark = pytest.mark.django_db


def test_the_settings_keep_a_time_zone_and_the_session_follows_at_once(learner, learner_client):
    html = learner_client.get("/progress/settings/").content.decode()
    assert '<option value="Asia/Seoul">Asia/Seoul</option>' in html and "Site default (UTC)" in html
    learner_client.post("/progress/settings/", {"daily_review_cap": "50", "time_zone": "Asia/Seoul"})
    assert LearnerSettings.objects.get(user=learner).time_zone == "Asia/Seoul"
    assert learner_client.session[SESSION_KEY] == "Asia/Seoul"
    html = learner_client.get("/progress/settings/").content.decode()
    assert '<option value="Asia/Seoul" selected>' in html
    # any IANA name, not only the listed ones; back to the site's
    learner_client.post("/progress/settings/", {"daily_review_cap": "50", "time_zone": "Europe/Paris"})
    assert LearnerSettings.objects.get(user=learner).time_zone == "Europe/Paris"
    learner_client.post("/progress/settings/", {"daily_review_cap": "50", "time_zone": ""})
    assert SESSION_KEY not in learner_client.session


def test_a_zone_that_does_not_exist_is_refused_and_nothing_changes(learner, learner_client):
    response = learner_client.post("/progress/settings/", {"daily_review_cap": "50", "time_zone": "Mars/Olympus"})
    html = response.content.decode()
    assert "Choose a time zone from the list." in html and 'aria-describedby="tz-errors tz-help"' in html
    assert '<small id="tz-help">' in html
    assert not LearnerSettings.objects.filter(user=learner).exists()


def test_logging_in_brings_the_learners_zone_into_the_session(client, learner):
    LearnerSettings.objects.create(user=learner, time_zone="Asia/Tokyo")
    client.post("/accounts/login/", {"username": learner.username, "password": PASSWORD})
    assert client.session[SESSION_KEY] == "Asia/Tokyo"


def test_times_are_shown_in_the_learners_zone(learner, learner_client):
    from quiz.models import Mode, Quiz

    quiz = Quiz.objects.create(slug="late", title="Late", mode=Mode.EXAM, question_count=1, only_approved=False,
                               closes_at=datetime(2030, 12, 31, 15, 30, tzinfo=dt_timezone.utc))
    assert "Open until 2030-12-31 15:30" in learner_client.get(f"/quiz/exams/{quiz.slug}/").content.decode()
    learner_client.post("/progress/settings/", {"daily_review_cap": "100", "time_zone": "Asia/Seoul"})
    assert "Open until 2031-01-01 00:30" in learner_client.get(f"/quiz/exams/{quiz.slug}/").content.decode()


def test_the_learners_day_starts_at_their_midnight(learner, learner_client, make, answering, monkeypatch):
    """Two due reviews a minute either side of midnight in Tokyo (the same UTC day): for a learner in Tokyo
    only the later one was today."""
    # "now" fixed at 18:00 in Tokyo: in the real first minutes of a Tokyo day (15:00 UTC), yesterday's midnight
    # was taken and neither review was today
    fixed = datetime(2026, 11, 20, 9, 0, tzinfo=dt_timezone.utc)
    monkeypatch.setattr(timezone, "now", lambda: fixed)
    questions = [make.question() for _ in range(2)]
    for question in questions:
        answering.answer(learner, question, correct=True, when=fixed - timedelta(days=10))
    ReviewCard.objects.filter(user=learner).update(due=fixed - timedelta(days=3))
    tokyo = ZoneInfo("Asia/Tokyo")
    midnight = timezone.localtime(fixed, tokyo).replace(hour=0, minute=0, second=0, microsecond=0)
    answering.answer(learner, questions[0], correct=True, when=midnight - timedelta(minutes=1))
    answering.answer(learner, questions[1], correct=True, when=midnight + timedelta(minutes=1))
    learner_client.post("/progress/settings/", {"daily_review_cap": "100", "time_zone": "Asia/Tokyo"})
    html = learner_client.get("/progress/").content.decode()
    assert "<dd>1 / 100</dd>" in html


def test_per_day_counts_put_answers_on_their_local_day_in_a_zone_with_daylight_saving_time(learner, make,
                                                                                          answering):
    """Whichever offset New York has today, an answer from the other period falls on its own local day (shifting
    every row by today's offset, as for a zone with one offset all year, moved it by an hour across midnight)."""
    from datetime import date

    from quiz.progress import dashreads

    new_york = ZoneInfo("America/New_York")
    if timezone.localtime(timezone.now(), new_york).utcoffset() == timedelta(hours=-5):  # today is winter time
        moment, local_day = datetime(2026, 7, 1, 4, 30, tzinfo=dt_timezone.utc), date(2026, 7, 1)  # 00:30 EDT
    else:
        moment, local_day = datetime(2026, 1, 15, 4, 30, tzinfo=dt_timezone.utc), date(2026, 1, 14)  # 23:30 EST
    answering.answer(learner, make.question(), correct=True, when=moment)
    with timezone.override(new_york):
        _cards, _due, activity = dashreads.learner_counts(learner, timezone.now(), 14)
    assert [day for day, _n, _right in activity] == [local_day]
    with timezone.override(ZoneInfo("Asia/Tokyo")):  # one offset all year: the fast shift, the same answer
        _cards, _due, activity = dashreads.learner_counts(learner, timezone.now(), 14)
    assert [day for day, _n, _right in activity] == [timezone.localtime(moment, ZoneInfo("Asia/Tokyo")).date()]


def _exam_page(client):
    from quiz.models import Mode, Quiz

    closes_at = datetime(2030, 12, 31, 15, 30, tzinfo=dt_timezone.utc)
    quiz, _ = Quiz.objects.get_or_create(slug="late", defaults={
        "title": "Late", "mode": Mode.EXAM, "question_count": 1, "only_approved": False, "closes_at": closes_at})
    return client.get(f"/quiz/exams/{quiz.slug}/").content.decode()


def test_a_zone_chosen_on_one_device_shows_on_the_other_devices_next_page(learner):
    from django.test import Client

    phone, laptop = Client(), Client()
    phone.force_login(learner)
    laptop.force_login(learner)
    assert "Open until 2030-12-31 15:30" in _exam_page(laptop)  # the site's zone (UTC)
    phone.post("/progress/settings/", {"daily_review_cap": "100", "time_zone": "Asia/Tokyo"})
    assert "Open until 2031-01-01 00:30" in _exam_page(laptop)  # no new login
    assert laptop.session[SESSION_KEY] == "Asia/Tokyo"  # the session's copy follows (read without the user)
    phone.post("/progress/delete/", {"confirm": learner.username})  # the settings gone: the site's zone again
    assert "Open until 2030-12-31 15:30" in _exam_page(laptop)
    assert SESSION_KEY not in laptop.session


def test_the_offer_declined_on_one_device_is_not_made_on_the_other(learner):
    from django.test import Client

    phone, laptop = Client(), Client()
    phone.force_login(learner)
    laptop.force_login(learner)
    assert 'data-time-zone-offer="UTC"' in laptop.get("/").content.decode()  # the offer (hidden)
    phone.post("/progress/settings/time-zone/", {"answer": "dismiss"})
    assert 'data-time-zone-offer="UTC"' not in laptop.get("/").content.decode()


def test_following_the_accounts_zone_costs_no_query(learner, learner_client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    laptop = learner_client
    _exam_page(laptop)
    with CaptureQueriesContext(connection) as before:
        _exam_page(laptop)
    LearnerSettings.objects.create(user=learner, time_zone="Asia/Tokyo")
    _exam_page(laptop)  # the one request that writes the session's new copy
    with CaptureQueriesContext(connection) as after:
        assert "Open until 2031-01-01 00:30" in _exam_page(laptop)
    assert len(after) == len(before), [q["sql"] for q in after]


def _browser(learner, backend=None):
    """A browser logged in as ``learner``; through ``backend``: ``ModelBackend`` logged in the sign-up's
    sessions before it used the login form's backend, and such sessions live on until they expire."""
    from django.test import Client

    client = Client()
    client.force_login(learner, backend=backend)
    return client


def test_a_session_another_backend_logged_in_follows_the_accounts_zone_and_is_read_with_its_user(learner):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    laptop, phone = _browser(learner, "django.contrib.auth.backends.ModelBackend"), _browser(learner)
    _exam_page(laptop), _exam_page(phone)
    with CaptureQueriesContext(connection) as joined:
        _exam_page(phone)
    with CaptureQueriesContext(connection) as other:
        assert "Open until 2030-12-31 15:30" in _exam_page(laptop)
    assert len(other) == len(joined), [q["sql"] for q in other]  # the session and its user: one statement
    LearnerSettings.objects.create(user=learner, time_zone="Asia/Tokyo")
    assert "Open until 2031-01-01 00:30" in _exam_page(laptop)
    assert laptop.session[SESSION_KEY] == "Asia/Tokyo"


def test_a_workers_first_request_of_a_session_follows_the_accounts_zone(learner, learner_client):
    from studynotes import sessions

    _exam_page(learner_client)
    LearnerSettings.objects.create(user=learner, time_zone="Asia/Tokyo")
    sessions._owners.clear()  # a worker that has not seen this session yet: it reads the session alone
    assert "Open until 2031-01-01 00:30" in _exam_page(learner_client)
    assert learner_client.session[SESSION_KEY] == "Asia/Tokyo"


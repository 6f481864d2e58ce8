"""/progress/settings/: the daily review cap."""

import pytest

from quiz.progress.models import LearnerSettings

URL = "/progress/settings/"


def test_it_shows_the_default_cap(learner_client):
    response = learner_client.get(URL)
    assert response.status_code == 200
    assert 'value="100"' in response.content.decode()


def test_saving_a_cap_stores_it_and_redirects(learner, learner_client):
    response = learner_client.post(URL, {"daily_review_cap": "35"})
    assert response.status_code == 302
    assert LearnerSettings.cap_for(learner) == 35
    learner_client.post(URL, {"daily_review_cap": "40"})
    assert LearnerSettings.objects.get(user=learner).daily_review_cap == 40


@pytest.mark.parametrize(
    "value, message",
    [("0", "Allow at least one review a day."), ("5000", "At most 1000 reviews a day."),
     ("lots", "Enter a whole number."), ("", "This field is required.")],
)
def test_bad_caps_get_a_message_and_nothing_is_written(learner, learner_client, value, message):
    response = learner_client.post(URL, {"daily_review_cap": value})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not LearnerSettings.objects.filter(user=learner).exists()


def test_a_refused_cap_takes_the_focus_with_its_message(learner_client):
    html = learner_client.post(URL, {"daily_review_cap": "0"}).content.decode()
    field = html[html.index('name="daily_review_cap"'):].split(">")[0]
    assert 'aria-invalid="true" aria-describedby="cap-errors cap-help" autofocus' in field
    assert '<small id="cap-help">' in html  # the help stays, and is read after the error
    assert "autofocus" not in learner_client.get(URL).content.decode().split("<main")[1]

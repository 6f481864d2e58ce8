"""seed_demo: the two demo accounts, idempotent, never in production."""

from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

from studynotes.roles import is_instructor

pytestmark = pytest.mark.django_db


def run():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_creates_learner_and_instructor_with_the_demo_password_and_prints_them():
    output = run()

    learner = authenticate(username="learner", password="kumo-demo")
    instructor = authenticate(username="instructor", password="kumo-demo")
    assert learner is not None and instructor is not None
    assert not is_instructor(learner)
    assert is_instructor(instructor)
    assert "learner" in output and "instructor" in output and "kumo-demo" in output


def test_seed_demo_is_idempotent_and_repairs_a_changed_password():
    run()
    user = get_user_model().objects.get(username="learner")
    user.set_password("something-else-1")
    user.save()

    run()

    assert get_user_model().objects.filter(username__in=["learner", "instructor"]).count() == 2
    assert authenticate(username="learner", password="kumo-demo") is not None
    assert get_user_model().objects.get(username="instructor").groups.count() == 1


def test_seed_demo_refuses_under_production_settings_and_writes_nothing(settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="never runs in production"):
        run()

    assert not get_user_model().objects.exists()


def test_seed_demo_adds_a_short_mock_exam_with_the_mock_exams_blueprint_once():
    from quiz.attempts import mock_exam
    from quiz.models import Quiz

    mock = mock_exam()
    mock.rules = {"weights": {"compute": 30, "networking": 70}}
    mock.save()
    first = run()
    short = Quiz.objects.get(slug="short-mock-exam")
    assert (short.mode, short.question_count, short.time_limit_minutes, short.pass_mark) == ("exam", 20, 40, 720)
    assert short.rules == mock.rules and short.published and not short.only_approved
    assert short.display_title == "Short mock exam"

    short.time_limit_minutes = 45  # an instructor's change stays
    short.save()
    before = list(Quiz.objects.order_by("pk").values())
    second = run()
    assert list(Quiz.objects.order_by("pk").values()) == before
    # the printed contract: the demo accounts, nothing about exams
    assert [line.split()[1:] for line in first.splitlines()] == [line.split()[1:] for line in second.splitlines()]
    assert "exam" not in second.lower()

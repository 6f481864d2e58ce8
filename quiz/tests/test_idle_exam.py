"""An exam without a time limit that the learner leaves alone ends after ``QUIZ_IDLE_EXAM_DAYS`` without activity
and is graded as it stands, like a timed exam that ran out; until then the dashboard and the review page say
that it holds its questions, with a way back to it (docs/QUIZ.md, "An exam without a time limit")."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from quiz import attempts
from quiz.attempts import label_of
from quiz.models import Attempt, Mode, Quiz
from quiz.selection import in_open_exam

IDLE_ENDED = "This exam was left without activity for 7 days, so it was ended and graded as it stood."
HOLDS = "This exam in progress holds its 2 questions from review and practice until it ends."


@pytest.fixture
def untimed(make, learner, settings):
    settings.QUIZ_IDLE_EXAM_DAYS = 7
    first, second = make.question(), make.question()
    quiz = Quiz.objects.create(slug="untimed", title="Week 1", mode=Mode.EXAM, question_count=2,
                               time_limit_minutes=None, only_approved=False, shuffle=False)
    quiz.questions.add(first, second)
    attempt, _created = attempts.start_exam(learner, quiz, "en")
    return attempt


def left_alone(attempt, days):
    """The exam as if its last activity was ``days`` ago."""
    before = timezone.now() - timedelta(days=days)
    Attempt.objects.filter(pk=attempt.pk).update(started_at=before, deadline=attempts.idle_deadline(before))


def right_label(attempt, position):
    item = attempt.items.get(position=position)
    return label_of(item, item.correct_keys[0])


def test_an_exam_without_a_time_limit_ends_after_the_idle_days_and_shows_no_countdown(
        untimed, learner_client):
    assert untimed.ends_when_idle
    assert timedelta(days=7) < untimed.deadline - timezone.now() <= timedelta(days=7, hours=1)
    html = learner_client.get(f"/quiz/attempts/{untimed.uid}/1/").content.decode()
    assert "data-seconds-left" not in html and "Search is off" not in html


def test_a_timed_exam_is_not_ended_by_idleness(make, learner):
    quiz = Quiz.objects.create(slug="timed", title="Timed", mode=Mode.EXAM, question_count=1, time_limit_minutes=30,
                               only_approved=False)
    quiz.questions.add(make.question())
    attempt, _created = attempts.start_exam(learner, quiz, "en")
    assert not attempt.ends_when_idle and attempt.seconds_left(timezone.now()) == 30 * 60


def test_visiting_the_exam_moves_its_idle_deadline_on(untimed, learner_client):
    left_alone(untimed, 5)
    learner_client.get(f"/quiz/attempts/{untimed.uid}/2/")
    untimed.refresh_from_db()
    assert untimed.state == Attempt.State.IN_PROGRESS
    assert untimed.deadline - timezone.now() > timedelta(days=6, hours=23)


def test_an_answer_moves_its_idle_deadline_on(untimed, learner_client):
    left_alone(untimed, 5)
    learner_client.post(f"/quiz/attempts/{untimed.uid}/1/", {"choice": right_label(untimed, 0)})
    untimed.refresh_from_db()
    assert untimed.deadline - timezone.now() > timedelta(days=6, hours=23)


def test_an_exam_left_alone_is_graded_on_the_next_visit_with_its_answers_kept(untimed, learner_client):
    learner_client.post(f"/quiz/attempts/{untimed.uid}/1/", {"choice": right_label(untimed, 0), "action": "flag"})
    left_alone(untimed, 8)
    response = learner_client.get(f"/quiz/attempts/{untimed.uid}/2/")
    assert response.status_code == 302 and response.url == f"/quiz/attempts/{untimed.uid}/result/"
    untimed.refresh_from_db()
    assert untimed.state == Attempt.State.EXPIRED and untimed.raw_score == 1 and untimed.item_count == 2
    first = untimed.items.get(position=0)
    assert first.correct and first.flagged and first.chosen == first.correct_keys
    html = learner_client.get(response.url).content.decode()
    assert IDLE_ENDED in html and "Time used" not in html


def test_an_answer_sent_after_the_idle_days_is_refused_and_the_exam_graded(untimed, learner_client):
    left_alone(untimed, 8)
    response = learner_client.post(f"/quiz/attempts/{untimed.uid}/1/", {"choice": right_label(untimed, 0)},
                                   follow=True)
    assert IDLE_ENDED in response.content.decode()
    untimed.refresh_from_db()
    assert untimed.state == Attempt.State.EXPIRED and untimed.raw_score == 0
    assert untimed.items.get(position=0).chosen == []


def test_an_exam_left_alone_stops_holding_its_questions_before_anyone_visits_it(untimed, learner):
    now = timezone.now()
    held = {row["question_id"] for row in in_open_exam(learner, now)}
    assert held == set(untimed.items.values_list("question_id", flat=True))
    left_alone(untimed, 8)
    assert not in_open_exam(learner, now).exists()
    assert attempts.expire_overdue(now, user=learner) == 1  # and manage.py expire_attempts grades it


def test_the_dashboard_and_the_review_page_show_the_exam_that_holds_questions(untimed, learner_client):
    for url in ("/progress/", "/progress/review/"):
        html = learner_client.get(url).content.decode()
        assert "data-open-exam" in html and HOLDS in html and "Week 1" in html
        assert f'href="/quiz/attempts/{untimed.uid}/1/"' in html  # resume
        assert f'href="/quiz/attempts/{untimed.uid}/review/"' in html  # review and submit
    # the review page says how far the exam is and the date it now ends on; the cached dashboard, which an answer
    # does not make stale, says neither
    review = learner_client.get("/progress/review/").content.decode()
    assert "0 of 2 answered" in review and "Left without activity, it ends on" in review
    dashboard = learner_client.get("/progress/").content.decode()
    assert "answered" not in dashboard.split("data-open-exam")[1].split("</article>")[0]
    assert "Left without activity for 7 days, it ends and is graded as it stands." in dashboard
    attempts.submit(Attempt.objects.get(pk=untimed.pk), now=timezone.now())
    for url in ("/progress/", "/progress/review/"):
        assert "data-open-exam" not in learner_client.get(url).content.decode()


def test_the_review_page_reads_open_exams_in_one_query_only_when_there_are_some(
        untimed, learner_client, django_assert_num_queries):
    # session with its user, catch_up_reviews, due cards with the open exams' count, next due, the open exams
    with django_assert_num_queries(5):
        learner_client.get("/progress/review/")
    attempts.submit(Attempt.objects.get(pk=untimed.pk), now=timezone.now())
    with django_assert_num_queries(4):  # as test_review_view: no open exam, no query for them
        learner_client.get("/progress/review/")


def test_the_cached_dashboard_shows_open_exams_without_a_query_of_their_own(
        untimed, learner_client, django_assert_num_queries):
    learner_client.get("/progress/")
    with django_assert_num_queries(3):  # session with its user, freshness, the cached dashboard: the box is in it
        assert HOLDS in learner_client.get("/progress/").content.decode()
    attempts.submit(Attempt.objects.get(pk=untimed.pk), now=timezone.now())
    learner_client.get("/progress/")
    with django_assert_num_queries(3):  # as test_dashboard_cache: no open exam, no query for them
        learner_client.get("/progress/")


def test_an_answer_in_the_last_hour_does_not_write_the_idle_deadline_again(untimed, learner_client):
    before = untimed.deadline
    learner_client.post(f"/quiz/attempts/{untimed.uid}/1/", {"choice": right_label(untimed, 0)},
                        HTTP_HX_REQUEST="true")
    untimed.refresh_from_db()
    if connection.vendor == "postgresql":  # one statement writes the position, the deadline with it at no cost
        assert before <= untimed.deadline <= attempts.idle_deadline(timezone.now())
    else:
        assert untimed.deadline == before  # the save stayed on its question: no write of its own for it


def test_an_exam_is_never_ended_sooner_than_the_idle_days_after_its_last_activity(untimed):
    # saves on one question write the deadline at most once an hour (IDLE_DEADLINE_STEP): the one they leave must
    # still give the whole idle days, not end an exam resumed after 6 days and 23 hours
    for minutes in (0, 1, 30, 59, 60, 61, 119, 120):
        active = untimed.started_at + timedelta(minutes=minutes)
        attempts.move_to(untimed, 0, active)
        untimed.refresh_from_db()
        assert untimed.deadline > active + timedelta(days=7)
        assert not untimed.is_past_deadline(active + timedelta(days=6, hours=23, minutes=59))


def test_the_migration_gives_open_exams_without_a_limit_an_idle_deadline_and_takes_it_back(untimed):
    from importlib import import_module

    from django.apps import apps

    migration = import_module("quiz.migrations.0018_attempt_ends_when_idle")
    answered = timezone.now() - timedelta(days=2)
    Attempt.objects.filter(pk=untimed.pk).update(ends_when_idle=False, deadline=None,
                                                 started_at=answered - timedelta(days=1))
    untimed.items.filter(position=0).update(answered_at=answered)
    migration.give_idle_deadlines(apps, None)
    untimed.refresh_from_db()
    assert untimed.ends_when_idle and untimed.deadline == answered + timedelta(days=7)  # from the last answer
    migration.drop_idle_deadlines(apps, None)  # migrated back: no countdown of days on the code before
    untimed.refresh_from_db()
    assert untimed.deadline is None


def test_the_start_page_says_an_exam_without_a_time_limit_ends_when_left_alone(untimed, learner_client, make):
    html = learner_client.get("/quiz/exams/untimed/").content.decode()
    assert "No time limit; left without activity for 7 days, it ends and is graded as it stands" in html
    timed = Quiz.objects.create(slug="timed", title="Timed", mode=Mode.EXAM, question_count=1, time_limit_minutes=30,
                                only_approved=False)
    timed.questions.add(make.question())
    html = learner_client.get("/quiz/exams/timed/").content.decode()
    assert "Time limit: 30 min" in html and "data-idle-days" not in html


def test_an_exam_graded_meanwhile_keeps_the_deadline_it_ended_at(untimed):
    """A visit read the exam open, another request graded it before the visit wrote: the visit's later idle
    deadline is not written over the ended exam's."""
    stale = Attempt.objects.get(pk=untimed.pk)  # read open, as the visit did
    attempts.submit(Attempt.objects.get(pk=untimed.pk), now=timezone.now())
    ended_at = Attempt.objects.get(pk=untimed.pk).deadline
    attempts.move_to(stale, 1, timezone.now() + timedelta(hours=2))
    assert Attempt.objects.get(pk=untimed.pk).deadline == ended_at


def test_visiting_the_review_page_moves_its_idle_deadline_on_at_most_once_an_hour(
        untimed, learner_client, django_assert_num_queries):
    left_alone(untimed, 5)
    learner_client.get(f"/quiz/attempts/{untimed.uid}/review/")
    untimed.refresh_from_db()
    assert untimed.state == Attempt.State.IN_PROGRESS and untimed.position == 0
    assert untimed.deadline - timezone.now() > timedelta(days=6, hours=23)
    # session with its user, the attempt, its items: the deadline just written is not written again
    with django_assert_num_queries(3):
        learner_client.get(f"/quiz/attempts/{untimed.uid}/review/")

"""The instructor's cached results page follows their time zone; pages with times name it."""

from datetime import datetime
from datetime import timezone as dt_timezone

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_results_labels_follow_the_instructors_new_zone(instructor_client, instructor, make, build):
    questions = [make.question()]
    quiz = build.quiz(questions, pass_mark=700)
    (learner,) = build.learners(1)
    assignment = build.assignment(build.classroom(instructor, [learner]), quiz)
    build.attempt(learner, quiz, questions, [["A"]],
                  started=datetime(2026, 11, 19, 23, 0, tzinfo=dt_timezone.utc))  # submitted 23:01 UTC
    url = reverse("instructor:results", args=[assignment.pk])
    assert "11-19 23:01" in instructor_client.get(url).content.decode()
    instructor_client.post("/progress/settings/", {"daily_review_cap": "100", "time_zone": "Asia/Tokyo"})
    html = instructor_client.get(url).content.decode()
    assert "11-20 08:01" in html, "results still labelled in the zone of the cached render (UTC)"


@pytest.mark.parametrize("typed,zone,expected", [
    ("2030-01-10T09:00", "Asia/Tokyo", datetime(2030, 1, 10, 0, 0, tzinfo=dt_timezone.utc)),
    ("2027-03-14T02:30", "America/New_York", None),  # does not exist there: refused, no 500
    ("2027-11-07T01:30", "America/New_York", None),  # happens twice: refused, no 500
])
def test_due_dates_are_read_in_the_instructors_zone(instructor_client, instructor, make, build, typed, zone,
                                                    expected):
    from quiz.instructor.models import Assignment

    quiz = build.quiz([make.question()], pass_mark=700)
    classroom = build.classroom(instructor, [])
    instructor_client.post("/progress/settings/", {"daily_review_cap": "100", "time_zone": zone})
    response = instructor_client.post(classroom.get_absolute_url(),
                                      {"quiz": quiz.pk, "due_at": typed, "review_opens": "immediately"})
    assert response.status_code in (200, 302)
    a = Assignment.objects.filter(classroom=classroom).first()
    if expected is None:
        assert a is None and response.status_code == 200
    else:
        assert a is not None and a.due_at == expected, (response.status_code, a and a.due_at)
        assert "2030-01-10 09:00" in instructor_client.get(classroom.get_absolute_url()).content.decode()


def test_the_results_name_the_zone_of_their_times_and_the_unit_of_extra_time(instructor_client, instructor, make,
                                                                             build):
    from quiz.instructor.models import Membership

    questions = [make.question()]
    quiz = build.quiz(questions, pass_mark=700)
    (learner,) = build.learners(1)
    assignment = build.assignment(build.classroom(instructor, [learner]), quiz)
    Membership.objects.filter(learner=learner).update(extra_minutes=15)
    build.attempt(learner, quiz, questions, [["A"]])
    instructor_client.post("/progress/settings/", {"daily_review_cap": "100", "time_zone": "Asia/Seoul"})
    html = instructor_client.get(reverse("instructor:results", args=[assignment.pk])).content.decode()
    assert "Times are in Asia/Seoul." in html, "attempts labelled by a bare time ('11-26 15:44')"
    assert "<th>Extra time (minutes)</th>" in html and "+15" in html


# Not "page": that names pytest-playwright's fixture, which gave these tests its browser_name parameter, and
# pytest moved every browser test up to run beside them (studynotes/tests/test_suite_order.py).
@pytest.mark.parametrize("url_name", ["audit", "notes", "note_detail", "question", "issues"])
def test_pages_listing_times_name_their_zone(instructor_client, make, url_name):
    args = {"note_detail": [make.note_file().pk], "question": [make.question().pk]}.get(url_name, [])
    instructor_client.post("/progress/settings/", {"daily_review_cap": "100", "time_zone": "Asia/Tokyo"})
    html = instructor_client.get(reverse(f"instructor:{url_name}", args=args)).content.decode()
    assert "Times are in Asia/Tokyo." in html, url_name


def test_the_quiz_builder_says_which_zone_opens_and_closes_are_read_in(instructor_client):
    instructor_client.post("/progress/settings/", {"daily_review_cap": "100", "time_zone": "Asia/Tokyo"})
    html = instructor_client.get(reverse("instructor:quiz_new")).content.decode()
    for name in ("opens_at", "closes_at"):
        assert f'aria-describedby="id_{name}_helptext"' in html
        assert f'<small id="id_{name}_helptext">Times are in Asia/Tokyo.</small>' in html


def test_the_csv_writes_times_in_the_instructors_zone_to_the_second_and_names_it(instructor_client, instructor,
                                                                                  make, build):
    import csv
    import io

    questions = [make.question()]
    quiz = build.quiz(questions, pass_mark=700)
    stayed, left = build.learners(2)
    assignment = build.assignment(build.classroom(instructor, [stayed, left]), quiz)
    build.attempt(stayed, quiz, questions, [["A"]], started=datetime(2026, 11, 27, 3, 18, 29, 976449,
                                                                    tzinfo=dt_timezone.utc))  # + 60 s
    build.attempt(left, quiz, questions, [["A"]], started=datetime(2026, 11, 28, tzinfo=dt_timezone.utc))
    assignment.classroom.memberships.get(learner=left).end(datetime(2026, 11, 28, 15, 30, tzinfo=dt_timezone.utc))
    instructor_client.post("/progress/settings/", {"daily_review_cap": "100", "time_zone": "Asia/Seoul"})
    response = instructor_client.get(reverse("instructor:results_csv", args=[assignment.pk]))
    assert response.content.startswith("\ufeff".encode())  # Excel reads UTF-8 with a BOM
    rows = {row["learner"]: row for row in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))}
    assert rows[stayed.username]["last_submitted_at (Asia/Seoul)"] == "2026-11-27 12:19:29"
    assert rows[stayed.username]["left_at (Asia/Seoul)"] == "" and rows[stayed.username]["status"] == "submitted"
    assert rows[left.username]["left_at (Asia/Seoul)"] == "2026-11-29 00:30:00"

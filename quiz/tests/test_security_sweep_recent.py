"""Security sweep of the recent features: exams holding their questions, the data export, the instructor
screens' filters. Findings that needed a fix say so; the rest guard what the sweep found sound."""

import csv
import io
import json

import pytest
from django.utils import timezone

from conftest import make_user
from quiz import attempts
from quiz.models import Attempt, Mode, Quiz


@pytest.fixture
def held(make, learner):
    """Alice's practice set (started before her exam) of two questions, the first of which is in the exam she
    has open; she ends the set without answering, so the set is graded while the exam runs."""
    held_question, free_question = make.question(), make.question()
    practice = attempts.start_practice(learner, [held_question, free_question], "en")
    quiz = Quiz.objects.create(slug="holding", title="Holding", mode=Mode.EXAM, question_count=1,
                               time_limit_minutes=60, only_approved=False)
    quiz.questions.add(held_question)
    exam, _created = attempts.start_exam(learner, quiz, "en")
    return practice, exam, held_question


def _exported_keys(client):
    """{question uid: the right letters} of every practice item the JSON and the answers CSV show a key of."""
    data = json.loads(client.get("/progress/export.json").content)
    from_json = {item["question"]: [o["letter"] for o in item["options"] if o.get("right")]
                 for attempt in data["attempts"] if attempt["mode"] == "practice" for item in attempt["items"]
                 if any("right" in o for o in item["options"])}
    body = client.get("/progress/export.answers.csv").content.decode("utf-8-sig")
    from_csv = {row["question"]: row["right"].split() for row in csv.DictReader(io.StringIO(body))
                if row["mode"] == "practice" and row["right"]}
    return from_json, from_csv


def test_ending_a_practice_set_does_not_show_the_key_of_a_question_in_the_exam_in_progress(
        learner, learner_client, held):
    """Finding: POST /quiz/practice/<uid>/summary/ ("end the set now") graded the set, and its unanswered item
    then showed its key and explanations, on its page and in the export, while the exam asking it ran."""
    practice, exam, question = held
    learner_client.post(f"/quiz/practice/{practice.uid}/summary/")
    assert Attempt.objects.get(pk=practice.pk).state != Attempt.State.IN_PROGRESS
    html = learner_client.get(f"/quiz/practice/{practice.uid}/1/").content.decode()
    assert "The answer is shown after your exam ends." in html
    assert "Correct answer" not in html and "Why A is right" not in html
    from_json, from_csv = _exported_keys(learner_client)
    assert str(question.uid) not in from_json and str(question.uid) not in from_csv
    assert len(from_json) == len(from_csv) == 1  # the other question's key, as its page shows it

    attempts.submit(exam, now=timezone.now())  # the exam ends: the set shows it as it shows the others
    html = learner_client.get(f"/quiz/practice/{practice.uid}/1/").content.decode()
    assert "Why A is right" in html and "The answer is shown after your exam ends." not in html
    from_json, from_csv = _exported_keys(learner_client)
    assert len(from_json[str(question.uid)]) == 1 and from_csv[str(question.uid)] == from_json[str(question.uid)]


# Query strings of the recent instructor screens' filters (bank flags, the review queue's run and order, the
# audit log's type, item statistics) and the export's formats, as a hand-edited or hostile URL sends them.
BAD_QUERIES = ["?page=-1", "?page=abc", "?page=99999999999999999999", "?q=%00", "?q=" + "x" * 5000,
               "?flag=lines_gone&topic=%00&status=zz&language=zz&type=zz&domain=zz",
               "?run=99999999999999999999&order=zz", "?run=%C2%B2", "?type=%00&page=0",
               "?topic=1&topic=2&flag=reported", "?source=%ED%A0%80"]
INSTRUCTOR_PAGES = ["/instructor/questions/", "/instructor/questions/review/", "/instructor/issues/",
                    "/instructor/audit/", "/instructor/quizzes/", "/instructor/classes/", "/instructor/notes/"]


@pytest.mark.parametrize("query", BAD_QUERIES)
@pytest.mark.parametrize("path", INSTRUCTOR_PAGES)
def test_bad_query_strings_on_instructor_lists_are_not_a_500(instructor_client, path, query):
    instructor_client.raise_request_exception = False
    assert instructor_client.get(path + query).status_code in {200, 400, 404}


@pytest.mark.parametrize("fmt", ["xml", "csv.csv", "answers.json", "JSON", "x" * 500, "json%00"])
def test_an_unknown_export_format_is_a_404(learner_client, fmt):
    assert learner_client.get(f"/progress/export.{fmt}").status_code == 404


@pytest.mark.parametrize("url", ["/progress/export.csv", "/progress/export.answers.csv", "/progress/export.json",
                                 "/classes/", "/classes/join/", "/progress/delete-account/"])
def test_learner_data_pages_send_anonymous_visitors_to_log_in(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("who", ["learner", "outsider"])
def test_only_an_instructor_takes_a_class_or_quiz_over(client, instructor, learner, make, who):
    """Neither a learner nor an instructor who is not the owner can move a class or a quiz (steal it, or give
    it to a learner account)."""
    from quiz.instructor.models import Classroom

    classroom = Classroom.objects.create(name="Ines's class", owner=instructor)
    quiz = Quiz.objects.create(slug="mine", title="Mine", mode=Mode.EXAM, question_count=1, created_by=instructor)
    outsider = make_user("ivan", instructor=True)
    client.force_login(learner if who == "learner" else outsider)
    for url in (f"/instructor/classes/{classroom.pk}/hand-over/", f"/instructor/quizzes/{quiz.pk}/hand-over/"):
        for username in ("ivan", learner.username):
            assert client.post(url, {"username": username}).status_code in {403, 404}, url
    client.force_login(instructor)  # the owner may not give either to a learner
    for url in (f"/instructor/classes/{classroom.pk}/hand-over/", f"/instructor/quizzes/{quiz.pk}/hand-over/"):
        assert client.post(url, {"username": learner.username}).status_code == 200  # the page with the refusal
    assert Classroom.objects.get(pk=classroom.pk).owner == instructor
    assert Quiz.objects.get(pk=quiz.pk).created_by == instructor

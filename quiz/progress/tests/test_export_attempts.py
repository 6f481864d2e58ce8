"""The export of what a learner did: their attempts with their choices (JSON, answers CSV), reviews of exams
whose review opened since, readable columns and times, and nothing of another learner of the same class."""

import csv
import io
import json
from datetime import datetime, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_user
from quiz import attempts
from quiz.instructor.models import Assignment, Classroom, Membership
from quiz.models import Attempt, Mode, Quiz
from quiz.progress.models import LearnerSettings


def _json(client):
    return json.loads(client.get("/progress/export.json").content)


def _csv(client, url):
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith("\ufeff".encode())  # a BOM: Excel reads the stems and names as UTF-8
    return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))


def _class_exam(make, learners, **assignment):
    """A one-question exam assigned to a class of ``learners``; each of them submitted it, choosing A."""
    classroom = Classroom.objects.create(name="Class", owner=make_user("teacher", instructor=True))
    for learner in learners:
        Membership.objects.create(classroom=classroom, learner=learner)
    quiz = Quiz.objects.create(slug=f"exam-{make.next()}", title="Class exam", mode=Mode.EXAM, question_count=1)
    question = make.question()
    quiz.questions.add(question)
    Assignment.objects.create(classroom=classroom, quiz=quiz, **assignment)
    sittings = []
    for learner in learners:
        attempt, _created = attempts.start_exam(learner, quiz, "en")
        item = attempt.items.get()
        item.chosen, item.answered_at = [item.options[0]["key"]], timezone.now()
        item.save()
        attempts.submit(attempt, now=timezone.now())
        attempt.refresh_from_db()
        sittings.append(attempt)
    return quiz, question, sittings


def test_the_export_has_the_reviews_of_an_exam_whose_review_opened_since(learner, learner_client, make):
    quiz, question, (attempt,) = _class_exam(make, [learner], review_opens="after_due",
                                             due_at=timezone.now() + timedelta(days=1))
    assert attempt.reviews_withheld
    assert _json(learner_client)["reviews"] == []  # closed: the export says nothing of which were right
    Assignment.objects.filter(quiz=quiz).update(due_at=timezone.now() - timedelta(minutes=1))  # the review opens
    # no dashboard, review queue or result page visited since: the export itself catches up
    assert [r["question"] for r in _csv(learner_client, "/progress/export.csv")] == [str(question.uid)]
    assert [r["question"] for r in _json(learner_client)["reviews"]] == [str(question.uid)]


def test_the_json_export_lists_my_attempts_with_the_options_i_chose(learner, learner_client, make, answering):
    question = make.question()
    practice = answering.attempt(learner, title="Practice")
    answering.item(practice, question, correct=False)  # chose B, A was right
    exam = Quiz.objects.create(slug="open-exam", title="Open exam", mode=Mode.EXAM, question_count=1)
    exam.questions.add(make.question())
    running, _created = attempts.start_exam(learner, exam, "en")
    running.items.update(flagged=True)

    data = _json(learner_client)
    done, open_exam = data["attempts"]
    assert (done["mode"], done["title"], done["state"]) == ("practice", "Practice", "in_progress")
    (item,) = done["items"]
    assert item["question"] == str(question.uid) and item["stem"] == question.stem["en"]
    assert item["chosen"] == ["B"] and item["correct"] is False and item["flagged"] is False
    assert [(o["letter"], o["text"], o["chosen"], o["right"]) for o in item["options"]][:2] == [
        ("A", question.options[0]["text"], False, True), ("B", question.options[1]["text"], True, False)]
    # an exam still in progress: what I chose and flagged, never which option is right
    assert (open_exam["title"], open_exam["state"], open_exam["scaled_score"]) == ("Open exam", "in_progress", None)
    (item,) = open_exam["items"]
    assert item["flagged"] is True and item["correct"] is None
    assert not any("right" in option for option in item["options"])


def test_an_exam_whose_review_is_closed_keeps_its_key_and_another_learners_answers_never_appear(
        learner, other_learner, learner_client, client, make):
    _quiz, question, (mine, theirs) = _class_exam(make, [learner, other_learner], review_opens="never")
    their_practice = attempts.start_practice(other_learner, [make.question()], "en")
    secret = their_practice.items.get().stem["en"]
    data = _json(learner_client)
    (attempt,) = data["attempts"]
    assert attempt["attempt"] == str(mine.uid) and attempt["answers_shown"] is False
    assert attempt["scaled_score"] == mine.scaled_score  # the result page shows the score
    (item,) = attempt["items"]
    assert item["chosen"] == ["A"] and item["correct"] is None and not any("right" in o for o in item["options"])
    everything = (learner_client.get("/progress/export.json").content.decode()
                  + json.dumps(_csv(learner_client, "/progress/export.answers.csv"))
                  + json.dumps(_csv(learner_client, "/progress/export.csv")))
    assert str(theirs.uid) not in everything and str(their_practice.uid) not in everything
    assert secret not in everything and "bob" not in everything
    assert [row["right"] for row in _csv(learner_client, "/progress/export.answers.csv")] == [""]


def test_a_key_corrected_since_is_said(learner, learner_client, make, answering):
    question = make.question()
    answering.item(answering.attempt(learner), question, correct=True)  # chose A, right then
    question.options = [{**o, "correct": o["key"] == "C"} for o in question.options]
    question.version = question.key_corrected_version = 2
    question.save()
    (item,) = _json(learner_client)["attempts"][0]["items"]
    assert item["key_corrected_to"] == ["C"] and item["correct"] is True  # the verdict stays as graded
    assert [row["key_corrected_to"] for row in _csv(learner_client, "/progress/export.answers.csv")] == ["C"]


def test_the_answers_of_attempts_kept_after_deleting_my_progress_are_exported(learner, learner_client, make,
                                                                              answering):
    question = make.question()
    answering.answer(learner, question, correct=False)
    learner_client.post("/progress/delete/", {"confirm": "alice"})
    assert _json(learner_client)["reviews"] == []
    (row,) = _csv(learner_client, "/progress/export.answers.csv")
    assert (row["question"], row["chosen"], row["chosen_text"], row["right"], row["correct"]) == (
        str(question.uid), "B", question.options[1]["text"], "A", "False")


def test_the_csv_exports_have_readable_columns_next_to_the_ids(learner, learner_client, make, answering):
    topic = make.topic(name="Amazon S3", names={"ja": "Amazon S3（ストレージ）"})
    question = make.question(topic)
    question.stem = {"en": "A company stores " + "very " * 30 + "many objects. What fits?"}
    question.save()
    item = answering.answer(learner, question)
    item.topic_names = dict(topic.names)  # as ``attempts.snapshot`` keeps them
    item.save()
    learner_client.cookies["django_language"] = "ja"
    (review,) = _csv(learner_client, "/progress/export.csv")
    assert list(review)[:5] == ["reviewed_at", "question", "question_text", "topic", "topic_name"]
    assert (review["question"], review["topic"], review["topic_name"]) == (str(question.uid), topic.slug,
                                                                           "Amazon S3（ストレージ）")
    assert len(review["question_text"]) == 80 and review["question_text"].startswith("A company stores very")
    (answer,) = _csv(learner_client, "/progress/export.answers.csv")
    assert (answer["topic_name"], answer["question_text"]) == ("Amazon S3（ストレージ）", review["question_text"])


def test_the_csv_exports_open_in_a_spreadsheet_without_running_a_note_as_a_formula(learner, learner_client, make,
                                                                                  answering):
    topic = make.topic(name="=HYPERLINK(\"http://x.example\")")  # a note file's heading, which anyone may upload
    question = make.question(topic)
    question.stem = {"en": "-2+3 is it?"}
    question.options[0]["text"] = "@SUM(1)"
    question.save()
    answering.answer(learner, question)
    (review,) = _csv(learner_client, "/progress/export.csv")
    assert (review["question_text"], review["topic_name"]) == ("'-2+3 is it?", "'=HYPERLINK(\"http://x.example\")")
    assert review["correct"] == "True"  # not a text
    (answer,) = _csv(learner_client, "/progress/export.answers.csv")
    assert (answer["question_text"], answer["topic_name"], answer["chosen_text"]) == (
        "'-2+3 is it?", "'=HYPERLINK(\"http://x.example\")", "'@SUM(1)")
    assert _json(learner_client)["attempts"][0]["items"][0]["stem"] == "-2+3 is it?"  # JSON is read by programs


def test_times_are_iso_8601_with_my_offset(learner, learner_client, make, answering):
    LearnerSettings.objects.create(user=learner, time_zone="Asia/Tokyo")
    answering.answer(learner, make.question())
    learner_client.post("/accounts/logout/")
    learner_client.force_login(learner)
    learner_client.get("/progress/")  # the session takes the zone at login
    data = _json(learner_client)
    times = [data["exported_at"], data["reviews"][0]["reviewed_at"], data["reviews"][0]["next_due"],
             data["cards"][0]["due"], data["cards"][0]["last_review"], data["attempts"][0]["started_at"],
             data["attempts"][0]["items"][0]["answered_at"],
             _csv(learner_client, "/progress/export.csv")[0]["reviewed_at"],
             _csv(learner_client, "/progress/export.answers.csv")[0]["answered_at"]]
    for value in times:
        assert datetime.fromisoformat(value).utcoffset() == timedelta(hours=9), value


@pytest.mark.parametrize("url", ["/progress/export.json", "/progress/export.answers.csv"])
def test_the_attempts_cost_the_same_queries_however_many_there_are(learner, learner_client, make, answering, url):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            response = learner_client.get(url)
            assert response.status_code == 200
        return len(ctx.captured_queries)

    def practise(n):
        for _ in range(n):
            answering.answer(learner, make.question())

    practise(1)
    one = count()
    practise(4)
    _class_exam(make, [learner], review_opens="never")
    assert count() == one, "queries grow with the attempts"
    assert Attempt.objects.filter(user=learner).count() == 6

"""Export (CSV, JSON) and deletion of a learner's own progress; nothing of other learners touched."""

import csv
import io
import json

from quiz.models import Attempt, AttemptItem, ProblemReport
from quiz.progress.models import LearnerSettings, ReviewCard, ReviewLog


def two_learners(make, answering, learner, other_learner):
    q1, q2 = make.question(), make.question()
    answering.answer(learner, q1, correct=True)
    answering.answer(learner, q2, correct=False)
    answering.answer(other_learner, q1, correct=True)
    LearnerSettings.objects.create(user=learner, daily_review_cap=30)
    LearnerSettings.objects.create(user=other_learner, daily_review_cap=50)
    return q1, q2


def test_the_csv_export_has_one_row_per_own_review(learner, other_learner, learner_client, make, answering):
    q1, q2 = two_learners(make, answering, learner, other_learner)
    response = learner_client.get("/progress/export.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [(r["question"], r["rating"], r["correct"]) for r in rows] == [
        (str(q1.uid), "good", "True"), (str(q2.uid), "again", "False"),
    ]


def test_the_json_export_has_cards_reviews_mastery_and_settings(learner, other_learner, learner_client, make,
                                                               answering):
    q1, q2 = two_learners(make, answering, learner, other_learner)
    data = json.loads(learner_client.get("/progress/export.json").content)
    assert data["user"] == "alice" and data["format"] == "kumo-progress/1"
    assert data["settings"] == {"daily_review_cap": 30, "time_zone": ""}
    assert sorted(c["question"] for c in data["cards"]) == sorted([str(q1.uid), str(q2.uid)])
    assert [r["rating"] for r in data["reviews"]] == ["good", "again"]
    assert {m["topic"] for m in data["mastery"]} == {q1.topic.slug, q2.topic.slug}
    assert data["exams"] == []


def test_an_unknown_export_format_is_a_404(learner_client):
    assert learner_client.get("/progress/export.xml").status_code == 404


def test_deleting_needs_the_typed_user_name_and_a_wrong_one_deletes_nothing(learner, other_learner, learner_client,
                                                                           make, answering):
    two_learners(make, answering, learner, other_learner)
    response = learner_client.post("/progress/delete/", {"confirm": "mallory"})
    assert response.status_code == 200
    assert "That is not your user name; nothing was deleted." in response.content.decode()
    assert 'aria-describedby="confirm-errors" autofocus>' in response.content.decode()  # the message is read out
    assert ReviewLog.objects.filter(user=learner).count() == 2
    assert learner_client.get("/progress/delete/").status_code == 200


def test_deleting_removes_only_my_progress(learner, other_learner, learner_client, make, answering):
    two_learners(make, answering, learner, other_learner)
    response = learner_client.post("/progress/delete/", {"confirm": "alice"})
    assert response.status_code == 302
    assert not ReviewCard.objects.filter(user=learner).exists()
    assert not ReviewLog.objects.filter(user=learner).exists()
    assert not LearnerSettings.objects.filter(user=learner).exists()
    assert Attempt.objects.filter(user=learner).count() == 2  # attempts kept unless asked
    assert ReviewCard.objects.filter(user=other_learner).count() == 1
    assert ReviewLog.objects.filter(user=other_learner).count() == 1
    assert LearnerSettings.cap_for(other_learner) == 50


def test_deleting_can_also_remove_my_attempts_but_not_others(learner, other_learner, learner_client, make,
                                                             answering):
    two_learners(make, answering, learner, other_learner)
    learner_client.post("/progress/delete/", {"confirm": "alice", "attempts": "on"})
    assert not Attempt.objects.filter(user=learner).exists()
    assert Attempt.objects.filter(user=other_learner).count() == 1
    assert ReviewLog.objects.filter(user=other_learner).get().attempt_item is not None


def reported(user, question, text):
    """``user``'s report on ``question``, filed from the item of their answer to it."""
    item = AttemptItem.objects.filter(attempt__user=user, question=question).get()
    return ProblemReport.objects.create(user=user, question=question, item=item, text=text)


def test_the_json_export_lists_my_problem_reports_only(learner, other_learner, learner_client, make, answering):
    q1, _q2 = two_learners(make, answering, learner, other_learner)
    reported(learner, q1, "Two options are right")
    reported(other_learner, q1, "Typo in option C")
    data = json.loads(learner_client.get("/progress/export.json").content)
    assert [(r["question"], r["text"], r["resolved"]) for r in data["reports"]] == [
        (str(q1.uid), "Two options are right", False)]
    assert set(data["reports"][0]) == {"question", "text", "created_at", "resolved"}  # not "question__uid" too


def test_deleting_removes_my_problem_reports_but_not_others(learner, other_learner, learner_client, make,
                                                            answering):
    q1, q2 = two_learners(make, answering, learner, other_learner)
    reported(learner, q1, "Two options are right")
    reported(learner, q2, "My name is Alice Tanaka and this is wrong")
    theirs = reported(other_learner, q1, "Typo in option C")
    learner_client.post("/progress/delete/", {"confirm": "alice"})
    assert not ProblemReport.objects.filter(user=learner).exists()
    assert not ProblemReport.objects.filter(text__contains="Alice").exists()  # not kept without its learner
    assert list(ProblemReport.objects.all()) == [theirs]


def test_a_wrong_user_name_keeps_my_problem_reports(learner, other_learner, learner_client, make, answering):
    q1, _q2 = two_learners(make, answering, learner, other_learner)
    reported(learner, q1, "Two options are right")
    learner_client.post("/progress/delete/", {"confirm": "mallory"})
    assert ProblemReport.objects.filter(user=learner).count() == 1


def test_the_delete_page_says_what_goes_and_what_stays(learner_client):
    html = learner_client.get("/progress/delete/").content.decode()
    assert ("This deletes your review schedule, every review you have done, your review settings (the daily review "
            "cap and your time zone: times are shown in the site's time zone again) and the problems you reported "
            "about questions. It cannot be undone.") in html
    assert 'You may want to <a href="/progress/export.json">export your progress</a> first.' in html
    assert 'you can leave a class on <a href="/classes/">your classes page</a>.' in html
    assert 'name="csrfmiddlewaretoken"' in html and 'method="post"' in html


def test_deleting_needs_a_login(client):
    assert client.post("/progress/delete/", {"confirm": "alice"}).status_code == 302


def test_the_json_export_lists_my_graded_exams_only(learner, other_learner, learner_client, answering):
    from django.utils import timezone

    when = timezone.now()
    for user, score in ((learner, 760), (other_learner, 500)):
        answering.attempt(user, mode="exam", when=when, state="submitted", submitted_at=when, scaled_score=score,
                          raw_score=50, item_count=65, passed=score >= 720, title="Mock exam")
    data = json.loads(learner_client.get("/progress/export.json").content)
    assert [(e["scaled_score"], e["passed"], e["questions"]) for e in data["exams"]] == [(760, True, 65)]


def _finished_exam(learner, make, **quiz_fields):
    """A submitted exam attempt of ``learner`` at a one-question quiz with ``quiz_fields``."""
    from django.utils import timezone

    from quiz import attempts
    from quiz.models import Mode, Quiz

    quiz = Quiz.objects.create(slug=f"exam-{make.next()}", title="Exam", mode=Mode.EXAM, question_count=1,
                               **quiz_fields)
    quiz.questions.add(make.question())
    attempt, _created = attempts.start_exam(learner, quiz, "en")
    attempts.submit(attempt, now=timezone.now())
    return quiz, attempt


def test_deleting_my_attempts_does_not_give_back_the_attempts_an_exam_allows(learner, learner_client, make):
    import pytest

    from quiz import attempts

    quiz, attempt = _finished_exam(learner, make, attempts_allowed=1)
    practice = attempts.start_practice(learner, [make.question()], "en")
    learner_client.post("/progress/delete/", {"confirm": "alice", "attempts": "on"})
    assert list(Attempt.objects.filter(user=learner)) == [attempt]  # the practice set went, the counted exam stayed
    assert not Attempt.objects.filter(pk=practice.pk).exists()
    with pytest.raises(attempts.AttemptRefused):
        attempts.start_exam(learner, quiz, "en")


def test_deleting_my_attempts_keeps_the_results_of_an_exam_assigned_to_my_class(learner, other_learner,
                                                                                learner_client, make):
    from conftest import make_user
    from quiz.instructor.models import Assignment, Classroom, Membership

    classroom = Classroom.objects.create(name="Class", owner=make_user("teacher", instructor=True))
    Membership.objects.create(classroom=classroom, learner=learner)
    quiz, attempt = _finished_exam(learner, make)
    assignment = Assignment.objects.create(classroom=classroom, quiz=quiz)
    # assigned when the attempt started (an attempt started before is the learner's own: not in the results)
    Assignment.objects.filter(pk=assignment.pk).update(created_at=attempt.started_at)
    _other_quiz, unassigned = _finished_exam(learner, make)
    _quiz, others = _finished_exam(other_learner, make)
    Assignment.objects.create(classroom=Classroom.objects.create(name="Other", owner=classroom.owner), quiz=_quiz)
    learner_client.post("/progress/delete/", {"confirm": "alice", "attempts": "on"})
    assert list(Attempt.objects.filter(user=learner)) == [attempt]  # the instructor's results keep it
    assert not Attempt.objects.filter(pk=unassigned.pk).exists()
    assert Attempt.objects.filter(pk=others.pk).exists()


def test_deleting_my_attempts_keeps_at_an_assigned_quiz_only_those_the_class_results_show(
        learner, learner_client, make):
    """The instructor sees the attempts started while the learner was in the class, once the quiz was assigned
    to it (``Assignment.class_attempts``): those stay. Before joining, before the assignment or after leaving,
    they are the learner's own, and go."""
    from datetime import timedelta

    from django.utils import timezone

    from conftest import make_user
    from quiz import attempts
    from quiz.instructor.models import Assignment, Classroom, Membership

    quiz, before_joining = _finished_exam(learner, make)
    sittings = [before_joining]
    for _ in range(3):
        attempt, _created = attempts.start_exam(learner, quiz, "en")
        attempts.submit(attempt, now=timezone.now())
        sittings.append(attempt)
    classroom = Classroom.objects.create(name="Class", owner=make_user("teacher", instructor=True))
    membership = Membership.objects.create(classroom=classroom, learner=learner)
    assignment = Assignment.objects.create(classroom=classroom, quiz=quiz)
    now = timezone.now()
    for attempt, days_ago in zip(sittings, (10, 7, 5, 3)):
        Attempt.objects.filter(pk=attempt.pk).update(started_at=now - timedelta(days=days_ago))
    Membership.objects.filter(pk=membership.pk).update(joined_at=now - timedelta(days=8),
                                                       left_at=now - timedelta(days=4))
    Assignment.objects.filter(pk=assignment.pk).update(created_at=now - timedelta(days=6))
    assignment.refresh_from_db()
    assert list(assignment.class_attempts()) == [sittings[2]]

    learner_client.post("/progress/delete/", {"confirm": "alice", "attempts": "on"})

    assert list(Attempt.objects.filter(user=learner)) == [sittings[2]]

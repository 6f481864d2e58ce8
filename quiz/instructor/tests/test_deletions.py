"""What deleting a question, topic, quiz, class or assignment leaves of a learner's data: their attempts,
results, review cards, history and reports survive, or the admin refuses the deletion and says why."""

from types import SimpleNamespace

import pytest

from quiz.instructor.models import Assignment, Classroom, Membership
from quiz.models import Attempt, AttemptItem, ProblemReport, Question, Quiz
from quiz.progress.models import ReviewCard, ReviewLog
from studynotes.models import Topic

REFUSED = "would require deleting the following protected related objects"


def history(user):
    return {"attempts": Attempt.objects.filter(user=user).count(),
            "items": AttemptItem.objects.filter(attempt__user=user).count(),
            "cards": ReviewCard.objects.filter(user=user).count(),
            "logs": ReviewLog.objects.filter(user=user).count(),
            "reports": ProblemReport.objects.filter(user=user).count()}


@pytest.fixture
def taken(make, build, learner, instructor):
    """alice's finished exam at a quiz assigned to her class, its answers reviewed, one of them reported."""
    from quiz.progress.reviews import record_answers

    questions = [make.question(), make.question()]
    quiz = build.quiz(questions)
    classroom = build.classroom(instructor, [learner])
    assignment = build.assignment(classroom, quiz)
    attempt = build.attempt(learner, quiz, questions, [["A"], ["B"]])
    items = list(attempt.items.select_related("attempt"))
    record_answers(items)
    ProblemReport.objects.create(user=learner, question=questions[0], item=items[0], text="Option B is right too")
    return SimpleNamespace(questions=questions, quiz=quiz, classroom=classroom, assignment=assignment,
                           attempt=attempt)


def test_the_admin_refuses_to_delete_a_question_whose_review_history_outlived_the_attempt(admin_client, taken,
                                                                                       learner):
    Attempt.objects.filter(pk=taken.attempt.pk).delete()  # its items no longer protect the question
    question = taken.questions[1]
    response = admin_client.post(f"/admin/quiz/question/{question.pk}/delete/", {"post": "yes"})
    assert REFUSED in response.content.decode()
    assert Question.objects.filter(pk=question.pk).exists()
    assert ReviewCard.objects.filter(user=learner, question=question).count() == 1
    assert ReviewLog.objects.filter(user=learner, question=question).count() == 1


def test_the_admin_refuses_to_delete_a_question_a_learner_reported(admin_client, taken, learner):
    # the attempt and the review history gone (the learner's own deletion takes the report too): the report stays
    ReviewLog.objects.filter(user=learner).delete()
    ReviewCard.objects.filter(user=learner).delete()
    Attempt.objects.filter(user=learner).delete()
    assert history(learner) == {"attempts": 0, "items": 0, "cards": 0, "logs": 0, "reports": 1}
    question = taken.questions[0]
    response = admin_client.post(f"/admin/quiz/question/{question.pk}/delete/", {"post": "yes"})
    assert REFUSED in response.content.decode()
    assert ProblemReport.objects.get(user=learner).text == "Option B is right too"


def test_the_admin_refuses_to_delete_a_topic_the_learners_cards_still_count_under(admin_client, make, build,
                                                                                 learner, taken):
    question = taken.questions[0]
    old_topic = question.topic
    # moved by a bulk update that did not call reviews.follow_topic_changes: the cards still name the old topic
    Question.objects.filter(pk=question.pk).update(topic=make.topic())
    response = admin_client.post(f"/admin/studynotes/topic/{old_topic.pk}/delete/", {"post": "yes"})
    assert REFUSED in response.content.decode()
    assert Topic.objects.filter(pk=old_topic.pk).exists()
    assert history(learner) == {"attempts": 1, "items": 2, "cards": 2, "logs": 2, "reports": 1}


def test_the_admin_refuses_to_delete_a_class_a_learner_was_in(admin_client, instructor_client, taken, learner):
    Membership.objects.filter(learner=learner).update(left_at=taken.attempt.submitted_at)  # even one who left
    response = admin_client.post(f"/admin/instructor/classroom/{taken.classroom.pk}/delete/", {"post": "yes"})
    assert REFUSED in response.content.decode()
    assert Membership.objects.filter(classroom=taken.classroom, learner=learner).exists()
    assert list(taken.assignment.class_attempts()) == [taken.attempt]
    assert instructor_client.get(f"/instructor/assignments/{taken.assignment.pk}/").status_code == 200


def test_a_class_nobody_joined_can_be_deleted_with_its_assignments(admin_client, build, instructor, taken):
    empty = build.classroom(instructor)
    build.assignment(empty, taken.quiz)
    response = admin_client.post(f"/admin/instructor/classroom/{empty.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Classroom.objects.filter(pk=empty.pk).exists()
    assert Assignment.objects.filter(quiz=taken.quiz).get() == taken.assignment


def test_the_class_admin_page_offers_no_deleting_a_membership_without_confirmation(admin_client, taken):
    page = admin_client.get(f"/admin/instructor/classroom/{taken.classroom.pk}/change/").content.decode()
    assert 'name="memberships-0-left_at' in page  # a membership is ended here, as "Remove" on the class page does
    assert 'name="memberships-0-DELETE"' not in page
    assert 'name="assignments-0-DELETE"' in page


def test_deleting_a_quiz_in_the_admin_keeps_its_attempts_and_every_page_works(admin_client, instructor_client,
                                                                             taken, learner):
    from django.test import Client

    response = admin_client.post(f"/admin/quiz/quiz/{taken.quiz.pk}/delete/", {"post": "yes"})
    assert REFUSED in response.content.decode()  # assigned to a class: its results need it
    instructor_client.post(f"/instructor/assignments/{taken.assignment.pk}/update/", {"remove": "1"})
    response = admin_client.post(f"/admin/quiz/quiz/{taken.quiz.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302 and not Quiz.objects.filter(pk=taken.quiz.pk).exists()
    assert history(learner) == {"attempts": 1, "items": 2, "cards": 2, "logs": 2, "reports": 1}
    attempt = Attempt.objects.get(pk=taken.attempt.pk)
    assert (attempt.quiz, attempt.title, attempt.scaled_score) == (None, taken.quiz.title, taken.attempt.scaled_score)
    for url in ["/instructor/", f"/instructor/classes/{taken.classroom.pk}/", "/instructor/quizzes/",
                "/instructor/issues/", "/instructor/audit/"]:
        assert instructor_client.get(url).status_code == 200, url
    client = Client()
    client.force_login(learner)
    for url in [attempt.get_absolute_url(), "/quiz/exams/", "/progress/", "/progress/export.json"]:
        assert client.get(url).status_code == 200, url


def test_a_learner_deleting_their_data_leaves_a_classmate_and_the_class_results_whole(
        taken, build, learner, other_learner, instructor_client):
    from django.test import Client

    from quiz.progress.reviews import record_answers

    build.join(taken.classroom, other_learner)
    classmate = build.attempt(other_learner, taken.quiz, taken.questions, [["A"], ["A"]])
    record_answers(list(classmate.items.select_related("attempt")))
    ProblemReport.objects.create(user=other_learner, question=taken.questions[0], text="Unclear stem")
    before = history(other_learner)
    client = Client()
    client.force_login(learner)

    response = client.post("/progress/delete/", {"confirm": "alice", "attempts": "on"})

    assert response.status_code == 302
    # the exam the class's results count stays; everything else of alice's goes, her report with it
    assert history(learner) == {"attempts": 1, "items": 2, "cards": 0, "logs": 0, "reports": 0}
    assert history(other_learner) == before == {"attempts": 1, "items": 2, "cards": 2, "logs": 2, "reports": 1}
    base = f"/instructor/assignments/{taken.assignment.pk}/"
    results = instructor_client.get(base)
    assert results.status_code == 200
    assert "alice" in results.content.decode() and "mallory" in results.content.decode()
    for url in [f"{base}results.csv", f"{base}items/", f"{base}attempts/{taken.attempt.uid}/",
                f"{base}attempts/{classmate.uid}/", "/instructor/issues/",
                f"/instructor/questions/{taken.questions[0].pk}/"]:
        assert instructor_client.get(url).status_code == 200, url
    issues = instructor_client.get("/instructor/issues/").content.decode()
    assert "Unclear stem" in issues and "Option B is right too" not in issues

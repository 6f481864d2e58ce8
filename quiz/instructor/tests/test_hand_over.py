"""Handing a class (with its assignments and the quizzes only it uses) or a quiz over to another instructor."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD, make_user
from quiz.instructor.models import Assignment, AuditLog, Classroom, Membership
from quiz.models import Attempt, AttemptItem, Quiz
from quiz.progress.views import account_deletion_refused


@pytest.fixture
def successor(db):
    return make_user("oscar", instructor=True)


def _hand_over_class(client, classroom, username):
    return client.post(reverse("instructor:class_hand_over", args=[classroom.pk]), {"username": username})


def _hand_over_quiz(client, quiz, username):
    return client.post(reverse("instructor:quiz_hand_over", args=[quiz.pk]), {"username": username})


def _attempt_rows():
    return (list(Attempt.objects.values().order_by("pk")), list(AttemptItem.objects.values().order_by("pk")),
            list(Membership.objects.values().order_by("pk")))


def test_a_class_goes_to_the_new_owner_with_its_assignments_and_the_quizzes_only_it_uses(
        instructor_client, instructor, successor, learner, build, make):
    question = make.question()
    classroom = build.classroom(instructor, [learner], name="Morning class")
    kept_class = build.classroom(instructor, name="Evening class")
    only_here = build.quiz([question], title="Only here", created_by=instructor)
    also_kept = build.quiz([question], title="Also in the evening", created_by=instructor)
    not_mine = build.quiz([question], title="Someone else's")
    for quiz in (only_here, also_kept, not_mine):
        build.assignment(classroom, quiz)
    build.assignment(kept_class, also_kept)
    build.attempt(learner, only_here, [question], [["a"]])
    before = _attempt_rows()

    page = instructor_client.get(classroom.get_absolute_url()).content.decode()
    listed = page.split("data-hand-over-quizzes>")[1].split("</ul>")[0]
    assert "Only here" in listed and "Also in the evening" not in listed and "Someone else" not in listed

    response = _hand_over_class(instructor_client, classroom, "OSCAR ")  # as typed: case and spaces aside
    assert response.status_code == 302 and response["Location"] == reverse("instructor:classes")
    classroom.refresh_from_db()
    assert classroom.owner == successor
    assert set(classroom.assignments.values_list("quiz", flat=True)) == {only_here.pk, also_kept.pk, not_mine.pk}
    assert Quiz.objects.get(pk=only_here.pk).created_by == successor
    assert Quiz.objects.get(pk=also_kept.pk).created_by == instructor  # kept_class still uses it
    assert Quiz.objects.get(pk=not_mine.pk).created_by is None
    assert kept_class.assignments.get().quiz == also_kept
    assert _attempt_rows() == before  # attempts, answers and memberships untouched
    # the old owner no longer sees it, the new one does
    assert instructor_client.get(classroom.get_absolute_url()).status_code == 404
    oscar = Client()
    oscar.force_login(successor)
    assert oscar.get(classroom.get_absolute_url()).status_code == 200
    assert oscar.get(reverse("instructor:results", args=[classroom.assignments.first().pk])).status_code == 200


def test_handing_a_class_over_says_so_and_writes_the_audit_log(instructor_client, instructor, successor, build,
                                                               make):
    classroom = build.classroom(instructor, name="Morning class")
    quiz = build.quiz([make.question()], title="Only here", created_by=instructor)
    build.assignment(classroom, quiz)
    response = _hand_over_class(instructor_client, classroom, "oscar")
    page = instructor_client.get(response["Location"]).content.decode()
    assert "Morning class now belongs to oscar." in page and "1 quiz went with it." in page
    entry = AuditLog.objects.get(action="hand_over", object_type="classroom")
    assert (entry.actor, entry.object_id) == (instructor, str(classroom.pk))
    assert entry.details == {"from": "ines", "to": "oscar", "quizzes": [quiz.pk]}
    quiz_entry = AuditLog.objects.get(action="hand_over", object_type="quiz")
    assert quiz_entry.object_id == str(quiz.pk)
    assert quiz_entry.details == {"from": "ines", "to": "oscar", "classroom": "Morning class"}
    # the class's entries now show in the new owner's log, the quizzes in everyone's
    oscar = Client()
    oscar.force_login(successor)
    log = oscar.get(reverse("instructor:audit"), headers={"accept-language": "en"}).content.decode()
    assert log.count("Handed over") == 2 and "quizzes: Only here" in log
    assert "Morning class" in instructor_client.get(reverse("instructor:audit")).content.decode()  # quiz entry


@pytest.mark.parametrize("username,message", [
    ("nobody", "No account has this user name."),
    ("alice", "alice is not an instructor: only an instructor can take it over."),
    ("gone", "The account gone is deactivated."),
    ("ines", "It belongs to ines already."),
    ("oscar", "oscar already has a class named Morning class."),
])
def test_a_bad_new_owner_is_refused_on_the_class_page_and_nothing_moves(instructor_client, instructor, successor,
                                                                        learner, build, make, username, message):
    gone = make_user("gone", instructor=True)
    gone.is_active = False
    gone.save()
    if username == "oscar":
        build.classroom(successor, name="MORNING class")  # the same name, case aside
    classroom = build.classroom(instructor, name="Morning class")
    quiz = build.quiz([make.question()], created_by=instructor)
    build.assignment(classroom, quiz)
    response = _hand_over_class(instructor_client, classroom, username)
    html = response.content.decode()
    assert response.status_code == 200 and message in html
    assert '<details class="hand-over" open>' in html and f'value="{username}"' in html
    assert Classroom.objects.get(pk=classroom.pk).owner == instructor
    assert Quiz.objects.get(pk=quiz.pk).created_by == instructor
    assert not AuditLog.objects.filter(action="hand_over").exists()


def test_a_class_handed_over_meanwhile_is_not_handed_over_again(instructor, successor, build):
    classroom = build.classroom(instructor)
    stale = Classroom.objects.get(pk=classroom.pk)
    assert classroom.hand_over(successor) == []
    third = make_user("thea", instructor=True)
    assert stale.hand_over(third) is None
    assert Classroom.objects.get(pk=classroom.pk).owner == successor


def test_only_the_classes_owner_may_hand_it_over(client, instructor, successor, learner, build):
    classroom = build.classroom(instructor)
    url = reverse("instructor:class_hand_over", args=[classroom.pk])
    client.force_login(successor)  # another instructor: the class is not theirs to see
    assert client.post(url, {"username": "oscar"}).status_code == 404
    client.force_login(learner)
    assert client.post(url, {"username": "alice"}).status_code == 403
    client.force_login(instructor)
    assert client.get(url).status_code == 405  # POST only
    csrf_client = Client(enforce_csrf_checks=True)
    csrf_client.force_login(instructor)
    assert csrf_client.post(url, {"username": "oscar"}).status_code == 403
    assert Classroom.objects.get(pk=classroom.pk).owner == instructor
    assert not AuditLog.objects.filter(action="hand_over").exists()


def test_a_quiz_goes_to_the_new_owner_from_its_page(instructor_client, instructor, successor, learner, build, make):
    question = make.question()
    quiz = build.quiz([question], title="Mine", created_by=instructor)
    classroom = build.classroom(instructor, [learner])
    build.assignment(classroom, quiz)
    build.attempt(learner, quiz, [question], [["a"]])
    before = _attempt_rows()
    page = instructor_client.get(reverse("instructor:quiz_edit", args=[quiz.pk])).content.decode()
    assert reverse("instructor:quiz_hand_over", args=[quiz.pk]) in page
    response = _hand_over_quiz(instructor_client, quiz, "oscar")
    assert response.status_code == 302
    assert "Mine now belongs to oscar." in instructor_client.get(response["Location"]).content.decode()
    assert Quiz.objects.get(pk=quiz.pk).created_by == successor
    assert Assignment.objects.get(quiz=quiz).classroom == classroom and _attempt_rows() == before
    entry = AuditLog.objects.get(action="hand_over")
    assert (entry.object_type, entry.object_id, entry.details) == ("quiz", str(quiz.pk),
                                                                    {"from": "ines", "to": "oscar"})
    # no longer its owner: no form (the quiz is still theirs to edit, as every instructor's)
    page = instructor_client.get(reverse("instructor:quiz_edit", args=[quiz.pk])).content.decode()
    assert reverse("instructor:quiz_hand_over", args=[quiz.pk]) not in page


def test_a_bad_new_owner_is_refused_on_the_quiz_page(instructor_client, instructor, learner, build, make):
    quiz = build.quiz([make.question()], created_by=instructor)
    response = _hand_over_quiz(instructor_client, quiz, "alice")
    html = response.content.decode()
    assert response.status_code == 200
    assert "alice is not an instructor: only an instructor can take it over." in html
    assert '<details class="hand-over" open>' in html
    assert Quiz.objects.get(pk=quiz.pk).created_by == instructor and not AuditLog.objects.exists()


def test_only_the_quizs_author_may_hand_it_over(client, instructor, successor, learner, build, make):
    quiz = build.quiz([make.question()], created_by=instructor)
    url = reverse("instructor:quiz_hand_over", args=[quiz.pk])
    client.force_login(successor)  # sees and edits the shared quiz, but did not make it
    assert reverse("instructor:quiz_hand_over", args=[quiz.pk]) not in client.get(
        reverse("instructor:quiz_edit", args=[quiz.pk])).content.decode()
    assert client.post(url, {"username": "oscar"}).status_code == 403
    client.force_login(learner)
    assert client.post(url, {"username": "alice"}).status_code == 403
    assert Quiz.objects.get(pk=quiz.pk).created_by == instructor and not AuditLog.objects.exists()


def test_an_instructor_who_handed_everything_over_may_delete_their_account(instructor_client, instructor,
                                                                           successor, build, make):
    classroom = build.classroom(instructor)
    build.assignment(classroom, build.quiz([make.question()], created_by=instructor))
    loose = build.quiz([make.question()], created_by=instructor)  # assigned nowhere
    assert account_deletion_refused(instructor)
    _hand_over_class(instructor_client, classroom, "oscar")
    assert account_deletion_refused(instructor)  # the quiz no class uses stays theirs
    _hand_over_quiz(instructor_client, loose, "oscar")
    assert account_deletion_refused(instructor) is None
    assert "Delete my account" in instructor_client.get("/progress/delete-account/").content.decode()
    assert instructor_client.post("/progress/delete-account/", {"password": PASSWORD}).status_code == 302


def _quiz_row(html, title):
    return html.split(f">{title}</a>")[1].split("</tr>")[0]


def test_the_quiz_list_names_each_quizs_owner(instructor_client, instructor, successor, build):
    build.quiz(title="Mine", created_by=instructor)
    build.quiz(title="Oscar's", created_by=successor)
    build.quiz(title="Nobody's")
    html = instructor_client.get(reverse("instructor:quizzes")).content.decode()
    assert '<td data-label="Owner">you</td>' in _quiz_row(html, "Mine")
    assert '<td data-label="Owner">oscar</td>' in _quiz_row(html, "Oscar&#x27;s")
    assert '<td data-label="Owner">—</td>' in _quiz_row(html, "Nobody&#x27;s")


def test_after_a_class_hand_over_the_old_owner_counts_only_their_own_classes(instructor_client, instructor,
                                                                             successor, build, make):
    quiz = build.quiz([make.question()], title="Only here", created_by=instructor)
    build.assignment(build.classroom(instructor, name="Morning class"), quiz)
    _hand_over_class(instructor_client, Classroom.objects.get(), "oscar")
    row = _quiz_row(instructor_client.get(reverse("instructor:quizzes")).content.decode(), "Only here")
    assert '<td data-label="In your classes">0</td>' in row
    assert reverse("instructor:quiz_item_analysis", args=[quiz.pk]) not in row
    page = instructor_client.get(reverse("instructor:quiz_item_analysis", args=[quiz.pk])).content.decode()
    assert "This quiz is not assigned to any of your classes." in page
    oscar = Client()
    oscar.force_login(successor)
    row = _quiz_row(oscar.get(reverse("instructor:quizzes")).content.decode(), "Only here")
    assert '<td data-label="In your classes">1</td>' in row and '<td data-label="Owner">you</td>' in row
    assert reverse("instructor:quiz_item_analysis", args=[quiz.pk]) in row
    page = oscar.get(reverse("instructor:quiz_item_analysis", args=[quiz.pk])).content.decode()
    assert "No finished exam attempt yet." in page and "not assigned to any of your classes" not in page


def test_a_class_without_assignments_does_not_explain_why_no_quiz_goes_with_it(instructor_client, instructor):
    classroom = Classroom.objects.create(name="Empty class", owner=instructor)
    page = instructor_client.get(classroom.get_absolute_url()).content.decode()
    assert "Hand over this class" in page and "No quiz goes with it" not in page

"""Deleting one's own account: the password, what goes (every row of the user, found through the models'
foreign keys), what is refused (instructors with material, staff), and nothing of other learners touched."""

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model

from conftest import PASSWORD, focused_field, make_user
from quiz.instructor.models import AuditLog, Classroom, Membership
from quiz.models import Attempt, AttemptItem, ProblemReport, Quiz
from quiz.progress.models import LearnerSettings, ReviewCard, ReviewLog

# Foreign keys to the user that a learner's own data never fills, and why. Any other one (a model added later)
# must be filled by ``learner_with_everything`` below, so the test says whether deleting takes its rows.
NOT_A_LEARNERS = {
    "instructor.Classroom.owner": "an owner of classes is refused",
    "quiz.Quiz.created_by": "an author of quizzes is refused",
    "instructor.Assignment.created_by": "instructors' work",
    "quiz.QuestionVersion.edited_by": "instructors' work",
    "quiz.ProblemReport.resolved_by": "instructors' work",
    "instructor.HandledIssue.handled_by": "instructors' work",
    "instructor.Membership.added_by": "the instructor who added a learner to their class",
    "admin.LogEntry.user": "staff only, and staff are refused",
    "auth.User_user_permissions.user": "granted by an administrator; goes with the user",
}
# Rows that stay with their link to the deleted user set to null: the instructor's record of their own class.
KEPT_WITHOUT_THE_USER = {"instructor.AuditLog.actor"}


def user_foreign_keys():
    """Every foreign key to the user model, of every installed model (auto-created ones too: groups)."""
    user_model = get_user_model()
    return [(model, field) for model in apps.get_models(include_auto_created=True)
            for field in model._meta.concrete_fields
            if field.is_relation and field.related_model is user_model]


def rows_of(user):
    """``{"app.Model.field": {pk, ...}}``: the rows that point to ``user``."""
    return {f"{model._meta.label}.{field.name}": set(model.objects.filter(**{field.attname: user.pk})
                                                     .values_list("pk", flat=True))
            for model, field in user_foreign_keys()}


def learner_with_everything(user, make, answering, classroom):
    """A review card and log, settings, a report, attempts with items, a membership (added by the instructor,
    then left and joined again), a group, and the audit entry of leaving."""
    from studynotes.roles import instructor_group

    question = make.question()
    item = answering.answer(user, question, correct=True)
    answering.answer(user, make.question(), correct=False, mode="exam")
    LearnerSettings.objects.create(user=user, daily_review_cap=40)
    ProblemReport.objects.create(user=user, question=question, item=item, text=f"{user.username}: B is right")
    left = Membership.objects.create(classroom=classroom, learner=user, added_by=classroom.owner)
    left.end()
    AuditLog.record(user, "leave_class", classroom, details={"learner": user.username})
    Membership.objects.create(classroom=classroom, learner=user)
    user.groups.add(instructor_group())  # an instructor with no classes or quizzes of their own may go
    return question


@pytest.fixture
def classroom(db):
    return Classroom.objects.create(name="Evening class", owner=make_user("teacher", instructor=True))


@pytest.fixture
def two_learners(learner, other_learner, make, answering, classroom):
    learner_with_everything(learner, make, answering, classroom)
    learner_with_everything(other_learner, make, answering, classroom)


def test_the_scenario_fills_every_foreign_key_to_the_user_a_learner_can_have(learner, two_learners):
    filled = {name for name, pks in rows_of(learner).items() if pks}
    assert filled | set(NOT_A_LEARNERS) == set(rows_of(learner)), "a new foreign key to the user: decide here"


def test_the_right_password_deletes_every_row_of_mine_and_nothing_of_others(
        learner, other_learner, learner_client, two_learners):
    mine, theirs = rows_of(learner), rows_of(other_learner)
    my_items = set(AttemptItem.objects.filter(attempt__user=learner).values_list("pk", flat=True))
    assert my_items and all(mine[name] for name in ("quiz.Attempt.user", "progress.ReviewLog.user"))

    response = learner_client.post("/progress/delete-account/", {"password": PASSWORD})

    assert response.status_code == 302 and response["Location"] == "/progress/account-deleted/"
    assert not get_user_model().objects.filter(pk=learner.pk).exists()
    for model, field in user_foreign_keys():
        name = f"{model._meta.label}.{field.name}"
        remaining = set(model.objects.filter(pk__in=mine[name]).values_list("pk", flat=True))
        if name in KEPT_WITHOUT_THE_USER:
            assert remaining == mine[name]
            assert not model.objects.filter(**{field.attname: learner.pk}).exists()
        else:  # deleted, not kept with a null user (a report's text is the learner's own words)
            assert remaining == set(), name
    assert not AttemptItem.objects.filter(pk__in=my_items).exists()
    assert rows_of(other_learner) == theirs
    assert ReviewLog.objects.filter(user=other_learner, attempt_item__isnull=False).count() == 2
    assert not AuditLog.objects.filter(action="delete_account").exists()  # nothing logged, no name stored


def test_a_wrong_password_changes_nothing(learner, learner_client, two_learners):
    before = rows_of(learner)
    response = learner_client.post("/progress/delete-account/", {"password": "not-my-password"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "That is not your password; nothing was deleted." in focused_field(html, "password")
    assert rows_of(learner) == before
    assert learner_client.get("/progress/").status_code == 200  # still logged in


def test_getting_the_confirmation_page_deletes_nothing_and_says_what_goes(learner, learner_client,
                                                                          two_learners):
    before = rows_of(learner)
    html = learner_client.get("/progress/delete-account/").content.decode()
    assert rows_of(learner) == before
    for line in ("your answers, practice sets and exam attempts;",
                 "the problems you reported about questions;", "your class memberships.",
                 "your rows disappear from their classes' results",
                 'You may want to <a href="/progress/export.json" download>export your data</a> first.'):
        assert line in html
    assert 'method="post"' in html and 'name="csrfmiddlewaretoken"' in html
    assert 'autocomplete="current-password"' in html


def test_the_my_data_section_and_the_settings_link_to_it(learner_client):
    for url in ("/progress/", "/progress/settings/"):
        assert 'href="/progress/delete-account/"' in learner_client.get(url).content.decode(), url


def test_the_deleted_page_confirms_in_my_language_after_logging_me_out(learner, learner_client):
    learner_client.cookies["django_language"] = "ja"
    response = learner_client.post("/progress/delete-account/", {"password": PASSWORD}, follow=True)
    assert response.redirect_chain == [("/progress/account-deleted/", 302)]
    assert '<html lang="ja"' in response.content.decode()
    assert not response.wsgi_request.user.is_authenticated
    assert learner_client.get("/progress/").status_code == 302  # the session is gone


@pytest.mark.parametrize("material", ["classroom", "quiz"])
def test_an_instructor_who_owns_material_is_refused_and_nothing_is_deleted(instructor, instructor_client,
                                                                          material):
    if material == "classroom":
        Classroom.objects.create(name="Morning class", owner=instructor)
    else:
        Quiz.objects.create(slug="mine", title="Mine", created_by=instructor)
    refusal = "You run classes or made quizzes that other people use."
    assert refusal in instructor_client.get("/progress/delete-account/").content.decode()
    html = instructor_client.post("/progress/delete-account/", {"password": PASSWORD}).content.decode()
    assert refusal in html and 'name="password"' not in html
    assert get_user_model().objects.filter(pk=instructor.pk).exists()
    assert (Classroom.objects.filter(owner=instructor).exists()
            or Quiz.objects.filter(created_by=instructor).exists())


def test_staff_are_refused(client, db):
    staff = make_user("admin-ann")
    staff.is_staff = True
    staff.save()
    client.force_login(staff)
    html = client.post("/progress/delete-account/", {"password": PASSWORD}).content.decode()
    assert "Staff accounts cannot be deleted here" in html
    assert get_user_model().objects.filter(pk=staff.pk).exists()


def test_anonymous_visitors_are_sent_to_log_in(client, db):
    for response in (client.get("/progress/delete-account/"), client.post("/progress/delete-account/")):
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_only_post_deletes(learner, learner_client):
    assert learner_client.put("/progress/delete-account/").status_code == 405
    assert get_user_model().objects.filter(pk=learner.pk).exists()


def test_a_post_without_the_csrf_token_is_refused(learner, db):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    assert client.post("/progress/delete-account/", {"password": PASSWORD}).status_code == 403
    assert get_user_model().objects.filter(pk=learner.pk).exists()


def test_password_guesses_are_rate_limited(learner, learner_client):
    for _ in range(10):
        learner_client.post("/progress/delete-account/", {"password": "guess"})
    response = learner_client.post("/progress/delete-account/", {"password": PASSWORD})
    assert response.status_code == 429
    assert get_user_model().objects.filter(pk=learner.pk).exists()


def test_attempts_kept_by_delete_my_progress_go_with_the_account(learner, learner_client, make, answering,
                                                                 classroom):
    """Deleting one's progress keeps the attempts an instructor counts; deleting the account does not."""
    from quiz.instructor.models import Assignment

    quiz = Quiz.objects.create(slug="assigned", title="Assigned", mode="exam", attempts_allowed=1)
    Assignment.objects.create(classroom=classroom, quiz=quiz)
    Membership.objects.create(classroom=classroom, learner=learner)
    answering.attempt(learner, mode="exam", quiz=quiz, state="submitted")
    learner_client.post("/progress/delete/", {"confirm": "alice", "attempts": "on"})
    assert Attempt.objects.filter(user=learner).count() == 1
    learner_client.post("/progress/delete-account/", {"password": PASSWORD})
    assert not Attempt.objects.filter(quiz=quiz).exists()


def test_the_instructors_log_keeps_its_entries_about_me_without_my_name(learner, other_learner, learner_client,
                                                                          classroom):
    from quiz.instructor.views import _audit_value

    teacher = classroom.owner
    mine = [AuditLog.record(teacher, "add_learner", classroom, details={"learner": learner.username}),
            AuditLog.record(learner, "leave_class", classroom, details={"learner": learner.username})]
    theirs = AuditLog.record(teacher, "add_learner", classroom, details={"learner": other_learner.username})

    learner_client.post("/progress/delete-account/", {"password": PASSWORD})

    for entry in mine:
        entry.refresh_from_db()
        assert entry.details == {"learner": None}
    assert AuditLog.objects.get(pk=mine[0].pk).actor == teacher
    assert AuditLog.objects.get(pk=mine[1].pk).actor is None
    theirs.refresh_from_db()
    assert theirs.details == {"learner": other_learner.username}
    assert not [e for e in AuditLog.objects.all() if learner.username in str(e.details)]
    assert _audit_value(None, "learner") == "a deleted account"


def test_a_quiz_made_in_another_tab_as_the_deletion_begins_keeps_its_author_and_the_account(instructor,
                                                                                          instructor_client,
                                                                                          monkeypatch):
    from types import SimpleNamespace

    from django.db import transaction

    from quiz.progress import views

    made = []

    def atomic(*args, **kwargs):  # the other tab's quiz commits after the page's check, as the deletion begins
        if not made:
            made.append(Quiz.objects.create(slug="tab", title="Made in another tab", created_by=instructor))
        return transaction.atomic(*args, **kwargs)

    monkeypatch.setattr(views, "transaction", SimpleNamespace(atomic=atomic))
    html = instructor_client.post("/progress/delete-account/", {"password": PASSWORD}).content.decode()
    assert made and "You run classes or made quizzes that other people use." in html
    assert get_user_model().objects.filter(pk=instructor.pk).exists()
    assert Quiz.objects.get(slug="tab").created_by == instructor

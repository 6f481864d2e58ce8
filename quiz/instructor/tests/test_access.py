"""Every instructor URL: anonymous users go to the login page, learners get 403, instructors get in."""

import pytest
from django.urls import reverse

from quiz.models import ProblemReport


@pytest.fixture
def world(make, build, instructor, learner):
    question = make.question(status="draft")
    quiz = build.quiz([question])
    classroom = build.classroom(instructor, [learner])
    assignment = build.assignment(classroom, quiz)
    attempt = build.attempt(learner, quiz, [question], [["A"]])
    report = ProblemReport.objects.create(user=learner, question=question, text="Typo in B")
    note_file = question.sections.get().note_file
    membership = classroom.memberships.get()
    return {"question": question, "quiz": quiz, "classroom": classroom, "assignment": assignment,
            "attempt": attempt, "report": report, "note_file": note_file, "membership": membership}


def get_urls(w):
    return [
        reverse("instructor:home"),
        reverse("instructor:notes"),
        reverse("instructor:note_detail", args=[w["note_file"].pk]),
        reverse("instructor:bank"),
        reverse("instructor:review"),
        reverse("instructor:bank_export"),
        reverse("instructor:bank_import"),
        reverse("instructor:question", args=[w["question"].pk]),
        reverse("instructor:issues"),
        reverse("instructor:quizzes"),
        reverse("instructor:quiz_new"),
        reverse("instructor:quiz_edit", args=[w["quiz"].pk]),
        reverse("instructor:quiz_preview", args=[w["quiz"].pk]),
        reverse("instructor:quiz_item_analysis", args=[w["quiz"].pk]),
        reverse("instructor:classes"),
        reverse("instructor:class_detail", args=[w["classroom"].pk]),
        reverse("instructor:results", args=[w["assignment"].pk]),
        reverse("instructor:results_csv", args=[w["assignment"].pk]),
        reverse("instructor:item_analysis", args=[w["assignment"].pk]),
        reverse("instructor:attempt_review", args=[w["assignment"].pk, w["attempt"].uid]),
        reverse("instructor:audit"),
    ]


def post_urls(w):
    return [
        reverse("instructor:note_retire", args=[w["note_file"].pk]),
        reverse("instructor:generate"),
        reverse("instructor:approve"),
        reverse("instructor:question_retire", args=[w["question"].pk]),
        reverse("instructor:report_resolve", args=[w["report"].pk]),
        reverse("instructor:member_update", args=[w["classroom"].pk, w["membership"].pk]),
        reverse("instructor:member_add", args=[w["classroom"].pk]),
        reverse("instructor:question_restore", args=[w["question"].pk]),
        reverse("instructor:assignment_update", args=[w["assignment"].pk]),
    ]


def test_every_instructor_url_sends_anonymous_users_to_the_login_page(client, world):
    for url in get_urls(world) + post_urls(world):
        response = client.post(url) if url in post_urls(world) else client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("login") + "?next="), url


def test_every_instructor_url_refuses_learners_with_403(client, learner, world):
    client.force_login(learner)
    for url in get_urls(world) + post_urls(world):
        response = client.post(url) if url in post_urls(world) else client.get(url)
        assert response.status_code == 403, url
    world["question"].refresh_from_db()
    assert world["question"].status == "draft"  # the learner's approve/retire posts changed nothing


def test_every_instructor_page_opens_for_an_instructor(instructor_client, world):
    for url in get_urls(world):
        assert instructor_client.get(url).status_code == 200, url


def test_post_only_urls_refuse_get(instructor_client, world):
    for url in post_urls(world):
        assert instructor_client.get(url).status_code == 405, url


def test_an_instructor_sees_only_their_own_classes_results(client, make, build, world):
    from conftest import make_user

    other = make_user("olga", instructor=True)
    client.force_login(other)
    assignment, classroom = world["assignment"], world["classroom"]
    for url in [
        reverse("instructor:class_detail", args=[classroom.pk]),
        reverse("instructor:results", args=[assignment.pk]),
        reverse("instructor:results_csv", args=[assignment.pk]),
        reverse("instructor:item_analysis", args=[assignment.pk]),
        reverse("instructor:attempt_review", args=[assignment.pk, world["attempt"].uid]),
    ]:
        assert client.get(url).status_code == 404, url
    response = client.post(reverse("instructor:member_update", args=[classroom.pk, world["membership"].pk]),
                           {"extra_minutes": "30"})
    assert response.status_code == 404
    world["membership"].refresh_from_db()
    assert world["membership"].extra_minutes == 0
    assert classroom.name not in client.get(reverse("instructor:classes")).content.decode()


def test_a_superuser_counts_as_an_instructor(client, django_user_model, world):
    admin = django_user_model.objects.create_superuser("root", "root@example.com", "x")
    client.force_login(admin)
    assert client.get(reverse("instructor:home")).status_code == 200

"""Nobody sees or changes what is not theirs: every object URL tried with another user's ids.

Personas: ``learner`` (alice) owns the attempts; ``other_learner`` (mallory)
tries them. ``instructor`` (ines) owns a class; a second instructor (ivan) and
a learner try its URLs. Each try must answer 403 or 404 and write nothing.
"""

import uuid

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from conftest import make_user
from quiz import attempts
from quiz.models import Attempt, AttemptItem, Mode, ProblemReport, Quiz

DENIED = {403, 404}
WRONG_METHOD = 405  # refused before any lookup: reveals nothing, writes nothing


@pytest.fixture
def owned(make, learner, instructor):
    """Alice's practice set, running exam and finished exam; Ines's class with Alice and an assignment."""
    from quiz.instructor.models import Assignment, Classroom, Membership

    questions = [make.question() for _ in range(4)]
    practice = attempts.start_practice(learner, questions, "en")
    running_quiz = Quiz.objects.create(slug="running", title="Running", mode=Mode.EXAM, question_count=4,
                                       only_approved=False)
    running, _ = attempts.start_exam(learner, running_quiz, "en")
    done_quiz = Quiz.objects.create(slug="done", title="Done", mode=Mode.EXAM, question_count=4, only_approved=False)
    # the class first: its instructor sees the attempts made in it once the quiz is assigned
    classroom = Classroom.objects.create(name="Ines's class", owner=instructor)
    membership = Membership.objects.create(classroom=classroom, learner=learner)
    assignment = Assignment.objects.create(classroom=classroom, quiz=done_quiz, created_by=instructor)
    done, _ = attempts.start_exam(learner, done_quiz, "en")
    attempts.submit(done, now=timezone.now())
    return {"practice": practice, "running": running, "done": done, "classroom": classroom,
            "membership": membership, "assignment": assignment}


def snapshot():
    """Everything a forbidden request could have changed."""
    return (
        sorted(Attempt.objects.values_list("uid", "state", "position", "raw_score")),
        sorted(AttemptItem.objects.values_list("pk", "chosen", "flagged", "answered_at", "rating")),
        ProblemReport.objects.count(),
    )


def learner_object_urls(owned):
    practice, running, done = owned["practice"], owned["running"], owned["done"]
    item = practice.items.first()
    return [
        f"/quiz/practice/{practice.uid}/1/",
        f"/quiz/practice/{practice.uid}/summary/",
        f"/quiz/attempts/{running.uid}/1/",
        f"/quiz/attempts/{running.uid}/review/",
        f"/quiz/attempts/{running.uid}/submit/",
        f"/quiz/attempts/{running.uid}/result/",
        f"/quiz/attempts/{running.uid}/1/report/",
        f"/quiz/attempts/{done.uid}/result/",
        f"/quiz/attempts/{done.uid}/practise-wrong/",
        f"/quiz/attempts/{done.uid}/1/",
        f"/progress/rate/{item.pk}/",
    ]


def test_the_owner_can_open_her_own_attempts(client, learner, owned):
    client.force_login(learner)
    assert client.get(f"/quiz/practice/{owned['practice'].uid}/1/").status_code == 200
    assert client.get(f"/quiz/attempts/{owned['running'].uid}/1/").status_code == 200
    assert client.get(f"/quiz/attempts/{owned['done'].uid}/result/").status_code == 200


def test_another_learner_gets_404_on_every_attempt_url_and_changes_nothing(client, other_learner, owned):
    client.force_login(other_learner)
    before = snapshot()
    for url in learner_object_urls(owned):
        assert client.get(url).status_code in DENIED | {WRONG_METHOD}, url
        response = client.post(url, {"choice": "A", "action": "flag", "rating": "easy", "text": "spam"})
        assert response.status_code in DENIED | {WRONG_METHOD}, (url, response.status_code)
    assert snapshot() == before


def test_the_learner_url_list_covers_every_quiz_and_progress_route_with_an_id(owned):
    """If a route with an id is added to quiz/ or progress/, this list must grow with it."""
    routes = set()

    def walk(resolver, prefix):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                route = prefix + str(pattern.pattern)
                if route.startswith(("quiz/", "progress/")) and ("<uuid:" in route or "<id:" in route):
                    routes.add(route)

    walk(get_resolver(), "")
    covered = {
        "quiz/practice/<uuid:uid>/<id:number>/", "quiz/practice/<uuid:uid>/summary/",
        "quiz/attempts/<uuid:uid>/<id:number>/", "quiz/attempts/<uuid:uid>/review/",
        "quiz/attempts/<uuid:uid>/submit/", "quiz/attempts/<uuid:uid>/result/",
        "quiz/attempts/<uuid:uid>/practise-wrong/",
        "quiz/attempts/<uuid:uid>/<id:number>/report/", "progress/rate/<id:item_id>/",
    }
    assert routes <= covered, f"new object routes to add to this test: {routes - covered}"


def class_urls(owned):
    classroom, membership, assignment, done = owned["classroom"], owned["membership"], owned["assignment"], owned["done"]
    return [
        f"/instructor/classes/{classroom.pk}/",
        f"/instructor/classes/{classroom.pk}/members/add/",
        f"/instructor/classes/{classroom.pk}/hand-over/",
        f"/instructor/classes/{classroom.pk}/members/{membership.pk}/",
        f"/instructor/assignments/{assignment.pk}/",
        f"/instructor/assignments/{assignment.pk}/update/",
        f"/instructor/assignments/{assignment.pk}/results.csv",
        f"/instructor/assignments/{assignment.pk}/items/",
        f"/instructor/assignments/{assignment.pk}/attempts/{done.uid}/",
    ]


def test_the_owning_instructor_can_open_her_class_pages(client, instructor, owned):
    client.force_login(instructor)
    for url in class_urls(owned):
        if "/members/" in url or url.endswith(("/update/", "/hand-over/")):  # POST only
            continue
        assert client.get(url).status_code == 200, url


# Routes with an id whose object is the shared bank's (notes, questions, quizzes, problem reports): every
# instructor may open them (docs/INSTRUCTOR.md), a learner gets 403 (test_a_learner_gets_403_on_every_instructor_url).
SHARED_BANK_ROUTES = {
    "instructor/notes/<id:pk>/", "instructor/notes/<id:pk>/retire/", "instructor/questions/<id:pk>/",
    "instructor/questions/<id:pk>/retire/", "instructor/questions/<id:pk>/restore/",
    "instructor/reports/<id:pk>/resolve/", "instructor/issues/<id:pk>/handled/", "instructor/quizzes/<id:pk>/",
    "instructor/quizzes/<id:pk>/preview/",
    "instructor/quizzes/<id:pk>/items/",  # the analysis counts only the instructor's own classes (a test below)
    "instructor/quizzes/<id:pk>/hand-over/",  # its author's only (quiz/instructor/tests/test_hand_over.py)
}


def test_the_class_url_list_covers_every_instructor_and_classes_route_with_an_id(owned):
    """A new route with an id under instructor/ or classes/ is either a class's (tried by another instructor
    below) or the shared bank's, or a learner's own membership (its test below): it must be listed here."""
    routes = set()

    def walk(resolver, prefix):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern, prefix + str(pattern.pattern))
            else:
                route = prefix + str(pattern.pattern)
                if route.startswith(("instructor/", "classes/")) and ("<uuid:" in route or "<id:" in route):
                    routes.add(route)

    walk(get_resolver(), "")
    tried = {"/".join("<>" if part.isdigit() or len(part) == 36 else part for part in url.strip("/").split("/"))
             for url in class_urls(owned)}
    uncovered = {route for route in routes - SHARED_BANK_ROUTES - {"classes/<id:pk>/leave/"}
                 if "/".join("<>" if part.startswith("<") else part for part in route.strip("/").split("/"))
                 not in tried}
    assert uncovered == set(), f"class routes to add to class_urls: {uncovered}"


def test_a_learner_cannot_leave_or_see_a_class_she_is_not_in(client, other_learner, owned):
    from quiz.instructor.models import Membership

    client.force_login(other_learner)
    url = f"/classes/{owned['classroom'].pk}/leave/"
    before = list(Membership.objects.values_list("pk", "left_at"))
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert list(Membership.objects.values_list("pk", "left_at")) == before


def test_quiz_item_analysis_counts_only_the_instructors_own_classes(client, owned):
    ivan = make_user("ivan", instructor=True)
    client.force_login(ivan)
    response = client.get(f"/instructor/quizzes/{owned['done'].quiz_id}/items/")
    assert response.status_code == 200
    assert response.context["rows"] == []


def test_another_instructor_gets_404_on_every_class_url_and_changes_nothing(client, owned):
    from quiz.instructor.models import Membership

    ivan = make_user("ivan", instructor=True)
    client.force_login(ivan)
    before = (snapshot(), list(Membership.objects.values_list("pk", "extra_minutes")))
    for url in class_urls(owned):
        assert client.get(url).status_code in DENIED | {WRONG_METHOD}, url
        response = client.post(url, {"extra_minutes": "30", "remove": "1", "name": "taken", "username": "mallory",
                                     "review_opens": "never"})
        assert response.status_code in DENIED | {WRONG_METHOD}, (url, response.status_code)
    assert (snapshot(), list(Membership.objects.values_list("pk", "extra_minutes"))) == before


def test_an_instructor_cannot_open_an_attempt_from_outside_her_class_through_her_assignment(
        client, instructor, other_learner, owned):
    outsider_attempt, _ = attempts.start_exam(other_learner, owned["done"].quiz, "en")
    client.force_login(instructor)
    url = f"/instructor/assignments/{owned['assignment'].pk}/attempts/{outsider_attempt.uid}/"
    assert client.get(url).status_code == 404


def test_a_learner_gets_403_on_every_instructor_url(client, learner, owned):
    client.force_login(learner)
    paths = []

    def walk(resolver, prefix):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern, prefix + str(pattern.pattern))
            elif prefix.startswith("instructor/"):
                route = prefix + str(pattern.pattern)
                route = (route.replace("<id:pk>", str(owned["assignment"].pk))
                         .replace("<id:membership_pk>", str(owned["membership"].pk))
                         .replace("<uuid:uid>", str(owned["done"].uid)))
                paths.append("/" + route)

    walk(get_resolver(), "")
    assert len(paths) > 15
    before = snapshot()
    for path in paths:
        assert client.get(path).status_code in {403, WRONG_METHOD}, path
        assert client.post(path, {"name": "x"}).status_code in {403, WRONG_METHOD}, path
    assert snapshot() == before


def test_anonymous_visitors_are_sent_to_log_in_for_private_pages(client, owned):
    for url in learner_object_urls(owned)[:3] + class_urls(owned)[:1] + ["/progress/", "/quiz/"]:
        response = client.get(url)
        assert response.status_code in {302, WRONG_METHOD}, url
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/"), url


def test_unknown_ids_answer_404_not_500(client, learner):
    client.force_login(learner)
    for url in (f"/quiz/attempts/{uuid.uuid4()}/1/", f"/quiz/practice/{uuid.uuid4()}/1/", "/progress/rate/999999/",
                "/files/999999/", "/topics/no-such-topic/"):
        response = client.get(url) if "rate" not in url else client.post(url, {"rating": "good"})
        assert response.status_code == 404, url


def test_ids_beyond_a_database_integer_answer_404_not_500(client, make, learner, instructor):
    question = make.question()
    practice = attempts.start_practice(learner, [question], "en")
    exam = Quiz.objects.create(slug="huge-ids", title="Huge", mode=Mode.EXAM, question_count=1, only_approved=False)
    attempt, _ = attempts.start_exam(learner, exam, "en")
    huge = "9" * 23
    client.force_login(learner)
    for url in (f"/quiz/practice/{practice.uid}/{huge}/", f"/quiz/attempts/{attempt.uid}/{huge}/",
                f"/quiz/attempts/{attempt.uid}/{huge}/report/", f"/progress/rate/{huge}/", f"/files/{huge}/"):
        assert client.get(url).status_code in (404, 405), url
    client.force_login(instructor)
    for url in (f"/instructor/assignments/{huge}/", f"/instructor/questions/{huge}/", f"/instructor/classes/{huge}/"):
        assert client.get(url).status_code == 404, url
    for ids in (huge, "²"):
        response = client.post("/instructor/questions/approve/", {"ids": ids})
        assert response.status_code == 302  # "tick at least one question", not a 500

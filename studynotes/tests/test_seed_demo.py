"""seed_demo: the two demo accounts, idempotent, never in production."""

from datetime import timedelta
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

from studynotes.roles import is_instructor

pytestmark = pytest.mark.django_db


def run():
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_seed_demo_creates_learner_and_instructor_with_the_demo_password_and_prints_them():
    output = run()

    learner = authenticate(username="learner", password="kumo-demo")
    instructor = authenticate(username="instructor", password="kumo-demo")
    assert learner is not None and instructor is not None
    assert not is_instructor(learner)
    assert is_instructor(instructor)
    assert "learner" in output and "instructor" in output and "kumo-demo" in output


def test_seed_demo_is_idempotent_and_repairs_a_changed_password():
    run()
    user = get_user_model().objects.get(username="learner")
    user.set_password("something-else-1")
    user.save()

    run()

    assert get_user_model().objects.filter(username__in=["learner", "instructor"]).count() == 2
    assert authenticate(username="learner", password="kumo-demo") is not None
    assert get_user_model().objects.get(username="instructor").groups.count() == 1


def test_seed_demo_refuses_under_production_settings_and_writes_nothing(settings):
    settings.PRODUCTION = True

    with pytest.raises(CommandError, match="never runs in production"):
        run()

    assert not get_user_model().objects.exists()


def test_seed_demo_adds_a_short_mock_exam_with_the_mock_exams_blueprint_once():
    from quiz.attempts import mock_exam
    from quiz.models import Quiz

    mock = mock_exam()
    mock.rules = {"weights": {"compute": 30, "networking": 70}}
    mock.save()
    first = run()
    short = Quiz.objects.get(slug="short-mock-exam")
    assert (short.mode, short.question_count, short.time_limit_minutes, short.pass_mark) == ("exam", 20, 40, 720)
    assert short.rules == mock.rules and short.published and not short.only_approved
    assert short.display_title == "Short mock exam"

    short.time_limit_minutes = 45  # an instructor's change stays
    short.save()
    before = list(Quiz.objects.order_by("pk").values())
    second = run()
    assert list(Quiz.objects.order_by("pk").values()) == before
    # the printed contract: the demo accounts, nothing about exams
    assert [line.split()[1:] for line in first.splitlines()] == [line.split()[1:] for line in second.splitlines()]
    assert "exam" not in second.lower()


# --- the demo class: the instructor's class with the learner, a practice set and an exam assigned -------------


@pytest.fixture
def drafts(make):
    """Twelve generated questions over three topics, all drafts (as ``generate_questions`` leaves them)."""
    topics = [make.topic() for _ in range(3)]
    return [make.question(topics[i % 3], status="draft") for i in range(12)]


def demo_rows():
    """Every row the demo class touches, to compare before and after a run."""
    from quiz.instructor.models import Assignment, AuditLog, Classroom, Membership
    from quiz.models import Question, Quiz

    return {
        "classes": list(Classroom.objects.order_by("pk").values()),
        "memberships": list(Membership.objects.order_by("pk").values()),
        "quizzes": list(Quiz.objects.order_by("pk").values()),
        "fixed lists": list(Quiz.questions.through.objects.order_by("pk").values()),
        "assignments": list(Assignment.objects.order_by("pk").values()),
        "questions": list(Question.objects.order_by("pk").values("pk", "status", "updated_at")),
        "audit": AuditLog.objects.count(),
    }


def test_seed_demo_gives_the_instructor_a_class_with_the_learner_and_two_assigned_quizzes(drafts):
    from django.utils import timezone

    from quiz.instructor.models import Assignment, AuditLog, Classroom
    from quiz.models import Question, Quiz

    before = timezone.now()
    output = run()

    instructor = get_user_model().objects.get(username="instructor")
    classroom = Classroom.objects.get(owner=instructor)
    assert classroom.name == "Demo class"
    assert [m.learner.username for m in classroom.memberships.current()] == ["learner"]
    practice, exam = Quiz.objects.get(slug="demo-practice-set"), Quiz.objects.get(slug="demo-exam")
    assert (practice.mode, practice.time_limit_minutes, practice.published) == ("practice", None, True)
    assert (exam.mode, exam.time_limit_minutes, exam.published) == ("exam", 20, True)
    assert practice.created_by == exam.created_by == instructor
    # built from the generated questions, ten each, the practice set's and the exam's apart; the builder's
    # "approved questions only" took them approved, so seed_demo approved them (and left the others drafts)
    asked = set(practice.questions.all()) | set(exam.questions.all())
    assert practice.question_count == exam.question_count == 10 and len(asked) == 12
    assert {q.status for q in asked} == {Question.Status.APPROVED} and practice.only_approved and exam.only_approved
    assert AuditLog.objects.filter(action="approve", actor=instructor).count() == 12
    assignments = Assignment.objects.filter(classroom=classroom)
    assert {a.quiz for a in assignments} == {practice, exam}
    for assignment in assignments:
        week = timedelta(days=7)
        assert before + week - timedelta(minutes=1) <= assignment.due_at <= timezone.now() + week
    assert "created  class        Demo class" in output
    assert "approved questions    10 drafts Demo practice set asks (as instructor" in output
    assert "approved questions    2 drafts Demo exam asks (as instructor" in output
    assert "created  quiz         Demo exam: exam, 10 questions, 20 minutes, /quiz/exams/demo-exam/" in output
    assert output.count("created  assignment") == 2


def test_seed_demo_run_twice_changes_nothing_and_duplicates_nothing(drafts):
    first = run()
    rows = demo_rows()
    assert len(rows["classes"]) == len(rows["memberships"]) == 1 and len(rows["assignments"]) == 2

    second = run()

    assert demo_rows() == rows
    assert "approved" not in second
    assert [line.split()[1:] for line in first.splitlines() if not line.startswith("approved")] == [
        line.split()[1:] for line in second.splitlines()]
    assert all(line.startswith("ready") for line in second.splitlines()[:-1])


def test_seed_demo_run_again_keeps_the_learners_attempts_answers_and_progress(drafts, client):
    from quiz.attempts import label_of
    from quiz.models import Attempt, AttemptItem
    from quiz.progress.models import ReviewCard, ReviewLog

    run()
    client.force_login(get_user_model().objects.get(username="learner"))
    client.post("/quiz/exams/demo-practice-set/")
    practice = Attempt.objects.get(quiz__slug="demo-practice-set")
    item = practice.items.get(position=0)
    client.post(f"/quiz/practice/{practice.uid}/1/", {"choice": label_of(item, "A")})
    client.post("/quiz/exams/demo-exam/")
    exam = Attempt.objects.get(quiz__slug="demo-exam")
    client.post(f"/quiz/attempts/{exam.uid}/1/", {"choice": label_of(exam.items.get(position=0), "B"),
                                                 "action": "save"})
    client.post(f"/quiz/attempts/{exam.uid}/submit/")

    def history():
        return [list(model.objects.order_by("pk").values()) for model in (Attempt, AttemptItem, ReviewCard, ReviewLog)]

    before = history()
    assert AttemptItem.objects.exclude(chosen=[]).count() == 2 and ReviewLog.objects.count() >= 2
    assert Attempt.objects.get(pk=exam.pk).state == Attempt.State.SUBMITTED

    run()

    assert history() == before
    response = client.get("/progress/")
    assert response.status_code == 200


def test_a_quiz_the_form_refuses_leaves_the_drafts_it_asks_drafts(drafts, monkeypatch):
    from django.core.exceptions import ValidationError

    from quiz.instructor.forms import QuizForm
    from quiz.instructor.models import AuditLog
    from quiz.models import Question, Quiz

    def refuse(self):
        raise ValidationError("Refused for the test.")

    monkeypatch.setattr(QuizForm, "clean", refuse)
    output = run()

    assert not Quiz.objects.filter(slug__startswith="demo-").exists()
    assert set(Question.objects.values_list("status", flat=True)) == {Question.Status.DRAFT}
    assert not AuditLog.objects.filter(action="approve").exists()
    assert "skipped  quiz         Demo exam: Refused for the test." in output and "approved" not in output


def test_a_quiz_of_the_demos_slug_made_by_another_instructor_is_neither_taken_nor_assigned(drafts):
    from conftest import make_user
    from quiz.instructor.models import Assignment
    from quiz.models import Quiz

    olga = make_user("olga", instructor=True)
    theirs = Quiz.objects.create(slug="demo-exam", title="Olga's exam", created_by=olga)

    output = run()

    assert ("skipped  quiz         Demo exam: slug demo-exam is taken by “Olga's exam” (created by olga, "
            "not instructor): left alone, not assigned") in output
    assert not Assignment.objects.filter(quiz=theirs).exists()
    assert Quiz.objects.get(slug="demo-exam") == theirs and theirs.questions.count() == 0
    assert [a.quiz.slug for a in Assignment.objects.all()] == ["demo-practice-set"]
    assert "skipped  quiz         Demo exam" in run()  # and again, as idempotent as the rest


def test_seed_demo_without_questions_makes_the_accounts_and_the_class_and_says_the_quizzes_were_skipped(make):
    from quiz.instructor.models import Assignment, Classroom
    from quiz.models import Quiz

    output = run()

    assert authenticate(username="learner", password="kumo-demo") is not None
    assert authenticate(username="instructor", password="kumo-demo") is not None
    assert "skipped  quizzes      no questions yet: run manage.py generate_questions, then seed_demo again" in output
    assert not Quiz.objects.filter(slug__startswith="demo-").exists() and not Assignment.objects.exists()
    assert Classroom.objects.get().memberships.get().learner.username == "learner"

    # once questions are generated, the next run adds the quizzes to the same class
    topic = make.topic()
    for _ in range(3):
        make.question(topic, status="draft")
    second = run()

    assert Classroom.objects.count() == 1 and Assignment.objects.count() == 2
    assert "skipped" not in second and "ready    class" in second
    # a small bank: the practice set and the exam ask the same questions
    assert set(Quiz.objects.get(slug="demo-exam").questions.all()) == set(
        Quiz.objects.get(slug="demo-practice-set").questions.all())


def test_the_demo_learner_sees_both_assignments_and_can_start_them_and_the_instructor_sees_results(drafts, client):
    from quiz.instructor.models import Assignment
    from quiz.models import Attempt

    run()
    User = get_user_model()
    client.force_login(User.objects.get(username="learner"))

    dashboard = client.get("/progress/").content.decode()

    assert 'class="learner-assignments"' in dashboard
    for slug, title in (("demo-practice-set", "Demo practice set"), ("demo-exam", "Demo exam")):
        assert f'href="/quiz/exams/{slug}/"' in dashboard and title in dashboard
        assert client.get(f"/quiz/exams/{slug}/").status_code == 200
        assert client.post(f"/quiz/exams/{slug}/").status_code == 302
    assert Attempt.objects.filter(user__username="learner").count() == 2

    client.force_login(User.objects.get(username="instructor"))
    classroom = Assignment.objects.first().classroom
    page = client.get(f"/instructor/classes/{classroom.pk}/").content.decode()
    assert "Demo practice set" in page and "Demo exam" in page and "learner" in page
    for assignment in Assignment.objects.all():
        results = client.get(f"/instructor/assignments/{assignment.pk}/")
        assert results.status_code == 200 and "learner" in results.content.decode()


def test_the_demo_practice_set_asks_no_point_twice_while_the_bank_has_others(make):
    """A topic's second question on its first one's point (same family, type and answer: a second Blue/Green
    scenario) came fifth in the topics' turns, inside the practice set's ten; it now waits for the exam's."""
    from quiz.instructor.demo import spread_question_ids
    from quiz.models import Quiz

    topics = [make.topic() for _ in range(3)]
    first = make.question(topics[0], status="draft")
    again = make.question(topics[0], status="draft")
    again.options = first.options
    again.save()
    others = [make.question(topics[i % 3], status="draft") for i in range(1, 11)]

    ids = spread_question_ids()
    assert sorted(ids) == sorted([first.pk, again.pk] + [q.pk for q in others])  # every question still there
    run()
    asked = set(Quiz.objects.get(slug="demo-practice-set").questions.values_list("pk", flat=True))
    assert len(asked) == 10 and first.pk in asked and again.pk not in asked


def test_the_demo_class_is_named_in_the_interface_language_and_a_class_an_instructor_names_is_not(drafts, client):
    from quiz.instructor.models import Classroom

    run()
    User = get_user_model()
    instructor = User.objects.get(username="instructor")
    Classroom.objects.create(name="Results", owner=instructor)  # a msgid, but the instructor's own words
    client.force_login(User.objects.get(username="learner"))
    for language, name in (("ja", "デモクラス"), ("ko", "데모 클래스"), ("en", "Demo class")):
        dashboard = client.get("/progress/", HTTP_ACCEPT_LANGUAGE=language).content.decode()
        assert name in dashboard, language
        assert client.get("/classes/", HTTP_ACCEPT_LANGUAGE=language).content.decode().count(name) >= 1
        assert name in client.get("/quiz/exams/", HTTP_ACCEPT_LANGUAGE=language).content.decode()  # assigned in
    assert "Demo class" not in client.get("/progress/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    client.force_login(instructor)
    classes = client.get("/instructor/classes/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "デモクラス" in classes and ">Results</a>" in classes
    audit = client.get("/instructor/audit/", HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "デモクラス" in audit and "デモ試験" in audit and "デモ練習セット" in audit
    assert "Demo class" not in audit and "Demo exam" not in audit
    assert Classroom.objects.get(name="Demo class").name == "Demo class"  # stored as made: seed_demo finds it again

"""Quiz builder: fixed lists, random draws per domain and topic, checks, preview."""

from django.urls import reverse

from quiz.instructor.models import AuditLog
from quiz.models import Quiz


def quiz_data(**overrides):
    data = {
        "title": "Week 1 exam", "description": "", "mode": "exam", "language": "", "question_count": "5",
        "time_limit_minutes": "20", "pass_mark": "700", "attempts_allowed": "2", "opens_at": "", "closes_at": "",
        "shuffle": "on", "only_approved": "on", "published": "on",
    }
    data.update(overrides)
    return data


def test_building_a_quiz_from_a_fixed_list_saves_it_and_opens_the_preview(instructor_client, instructor, make):
    questions = [make.question() for _ in range(3)]
    response = instructor_client.post(reverse("instructor:quiz_new"),
                                      quiz_data(questions=[q.pk for q in questions]))
    quiz = Quiz.objects.get(title="Week 1 exam")
    assert response.status_code == 302 and response.url == reverse("instructor:quiz_preview", args=[quiz.pk])
    assert set(quiz.questions.all()) == set(questions)
    assert quiz.question_count == 3 and quiz.created_by == instructor and quiz.slug == "week-1-exam"
    assert (quiz.time_limit_minutes, quiz.pass_mark, quiz.attempts_allowed) == (20, 700, 2)
    entry = AuditLog.objects.get()
    assert (entry.action, entry.object_type) == ("create", "quiz")
    preview = instructor_client.get(response.url).content.decode()
    for question in questions:
        assert question.stem["en"] in preview


def test_random_draws_store_counts_per_domain_and_topics(instructor_client, make):
    topic = make.topic(domain="networking")
    make.question(topic)
    instructor_client.post(reverse("instructor:quiz_new"),
                           quiz_data(domain_networking="4", domain_storage="2", topics=[topic.slug], mode="practice"))
    quiz = Quiz.objects.get(title="Week 1 exam")
    assert quiz.rules == {"domains": {"networking": 4, "storage": 2}, "topics": [topic.slug]}
    assert quiz.question_count == 6 and quiz.mode == "practice"


def test_the_preview_says_when_the_bank_lacks_questions(instructor_client, make):
    make.question(make.topic(domain="networking"))
    instructor_client.post(reverse("instructor:quiz_new"), quiz_data(domain_networking="3"))
    quiz = Quiz.objects.get(title="Week 1 exam")
    html = instructor_client.get(reverse("instructor:quiz_preview", args=[quiz.pk])).content.decode()
    assert "lacks 2 questions" in html


def test_unapproved_questions_are_refused_when_only_approved_is_on(instructor_client, make):
    draft = make.question(status="draft")
    response = instructor_client.post(reverse("instructor:quiz_new"), quiz_data(questions=[draft.pk]))
    assert response.status_code == 200
    assert "not approved" in response.content.decode()
    assert not Quiz.objects.filter(title="Week 1 exam").exists() and not AuditLog.objects.exists()


def test_unapproved_questions_are_allowed_when_only_approved_is_off(instructor_client, make):
    draft = make.question(status="draft")
    data = quiz_data(questions=[draft.pk])
    del data["only_approved"]
    instructor_client.post(reverse("instructor:quiz_new"), data)
    assert list(Quiz.objects.get(title="Week 1 exam").questions.all()) == [draft]


def test_a_quiz_closing_before_it_opens_is_refused(instructor_client):
    response = instructor_client.post(reverse("instructor:quiz_new"),
                                      quiz_data(opens_at="2030-01-02T10:00", closes_at="2030-01-01T10:00"))
    assert "Closes must be after opens" in response.content.decode()
    assert not Quiz.objects.filter(title="Week 1 exam").exists()


def test_a_pass_mark_off_the_scale_is_refused(instructor_client):
    response = instructor_client.post(reverse("instructor:quiz_new"), quiz_data(pass_mark="50"))
    assert "Use the 100-1000 scale" in response.content.decode()
    assert not Quiz.objects.filter(title="Week 1 exam").exists()


def test_editing_a_quiz_keeps_its_slug_and_logs_the_edit(instructor_client, make, build):
    quiz = build.quiz([make.question()], title="Old title")
    slug = quiz.slug
    instructor_client.post(reverse("instructor:quiz_edit", args=[quiz.pk]),
                           quiz_data(title="New title", questions=[q.pk for q in quiz.questions.all()]))
    quiz.refresh_from_db()
    assert quiz.title == "New title" and quiz.slug == slug
    assert AuditLog.objects.get().action == "edit"


def test_the_quiz_list_runs_a_constant_number_of_queries(instructor_client, make, build, constant_queries):
    build.quiz([make.question()])
    # own: quizzes with their counts
    constant_queries(lambda: instructor_client.get(reverse("instructor:quizzes")),
                     lambda: [build.quiz([make.question()]) for _ in range(3)], own=1)


def test_editing_keeps_rules_the_builder_does_not_show(instructor_client, make, build):
    quiz = build.quiz([], title="Blueprint", rules={"weights": {"networking": 30, "storage": 70}})
    instructor_client.post(reverse("instructor:quiz_edit", args=[quiz.pk]),
                           quiz_data(title="Blueprint", question_count="10"))
    quiz.refresh_from_db()
    assert quiz.rules == {"weights": {"networking": 30, "storage": 70}}

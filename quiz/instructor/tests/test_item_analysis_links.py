"""Item analysis reads exam attempts only: a practice set's results never lead to its always empty table."""

from django.urls import reverse


def test_only_an_exam_links_to_its_item_analysis(instructor_client, make, build, instructor):
    questions = [make.question()]
    practice = build.quiz(questions, title="Practice set", mode="practice")
    exam = build.quiz(questions, title="Exam")
    classroom = build.classroom(instructor, build.learners(1))
    practice_assignment = build.assignment(classroom, practice)
    exam_assignment = build.assignment(classroom, exam)
    practice_items = reverse("instructor:item_analysis", args=[practice_assignment.pk])
    exam_items = reverse("instructor:item_analysis", args=[exam_assignment.pk])

    class_page = instructor_client.get(classroom.get_absolute_url()).content.decode()
    assert exam_items in class_page and practice_items not in class_page

    results = instructor_client.get(f"/instructor/assignments/{practice_assignment.pk}/").content.decode()
    assert reverse("instructor:results_csv", args=[practice_assignment.pk]) in results
    assert practice_items not in results
    results = instructor_client.get(f"/instructor/assignments/{exam_assignment.pk}/").content.decode()
    assert exam_items in results

    quizzes = instructor_client.get(reverse("instructor:quizzes")).content.decode()
    assert reverse("instructor:quiz_item_analysis", args=[exam.pk]) in quizzes
    assert reverse("instructor:quiz_item_analysis", args=[practice.pk]) not in quizzes


def test_a_bookmarked_item_analysis_of_a_practice_set_says_it_is_for_exams(instructor_client, make, build,
                                                                           instructor):
    questions = [make.question()]
    practice = build.quiz(questions, title="Practice set", mode="practice")
    learner, = build.learners(1)
    assignment = build.assignment(build.classroom(instructor, [learner]), practice)
    attempt = build.attempt(learner, practice, questions, [["A"]])
    attempt.mode = "practice"
    attempt.save(update_fields=["mode"])
    for url in (f"/instructor/assignments/{assignment.pk}/items/",
                f"/instructor/quizzes/{practice.pk}/items/"):
        response = instructor_client.get(url)
        html = response.content.decode()
        assert response.status_code == 200
        assert "Item analysis is for exams: “Practice set” is a practice set" in html, url
        assert "<table" not in html and "No finished exam attempt yet." not in html, url


def test_a_practice_set_that_was_an_exam_keeps_the_table_of_its_exam_attempts(instructor_client, make, build,
                                                                               instructor):
    questions = [make.question()]
    quiz = build.quiz(questions, title="Once an exam")
    learner, = build.learners(1)
    assignment = build.assignment(build.classroom(instructor, [learner]), quiz)
    build.attempt(learner, quiz, questions, [["A"]])
    quiz.mode = "practice"
    quiz.save(update_fields=["mode"])
    html = instructor_client.get(f"/instructor/assignments/{assignment.pk}/items/").content.decode()
    assert "Item analysis is for exams" in html
    assert f'data-question="{questions[0].pk}"' in html

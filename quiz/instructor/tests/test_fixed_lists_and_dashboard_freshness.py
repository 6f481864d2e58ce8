"""A fixed question list is asked whole (topic filters and domain counts do not cut it), and which assigned quiz is
published reaches the cached dashboard."""

import pytest
from django.urls import reverse

from quiz.attempts import question_count_now
from quiz.instructor.tests.test_quizzes import quiz_data
from quiz.models import Quiz

pytestmark = pytest.mark.django_db


def test_swapping_which_assigned_quiz_is_published_reaches_the_cached_dashboard(learner_client, learner, build,
                                                                               make, instructor):
    # the signature counted published quizzes: one unpublished and another published between two visits left the
    # count, and the cached dashboard, unchanged (a dead link and a "not open" note on the wrong quiz for 5 minutes)
    first = build.quiz([make.question()], title="Monday mock")
    second = build.quiz([make.question()], title="Friday mock", published=False)
    classroom = build.classroom(instructor, [learner])
    build.assignment(classroom, first)
    build.assignment(classroom, second)
    html = learner_client.get(reverse("progress:dashboard")).content.decode()
    assert first.get_absolute_url() in html and second.get_absolute_url() not in html
    first.published, second.published = False, True
    first.save()
    second.save()
    html = learner_client.get(reverse("progress:dashboard")).content.decode()
    assert first.get_absolute_url() not in html and second.get_absolute_url() in html


def test_a_fixed_list_is_asked_whole_when_topics_or_domain_counts_are_also_entered(instructor_client, learner,
                                                                                   make):
    # the builder saves the fixed list (question_count = how many are ticked) with the topic filter and domain
    # counts entered beside it, and the draw filtered the list by them: learners got fewer questions than the exam
    # list and the quiz list (with_fixed_counts) said, and the preview blamed the missing ones on approval
    from quiz.attempts import start_exam

    ec2, s3 = make.topic(slug="ec2", domain="deployment"), make.topic(slug="s3", domain="security")
    questions = [make.question(ec2), make.question(ec2), make.question(s3)]
    for extra in ({"topics": ["ec2"]}, {"domain_deployment": "1"}):
        Quiz.objects.all().delete()
        response = instructor_client.post(reverse("instructor:quiz_new"),
                                          quiz_data(questions=[q.pk for q in questions], **extra))
        quiz = Quiz.objects.get(title="Week 1 exam")
        assert response.status_code == 302 and quiz.question_count == 3
        assert Quiz.objects.with_fixed_counts().get(pk=quiz.pk).shown_count == 3
        assert question_count_now(quiz, "en")[0] == 3
        attempt, _created = start_exam(learner, quiz, "en")
        assert attempt.items.count() == 3, extra
        preview = instructor_client.get(reverse("instructor:quiz_preview", args=[quiz.pk])).content.decode()
        assert "not approved" not in preview and preview.count('<li><p lang="') == 3

"""Japanese punctuation on the instructor pages: no space after a full-width full stop, full-width parentheses
around a number the page adds to a Japanese word."""

from django.urls import reverse

from quiz.models import Attempt, ProblemReport

from .test_results import exam  # noqa: F401  (fixture)

JA = {"headers": {"accept-language": "ja"}}


def test_the_overviews_sentences_follow_each_other_without_a_space_in_japanese(instructor_client, make, learner):
    ProblemReport.objects.create(user=learner, question=make.question(), text="typo")
    html = instructor_client.get(reverse("instructor:home"), **JA).content.decode()
    assert "矛盾 0 件。未対応の学習者からの報告 1 件。</p>" in html
    assert "まだクラスがありません。<a " in html
    html = instructor_client.get(reverse("instructor:home")).content.decode()
    assert "0 conflicts or contradictions.\n      1 open learner report.</p>" in html


def test_a_best_score_and_an_attempt_in_progress_are_in_full_width_parentheses_in_japanese(
        instructor_client, exam, build):  # noqa: F811
    idle = exam["learners"][2]
    attempt = build.attempt(idle, exam["quiz"], exam["questions"], [["A"], []])
    Attempt.objects.filter(pk=attempt.pk).update(state=Attempt.State.IN_PROGRESS, submitted_at=None)
    results = reverse("instructor:results", args=[exam["assignment"].pk])
    html = instructor_client.get(results, **JA).content.decode()
    assert "1000<small>（2/2）</small>" in html and "550<small>（1/2）</small>" in html
    assert "0<small>（1 件受験中）</small>" in html
    html = instructor_client.get(results).content.decode()
    assert "1000<small> (2/2)</small>" in html and "0<small> (one in progress)</small>" in html

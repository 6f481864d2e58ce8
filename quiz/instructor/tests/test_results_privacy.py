"""What an instructor sees of a learner: the attempts at the class's assigned quizzes started while the
learner was in the class, once the quiz was assigned. Results, CSV, attempt review and item analysis alike."""

import csv
import io
from datetime import timedelta

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from quiz import attempts as engine
from quiz.instructor import reports
from quiz.instructor.models import Classroom, Membership

DAY = timedelta(days=1)


@pytest.fixture
def setup(make, build, instructor, learner):
    """An exam assigned 10 days ago to a class the learner joined 5 days ago."""
    now = timezone.now()
    questions = [make.question(), make.question()]
    quiz = build.quiz(questions)
    classroom = build.classroom(instructor)
    membership = build.join(classroom, learner, joined=now - 5 * DAY)
    assignment = build.assignment(classroom, quiz, created=now - 10 * DAY)
    return {"now": now, "questions": questions, "quiz": quiz, "classroom": classroom,
            "membership": membership, "assignment": assignment}


def sat(build, setup, learner, started):
    return build.attempt(learner, setup["quiz"], setup["questions"], [["A"], ["A"]], started=started)


def shown(instructor_client, assignment, learner):
    """The attempts of ``learner`` each of the instructor's views shows: results rows, CSV count, item
    analysis responses."""
    rows = {row.learner: row for row in reports.assignment_results(assignment)["rows"]}
    in_results = [a.uid for a in rows[learner].attempts] if learner in rows else None
    response = instructor_client.get(reverse("instructor:results_csv", args=[assignment.pk]))
    csv_rows = {r["learner"]: r for r in csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))}
    in_csv = int(csv_rows[learner.username]["attempts"]) if learner.username in csv_rows else None
    responses = sum(row.stats.n for row in reports.item_analysis(assignment))
    return in_results, in_csv, responses


def review_status(instructor_client, assignment, attempt):
    url = reverse("instructor:attempt_review", args=[assignment.pk, attempt.uid])
    return instructor_client.get(url).status_code


def test_an_attempt_made_before_joining_is_not_shown_anywhere(instructor_client, build, setup, learner):
    before = sat(build, setup, learner, setup["now"] - 7 * DAY)  # assigned already, but not in the class yet
    assert shown(instructor_client, setup["assignment"], learner) == ([], 0, 0)
    assert review_status(instructor_client, setup["assignment"], before) == 404
    url = reverse("instructor:results", args=[setup["assignment"].pk])
    html = instructor_client.get(url).content.decode()
    assert learner.username in html and str(before.uid) not in html


def test_an_attempt_made_while_a_member_is_shown_everywhere(instructor_client, build, setup, learner):
    during = sat(build, setup, learner, setup["now"] - 2 * DAY)
    assert shown(instructor_client, setup["assignment"], learner) == ([during.uid], 1, 2)
    assert review_status(instructor_client, setup["assignment"], during) == 200


def test_an_attempt_made_before_the_quiz_was_assigned_is_not_shown(instructor_client, build, setup, learner):
    """A learner in the class took a public quiz (the mock exam, say) on their own; it is assigned later."""
    own = sat(build, setup, learner, setup["now"] - 2 * DAY)
    setup["assignment"].created_at = setup["now"] - DAY
    setup["assignment"].save(update_fields=["created_at"])
    assert shown(instructor_client, setup["assignment"], learner) == ([], 0, 0)
    assert review_status(instructor_client, setup["assignment"], own) == 404


def test_the_mock_exam_taken_before_joining_stays_private_once_assigned(instructor_client, build, instructor,
                                                                       learner, make):
    make.question()
    mock = engine.mock_exam()
    mock.question_count, mock.only_approved = 1, False
    mock.save()
    attempt, _ = engine.start_exam(learner, mock, "en")
    engine.submit(attempt, now=timezone.now())
    classroom = build.classroom(instructor)
    build.join(classroom, learner, joined=timezone.now())
    assignment = build.assignment(classroom, mock, created=timezone.now())
    assert reports.assignment_results(assignment)["rows"][0].attempts == []
    assert review_status(instructor_client, assignment, attempt) == 404
    later, _ = engine.start_exam(learner, mock, "en")  # taken for the class: shown
    engine.submit(later, now=timezone.now())
    assert [a.uid for a in reports.assignment_results(assignment)["rows"][0].attempts] == [later.uid]


def test_after_leaving_later_attempts_are_not_shown_and_earlier_ones_stay_marked(instructor_client, build,
                                                                                setup, learner, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    url = reverse("instructor:results", args=[setup["assignment"].pk])
    during = sat(build, setup, learner, setup["now"] - 3 * DAY)
    assert "not in the class since" not in instructor_client.get(url).content.decode()  # cached now
    setup["membership"].end(setup["now"] - 2 * DAY)
    after = sat(build, setup, learner, setup["now"] - DAY)
    assert shown(instructor_client, setup["assignment"], learner) == ([during.uid], 1, 2)
    assert review_status(instructor_client, setup["assignment"], during) == 200
    assert review_status(instructor_client, setup["assignment"], after) == 404
    html = instructor_client.get(url).content.decode()
    assert "not in the class since" in html and str(after.uid) not in html and str(during.uid) in html
    response = instructor_client.get(reverse("instructor:results_csv", args=[setup["assignment"].pk]))
    row = next(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert row[f"left_at ({settings.TIME_ZONE})"].startswith(str((setup["now"] - 2 * DAY).date()))


def test_leaving_reaches_the_cached_results_page(instructor_client, build, setup, learner, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    sat(build, setup, learner, setup["now"] - 3 * DAY)
    url = reverse("instructor:results", args=[setup["assignment"].pk])
    before = reports.results_freshness(setup["assignment"])
    assert "not in the class since" not in instructor_client.get(url).content.decode()
    setup["membership"].end()
    assert reports.results_freshness(setup["assignment"]) != before
    assert "not in the class since" in instructor_client.get(url).content.decode()


def test_a_former_member_without_attempts_in_the_class_is_not_listed(instructor_client, build, setup,
                                                                     learner):
    sat(build, setup, learner, setup["now"] - 6 * DAY)  # before joining
    setup["membership"].end()
    assert shown(instructor_client, setup["assignment"], learner) == (None, None, 0)
    data = reports.assignment_results(setup["assignment"])
    assert (data["learners"], data["completed"]) == (0, 0)
    roster = instructor_client.get(reverse("instructor:class_detail", args=[setup["classroom"].pk]))
    assert learner.username not in roster.content.decode()  # off the roster


def test_joining_again_shows_both_memberships_but_not_the_time_between(instructor_client, build, setup,
                                                                       learner):
    first = sat(build, setup, learner, setup["now"] - 4 * DAY)
    setup["membership"].end(setup["now"] - 3 * DAY)
    between = sat(build, setup, learner, setup["now"] - 2 * DAY)
    build.join(setup["classroom"], learner, joined=setup["now"] - DAY)
    second = sat(build, setup, learner, setup["now"] - timedelta(hours=1))
    in_results, in_csv, responses = shown(instructor_client, setup["assignment"], learner)
    assert set(in_results) == {first.uid, second.uid} and in_csv == 2 and responses == 4
    assert review_status(instructor_client, setup["assignment"], between) == 404
    row = next(r for r in reports.assignment_results(setup["assignment"])["rows"] if r.learner == learner)
    assert not row.left  # in the class now: the current membership is the row's


def test_an_attempt_for_another_class_is_not_shown(instructor_client, build, setup, learner):
    """The learner is in the instructor's class and another instructor's; a quiz only the other assigned."""
    from conftest import make_user

    other_quiz = build.quiz(setup["questions"])
    other_class = build.classroom(make_user("ivan", instructor=True), [learner])
    build.assignment(other_class, other_quiz)
    theirs = build.attempt(learner, other_quiz, setup["questions"], [["A"], ["A"]],
                           started=setup["now"] - DAY)
    assert shown(instructor_client, setup["assignment"], learner) == ([], 0, 0)
    assert review_status(instructor_client, setup["assignment"], theirs) == 404
    items = instructor_client.get(reverse("instructor:quiz_item_analysis", args=[other_quiz.pk]))
    assert items.status_code == 200 and items.context["rows"] == []


def test_the_quiz_item_analysis_across_classes_counts_only_attempts_made_in_them(build, setup, learner,
                                                                                instructor):
    sat(build, setup, learner, setup["now"] - 7 * DAY)  # before joining
    sat(build, setup, learner, setup["now"] - 2 * DAY)  # in the class
    rows = reports.quiz_item_analysis(setup["quiz"], Classroom.objects.owned_by(instructor))
    assert [row.stats.n for row in rows] == [1, 1]


def test_practice_sets_are_never_an_instructors_to_see(instructor_client, setup, learner):
    practice = engine.start_practice(learner, setup["questions"], "en")
    engine.answer_practice(practice, practice.items.get(position=0), ["A"], now=timezone.now())
    assert review_status(instructor_client, setup["assignment"], practice) == 404
    assert shown(instructor_client, setup["assignment"], learner) == ([], 0, 0)


def test_the_class_pages_count_only_learners_in_the_class_now(instructor_client, build, setup, learner,
                                                              other_learner):
    build.join(setup["classroom"], other_learner)
    setup["membership"].end()
    assert Membership.objects.filter(classroom=setup["classroom"]).count() == 2  # the ended one is kept
    for url in (reverse("instructor:classes"), reverse("instructor:home")):
        assert instructor_client.get(url).context["classes"].get().n_learners == 1, url

"""Classes: creating, joining with a code, roster, extra time, assignments and when reviews open."""

from datetime import timedelta
from datetime import timezone as dt_timezone

import pytest
from django.urls import reverse
from django.utils import timezone

from quiz.instructor.models import Assignment, AuditLog, Classroom, Membership
from quiz.instructor.services import assignments_for, extra_minutes, extra_minutes_by_quiz, review_allowed


def test_creating_a_class_gives_it_a_join_code_and_an_owner(instructor_client, instructor):
    response = instructor_client.post(reverse("instructor:classes"), {"name": "SAA evening"})
    classroom = Classroom.objects.get()
    assert response.status_code == 302 and response.url == classroom.get_absolute_url()
    assert classroom.owner == instructor and len(classroom.join_code) == 8
    assert AuditLog.objects.get().action == "create"


def test_a_class_without_a_name_is_refused(instructor_client):
    response = instructor_client.post(reverse("instructor:classes"), {"name": ""})
    assert response.status_code == 200 and "This field is required" in response.content.decode()
    assert not Classroom.objects.exists()


def test_a_second_class_with_the_same_name_is_refused(instructor_client, instructor, build):
    build.classroom(instructor, name="Evening class")
    response = instructor_client.post(reverse("instructor:classes"), {"name": " evening CLASS "})
    assert response.status_code == 200
    assert "You already have a class named evening CLASS." in response.content.decode()
    assert Classroom.objects.count() == 1 and not AuditLog.objects.exists()


def test_another_instructor_may_use_a_name_already_taken(instructor_client, build):
    from conftest import make_user

    build.classroom(make_user("second_instructor", instructor=True), name="Evening class")
    response = instructor_client.post(reverse("instructor:classes"), {"name": "Evening class"})
    assert response.status_code == 302 and Classroom.objects.filter(name="Evening class").count() == 2


def test_a_learner_joins_with_the_code_in_any_case_and_spacing(learner_client, learner, build, instructor):
    classroom = build.classroom(instructor)
    code = classroom.join_code.lower()
    response = learner_client.post(reverse("classes:join"), {"code": f" {code[:4]}-{code[4:]} "}, follow=True)
    assert classroom.name in response.content.decode()
    assert list(classroom.learners.all()) == [learner]
    learner_client.post(reverse("classes:join"), {"code": classroom.join_code})
    assert Membership.objects.count() == 1  # joining twice changes nothing


def test_joining_with_the_code_is_in_the_owners_audit_log_once(client, learner, build, instructor):
    from django.test import Client

    classroom = build.classroom(instructor, name="Evening class")
    client.force_login(learner)
    client.post(reverse("classes:join"), {"code": classroom.join_code})
    client.post(reverse("classes:join"), {"code": classroom.join_code})  # already in: nothing new
    entry = AuditLog.objects.get(action="join_class")
    assert (entry.actor, entry.object_type, entry.object_id) == (learner, "classroom", str(classroom.pk))
    assert entry.details == {"learner": learner.username}
    owner = Client()
    owner.force_login(instructor)
    html = owner.get(reverse("instructor:audit")).content.decode()
    assert "Learner joined with the code" in html and "Evening class" in html and learner.username in html


def test_a_wrong_code_says_so_and_joins_nothing(learner_client):
    response = learner_client.post(reverse("classes:join"), {"code": "NOPE1234"})
    assert "No class has this code" in response.content.decode()
    assert not Membership.objects.exists()


def test_joining_needs_a_login(client):
    response = client.get(reverse("classes:join"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_roster_lists_learners_and_the_join_code(instructor_client, build, instructor, learner):
    classroom = build.classroom(instructor, [learner])
    html = instructor_client.get(classroom.get_absolute_url()).content.decode()
    assert learner.username in html and classroom.join_code in html
    # each row's "Save" and "Remove" name their learner (a screen reader lists buttons out of their rows)
    assert f'Save<span class="sr-only"> · {learner.username}</span>' in html
    assert f'Remove<span class="sr-only"> · {learner.username}</span>' in html
    assert f'aria-label="Extra minutes for {learner.username}"' in html


@pytest.mark.parametrize("language", ["en", "ja", "ko"])
def test_the_join_link_ends_its_line_with_no_particle_after_it(instructor_client, build, instructor, language):
    # "…/classes/join/?code=…에서 참가합니다" read as part of the address, and wrapped badly on a phone
    classroom = build.classroom(instructor)
    html = instructor_client.get(classroom.get_absolute_url(), HTTP_ACCEPT_LANGUAGE=language).content.decode()
    after = html.split(" data-join-url>", 1)[1].split("</a>", 1)[1]
    assert after.lstrip().startswith("<button"), after[:80]


def test_extra_time_for_one_learner_lengthens_their_exam_only(instructor_client, build, make, instructor, learner,
                                                               other_learner):
    from quiz.attempts import start_exam

    classroom = build.classroom(instructor, [learner, other_learner])
    quiz = build.quiz([make.question()], time_limit_minutes=30)
    build.assignment(classroom, quiz)
    membership = classroom.memberships.get(learner=learner)
    instructor_client.post(reverse("instructor:member_update", args=[classroom.pk, membership.pk]),
                           {"extra_minutes": "15"})
    membership.refresh_from_db()
    assert membership.extra_minutes == 15
    assert extra_minutes(learner, quiz) == 15 and extra_minutes(other_learner, quiz) == 0
    now = timezone.now()
    mine, _ = start_exam(learner, quiz, "en", now=now)
    theirs, _ = start_exam(other_learner, quiz, "en", now=now)
    assert mine.deadline - now == timedelta(minutes=45)
    assert theirs.deadline - now == timedelta(minutes=30)
    assert AuditLog.objects.get(action="extra_time").details == {"learner": learner.username, "from": 0, "to": 15}


def test_extra_time_for_many_quizzes_is_the_largest_a_class_assigning_each_gives_in_one_query(
        build, make, instructor, learner, other_learner, django_assert_num_queries):
    evening, weekend = build.classroom(instructor, [learner, other_learner]), build.classroom(instructor, [learner])
    both, evening_only, weekend_only, neither = (build.quiz() for _ in range(4))
    for classroom, quizzes in ((evening, (both, evening_only)), (weekend, (both, weekend_only))):
        for quiz in quizzes:
            build.assignment(classroom, quiz)
    Membership.objects.filter(classroom=evening, learner=learner).update(extra_minutes=15)
    Membership.objects.filter(classroom=weekend).update(extra_minutes=40)
    quizzes = [both, evening_only, weekend_only, neither]
    with django_assert_num_queries(1):
        assert extra_minutes_by_quiz(learner, quizzes) == {both.pk: 40, evening_only.pk: 15, weekend_only.pk: 40}
    assert [extra_minutes(learner, quiz) for quiz in quizzes] == [40, 15, 40, 0]
    assert extra_minutes_by_quiz(other_learner, quizzes) == {}  # in the evening class, with no extra time


def test_extra_time_out_of_range_is_refused(instructor_client, build, instructor, learner):
    classroom = build.classroom(instructor, [learner])
    membership = classroom.memberships.get()
    response = instructor_client.post(reverse("instructor:member_update", args=[classroom.pk, membership.pk]),
                                      {"extra_minutes": "-5"}, follow=True)
    assert response.status_code == 200
    membership.refresh_from_db()
    assert membership.extra_minutes == 0
    assert not AuditLog.objects.exists()


def test_removing_a_learner_takes_them_off_the_roster_and_ends_their_membership(instructor_client, build,
                                                                                 instructor, learner):
    classroom = build.classroom(instructor, [learner])
    membership = classroom.memberships.get()
    response = instructor_client.post(reverse("instructor:member_update", args=[classroom.pk, membership.pk]),
                                      {"remove": "1"}, follow=True)
    assert f"{learner.username} removed from the class." in response.content.decode()
    assert not classroom.memberships.current().exists()
    membership.refresh_from_db()
    assert membership.left_at is not None  # kept: the attempts made while in the class stay in its results
    assert 'name="extra_minutes"' not in response.content.decode()  # no roster row left
    again = instructor_client.post(reverse("instructor:member_update", args=[classroom.pk, membership.pk]),
                                   {"remove": "1"})
    assert again.status_code == 404  # an ended membership is not on the roster to change


def test_assigning_a_quiz_with_a_due_date(instructor_client, build, make, instructor):
    classroom = build.classroom(instructor)
    quiz = build.quiz([make.question()])
    response = instructor_client.post(classroom.get_absolute_url(), {
        "quiz": quiz.pk, "due_at": "2030-05-01T12:00", "review_opens": "after_due"})
    assert response.status_code == 302
    assignment = Assignment.objects.get()
    assert (assignment.quiz, assignment.review_opens, assignment.due_at.year) == (quiz, "after_due", 2030)
    assert AuditLog.objects.get().action == "assign"


def test_assigning_a_quiz_the_bank_cannot_fill_warns_how_many_questions_learners_get(instructor_client, build,
                                                                                      make, instructor):
    classroom = build.classroom(instructor)
    make.question(status="draft")
    make.question(status="approved")  # approved questions only: the draw has one to ask
    quiz = build.quiz(only_approved=True)  # three questions drawn at random
    response = instructor_client.post(classroom.get_absolute_url(), {
        "quiz": quiz.pk, "due_at": "2030-05-01T12:00", "review_opens": "immediately"}, follow=True)
    html = response.content.decode()
    assert "Quiz assigned." in html
    assert "Learners get 1 of this quiz&#x27;s 3 questions now: the bank lacks questions for its rules." in html
    assert Assignment.objects.get().quiz == quiz


def test_a_quiz_the_bank_has_no_question_for_is_not_assigned(instructor_client, build, make, instructor):
    classroom = build.classroom(instructor)
    make.question(status="draft")  # approved questions only: the draw has nothing to ask
    quiz = build.quiz(only_approved=True)
    response = instructor_client.post(classroom.get_absolute_url(), {
        "quiz": quiz.pk, "due_at": "2030-05-01T12:00", "review_opens": "immediately"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Learners would get no questions from this quiz" in html and "Quiz assigned." not in html
    assert not Assignment.objects.exists()


def test_assigning_a_quiz_the_bank_fills_says_nothing_of_its_questions(instructor_client, build, make, instructor):
    classroom = build.classroom(instructor)
    quiz = build.quiz([make.question(), make.question()])
    response = instructor_client.post(classroom.get_absolute_url(), {"quiz": quiz.pk, "review_opens": "immediately"},
                                      follow=True)
    assert "Quiz assigned." in response.content.decode() and "Learners get" not in response.content.decode()


def test_assigning_the_same_quiz_twice_is_refused(instructor_client, build, make, instructor):
    classroom = build.classroom(instructor)
    quiz = build.quiz([make.question()])
    build.assignment(classroom, quiz)
    response = instructor_client.post(classroom.get_absolute_url(), {"quiz": quiz.pk, "review_opens": "immediately"})
    assert "already assigned" in response.content.decode()
    assert Assignment.objects.count() == 1


def test_an_unpublished_quiz_is_offered_as_such_and_refused_with_what_to_do(instructor_client, build, make,
                                                                            instructor):
    classroom = build.classroom(instructor)
    draft = build.quiz([make.question()], title="Draft exam", published=False)
    html = instructor_client.get(classroom.get_absolute_url()).content.decode()
    assert f'<option value="{draft.pk}" data-mode="exam">Draft exam (not published)</option>' in html
    response = instructor_client.post(classroom.get_absolute_url(), {"quiz": draft.pk, "review_opens": "immediately"})
    assert response.status_code == 200
    assert ("Learners cannot start a quiz that is not published: publish it in the quiz builder first."
            in response.content.decode())
    assert not Assignment.objects.exists()


def test_quizzes_of_one_title_are_told_apart_in_the_menu_by_kind_and_creation_time(instructor_client, build, make,
                                                                                  instructor):
    from datetime import datetime
    from datetime import timezone as dt_timezone

    from quiz.models import Quiz

    classroom = build.classroom(instructor)
    first = build.quiz([make.question()], title="Midterm")
    second = build.quiz([make.question()], title="Midterm", published=False)
    practice = build.quiz([make.question()], title="Midterm", mode="practice")
    other = build.quiz([make.question()], title="Final")
    for quiz, day in [(first, 2), (second, 9), (practice, 16)]:
        Quiz.objects.filter(pk=quiz.pk).update(created_at=datetime(2026, 11, day, 14, 5, tzinfo=dt_timezone.utc))
    html = instructor_client.get(classroom.get_absolute_url()).content.decode()
    def option(quiz, mode):
        return f'<option value="{quiz.pk}" data-mode="{mode}">'

    assert f'{option(first, "exam")}Midterm (Exam, created 2026-11-02 14:05)</option>' in html
    assert f'{option(second, "exam")}Midterm (Exam, created 2026-11-09 14:05) (not published)<' in html
    assert f'{option(practice, "practice")}Midterm (Practice, created 2026-11-16 14:05)</option>' in html
    assert f'{option(other, "exam")}Final</option>' in html  # a title of its own: as it is
    response = instructor_client.post(classroom.get_absolute_url(), {"quiz": first.pk, "review_opens": "immediately"})
    assert response.status_code == 302 and Assignment.objects.get().quiz == first


def test_a_closed_quiz_is_offered_as_such_and_refused_with_what_to_do(instructor_client, build, make, instructor):
    from datetime import datetime
    from datetime import timezone as dt_timezone

    classroom = build.classroom(instructor)
    closed = build.quiz([make.question()], title="Last term", opens_at=datetime(2025, 1, 6, 9, tzinfo=dt_timezone.utc),
                        closes_at=datetime(2025, 3, 31, 18, 30, tzinfo=dt_timezone.utc))
    later = build.quiz([make.question()], title="Next term", closes_at=timezone.now() + timedelta(days=30))
    html = instructor_client.get(classroom.get_absolute_url()).content.decode()
    assert f'<option value="{closed.pk}" data-mode="exam">Last term (closed)</option>' in html
    # closing later: open now, offered plainly
    assert f'<option value="{later.pk}" data-mode="exam">Next term</option>' in html
    response = instructor_client.post(classroom.get_absolute_url(), {"quiz": closed.pk, "review_opens": "immediately"})
    assert response.status_code == 200
    assert ("Learners cannot start a quiz that closed on 2025-03-31 18:30: move or clear its closing date in the quiz "
            "builder first." in response.content.decode())
    assert not Assignment.objects.exists()
    response = instructor_client.post(classroom.get_absolute_url(), {"quiz": later.pk, "review_opens": "immediately"})
    assert response.status_code == 302 and Assignment.objects.get().quiz == later


def test_a_quiz_unpublished_after_it_was_assigned_says_so_instead_of_a_dead_link(instructor_client, build, make,
                                                                                 instructor, learner):
    from django.test import Client

    from quiz.instructor.tests.test_quizzes import quiz_data

    learner_client = Client()
    learner_client.force_login(learner)
    question = make.question()
    quiz = build.quiz([question], title="Friday mock")
    classroom = build.classroom(instructor, [learner])
    build.assignment(classroom, quiz)
    dashboard = learner_client.get(reverse("progress:dashboard")).content.decode()
    assert f'<a href="{quiz.get_absolute_url()}">Friday mock</a>' in dashboard
    response = instructor_client.post(reverse("instructor:quiz_edit", args=[quiz.pk]),
                                      quiz_data(title="Friday mock", questions=[question.pk], published=""),
                                      follow=True)
    assert ("This quiz is assigned to 1 class, but learners cannot start it while it is not published."
            in response.content.decode())
    assert learner_client.get(quiz.get_absolute_url()).status_code == 404  # what the link led to
    dashboard = learner_client.get(reverse("progress:dashboard")).content.decode()  # the cached page too
    assert quiz.get_absolute_url() not in dashboard
    assert "Friday mock" in dashboard and "Not open: your instructor has not published this quiz." in dashboard
    html = instructor_client.get(classroom.get_absolute_url()).content.decode()
    assert "Not published" in html and "Learners cannot start it while it is not published." in html
    assert reverse("instructor:quiz_edit", args=[quiz.pk]) in html


def test_an_assigned_learner_opening_an_unpublished_quiz_is_told_it_is_not_open(learner_client, build, make,
                                                                                instructor, learner, other_learner):
    from django.test import Client

    quiz = build.quiz([make.question()], title="Friday mock", published=False)
    build.assignment(build.classroom(instructor, [learner]), quiz)
    response = learner_client.get(quiz.get_absolute_url())  # a bookmarked start link
    html = response.content.decode()
    assert response.status_code == 404
    assert "<h1>Friday mock</h1>" in html and "Not open: your instructor has not published this quiz." in html
    assert f'href="{reverse("progress:dashboard")}" role="button">Back to my progress</a>' in html
    assert learner_client.post(quiz.get_absolute_url()).status_code == 404
    assert not quiz.attempts.exists()
    stranger = Client()
    stranger.force_login(other_learner)  # not in the class: the quiz stays hidden behind the plain 404
    response = stranger.get(quiz.get_absolute_url())
    assert response.status_code == 404 and "Friday mock" not in response.content.decode()
    assert "Page not found" in response.content.decode()


def test_a_learner_mid_exam_when_the_quiz_is_unpublished_and_unassigned_is_offered_to_resume_it(
        learner_client, build, make, instructor, learner):
    from quiz.attempts import start_exam

    quiz = build.quiz([make.question(), make.question()], title="Friday mock")
    assignment = build.assignment(build.classroom(instructor, [learner]), quiz)
    attempt, _ = start_exam(learner, quiz, "en")
    quiz.published = False
    quiz.save()
    assignment.delete()  # no longer assigned either: without the attempt, the plain 404
    response = learner_client.get(quiz.get_absolute_url())  # the start page they came from, reloaded
    html = response.content.decode()
    assert response.status_code == 404 and "Not open: your instructor has not published this quiz." in html
    assert "You can still finish the attempt you started." in html
    assert f'<a href="{attempt.get_absolute_url()}" role="button">Resume the exam</a>' in html
    assert learner_client.get(attempt.get_absolute_url()).status_code == 200  # and it still takes answers


def test_a_learner_whose_exam_ran_out_of_time_after_the_quiz_was_unpublished_is_not_offered_to_resume_it(
        learner_client, build, make, instructor, learner):
    from quiz.attempts import start_exam
    from quiz.models import Attempt

    quiz = build.quiz([make.question(), make.question()], title="Friday mock", time_limit_minutes=10)
    build.assignment(build.classroom(instructor, [learner]), quiz)
    attempt, _ = start_exam(learner, quiz, "en")
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=1))
    quiz.published = False
    quiz.save()
    html = learner_client.get(quiz.get_absolute_url()).content.decode()
    assert "Not open: your instructor has not published this quiz." in html
    # graded at its deadline, as the start page of a published quiz does: nothing left to finish
    assert "You can still finish the attempt you started." not in html and "Resume the exam" not in html
    attempt.refresh_from_db()
    assert attempt.state != Attempt.State.IN_PROGRESS


def test_a_closed_quiz_start_page_says_it_is_not_open_instead_of_offering_a_refused_start(learner_client, build,
                                                                                           make, instructor, learner):
    quiz = build.quiz([make.question()], title="Last term", closes_at=timezone.now() - timedelta(days=1))
    build.assignment(build.classroom(instructor, [learner]), quiz)
    html = learner_client.get(quiz.get_absolute_url()).content.decode()
    closed = timezone.localtime(quiz.closes_at, dt_timezone.utc).strftime("%Y-%m-%d %H:%M")
    assert f"This exam closed on {closed} (UTC)." in html and 'class="exam-start"' not in html
    assert f'href="{reverse("progress:dashboard")}" role="button">Back to my progress</a>' in html


def test_a_quiz_not_open_yet_says_when_it_opens_in_the_learners_zone(learner_client, build, make, instructor,
                                                                     learner):
    from datetime import datetime

    from quiz.progress.models import LearnerSettings

    quiz = build.quiz([make.question()], title="Next week",
                      opens_at=datetime(2099, 3, 1, 0, 30, tzinfo=dt_timezone.utc))
    build.assignment(build.classroom(instructor, [learner]), quiz)
    LearnerSettings.objects.create(user=learner, time_zone="Asia/Seoul")  # every session follows the account
    html = learner_client.get(quiz.get_absolute_url()).content.decode()
    assert "This exam opens on 2099-03-01 09:30 (Asia/Seoul)." in html and 'class="exam-start"' not in html
    response = learner_client.post(quiz.get_absolute_url())  # a start sent anyway is refused with the same words
    assert "This exam opens on 2099-03-01 09:30 (Asia/Seoul)." in response.content.decode()
    assert not quiz.attempts.exists()


def test_reviews_after_the_due_date_need_a_due_date(instructor_client, build, make, instructor):
    classroom = build.classroom(instructor)
    quiz = build.quiz([make.question()])
    response = instructor_client.post(classroom.get_absolute_url(), {"quiz": quiz.pk, "review_opens": "after_due"})
    assert "Set a due date" in response.content.decode()
    assert not Assignment.objects.exists()


def test_a_practice_set_is_assigned_without_asking_when_reviews_open(instructor_client, build, make,
                                                                     instructor):
    # it shows each answer's explanation as it is answered: the rule, hidden while it is chosen
    # (instructor.css) but posted, is neither checked nor stored
    classroom = build.classroom(instructor)
    practice = build.quiz([make.question()], title="Weekly practice", mode="practice")
    html = instructor_client.get(classroom.get_absolute_url()).content.decode()
    assert f'<option value="{practice.pk}" data-mode="practice">Weekly practice</option>' in html
    assert '<div data-field="review_opens">' in html
    assert "Exams only: a practice set shows each answer&#x27;s explanation as soon as it is answered" in html
    response = instructor_client.post(classroom.get_absolute_url(),
                                      {"quiz": practice.pk, "review_opens": "after_due"})
    assert response.status_code == 302
    assert Assignment.objects.get().review_opens == "immediately"


def test_the_class_page_gives_a_practice_set_no_review_rule_to_read_or_change(instructor_client, build, make,
                                                                             instructor):
    classroom = build.classroom(instructor)
    practice = build.assignment(classroom, build.quiz([make.question()], mode="practice"),
                                review_opens="never")
    exam = build.assignment(classroom, build.quiz([make.question()]), review_opens="never")
    html = instructor_client.get(classroom.get_absolute_url()).content.decode()
    assert html.count('<td data-label="Review opens">Shown as each question is answered</td>') == 1
    assert html.count('<td data-label="Review opens">Never</td>') == 1  # the exam's
    assert f'id="a{practice.pk}_review_opens"' not in html and f'id="a{exam.pk}_review_opens"' in html
    response = instructor_client.post(reverse("instructor:assignment_update", args=[practice.pk]),
                                      {"due_at": "2030-05-01T12:00", "review_opens": "after_due"})
    assert response.status_code == 302
    practice.refresh_from_db()
    assert (practice.due_at.year, practice.review_opens) == (2030, "never")  # the stored rule is kept


def test_a_practice_set_saved_without_a_due_date_drops_an_after_the_due_date_rule(instructor_client, build, make,
                                                                                 instructor):
    # an exam's rule kept when its quiz became practice: without a due date it would open reviews at once, yet the
    # class page would say "After the due date", were the quiz made an exam again
    classroom = build.classroom(instructor)
    quiz = build.quiz([make.question()])
    assignment = build.assignment(classroom, quiz, review_opens="after_due", due_at=timezone.now() + timedelta(days=7))
    kept = build.assignment(build.classroom(instructor), quiz, review_opens="after_due",
                            due_at=timezone.now() + timedelta(days=7))
    quiz.mode = "practice"
    quiz.save()
    for which, due in ((assignment, ""), (kept, "2030-05-01T12:00")):
        response = instructor_client.post(reverse("instructor:assignment_update", args=[which.pk]), {"due_at": due})
        assert response.status_code == 302
    assignment.refresh_from_db()
    kept.refresh_from_db()
    assert (assignment.due_at, assignment.review_opens) == (None, "immediately")
    assert (kept.due_at.year, kept.review_opens) == (2030, "after_due")  # with a due date the rule still holds
    quiz.mode = "exam"
    quiz.save()
    html = instructor_client.get(classroom.get_absolute_url()).content.decode()
    assert '<td data-label="Review opens">Right after submitting</td>' in html


def test_a_due_date_that_is_not_a_date_is_refused_with_that_reason_only(instructor_client, build, make, instructor):
    classroom = build.classroom(instructor)
    assignment = build.assignment(classroom, build.quiz([make.question()]))
    quiz = build.quiz([make.question()])
    response = instructor_client.post(classroom.get_absolute_url(),
                                      {"quiz": quiz.pk, "review_opens": "after_due", "due_at": "2030-13-45T99:99"})
    html = response.content.decode()
    assert response.status_code == 200 and "Enter a valid date/time." in html and "Set a due date" not in html
    response = instructor_client.post(reverse("instructor:assignment_update", args=[assignment.pk]),
                                      {"review_opens": "after_due", "due_at": "tomorrow"})
    html = response.content.decode()
    assert response.status_code == 200 and "Enter a valid date/time." in html and "Set a due date" not in html
    assignment.refresh_from_db()
    assert Assignment.objects.count() == 1 and assignment.review_opens == "immediately"


def test_review_opens_right_away_after_the_due_date_or_never(build, make, instructor, learner):
    now = timezone.now()
    quiz = build.quiz([make.question()])
    unassigned = build.quiz([make.question()])
    classroom = build.classroom(instructor, [learner])
    assignment = build.assignment(classroom, quiz, due_at=now + timedelta(days=1), review_opens="after_due")
    assert not review_allowed(learner, quiz, now)
    assert review_allowed(learner, quiz, now + timedelta(days=2))
    assignment.review_opens = "never"
    assignment.save()
    assert not review_allowed(learner, quiz, now + timedelta(days=2))
    assignment.review_opens = "immediately"
    assignment.save()
    assert review_allowed(learner, quiz, now)
    assert review_allowed(learner, unassigned, now)  # quizzes outside classes are not restricted


def test_a_learner_sees_only_the_assignments_of_their_classes(build, make, instructor, learner, other_learner):
    mine = build.assignment(build.classroom(instructor, [learner]), build.quiz([make.question()]))
    build.assignment(build.classroom(instructor, [other_learner]), build.quiz([make.question()]))
    assert assignments_for(learner) == [mine]
    assert not assignments_for(learner)[0].finished


def test_an_assignment_is_finished_once_the_learner_submitted_an_attempt(build, make, instructor, learner,
                                                                         other_learner):
    question = make.question()
    quiz = build.quiz([question])
    build.assignment(build.classroom(instructor, [learner, other_learner]), quiz)
    build.attempt(learner, quiz, [question], [["A"]])
    assert assignments_for(learner)[0].finished
    assert not assignments_for(other_learner)[0].finished


def test_the_class_list_runs_a_constant_number_of_queries(instructor_client, build, instructor, constant_queries):
    build.classroom(instructor, build.learners(2))
    # own: classes with learner and assignment counts
    constant_queries(lambda: instructor_client.get(reverse("instructor:classes")),
                     lambda: [build.classroom(instructor, build.learners(3)) for _ in range(3)], own=1)


def test_a_learner_sees_their_assignments_on_the_dashboard(learner_client, learner, build, make, instructor):
    quiz = build.quiz([make.question()], title="Friday mock")
    build.assignment(build.classroom(instructor, [learner], name="Evening class"), quiz)
    build.assignment(build.classroom(instructor, [], name="Other class"), build.quiz([make.question()], title="Hidden"))
    html = learner_client.get(reverse("progress:dashboard")).content.decode()
    assert "Friday mock" in html and "Evening class" in html
    assert "Hidden" not in html
    assert reverse("classes:join") in html


def test_the_instructor_link_is_shown_to_instructors_only(client, learner, instructor):
    client.force_login(learner)
    assert "data-instructor-link" not in client.get(reverse("classes:join")).content.decode()
    client.force_login(instructor)
    assert "data-instructor-link" in client.get(reverse("classes:join")).content.decode()


def test_the_instructor_flag_comes_with_the_user_without_an_extra_query(client, instructor,
                                                                         django_assert_num_queries):
    from quiz.instructor.access import is_instructor

    client.force_login(instructor)
    request = client.get(reverse("classes:join")).wsgi_request
    with django_assert_num_queries(0):
        assert is_instructor(request.user)


def test_changing_an_assignment_opens_reviews_later(instructor_client, build, make, instructor):
    assignment = build.assignment(build.classroom(instructor), build.quiz([make.question()]))
    instructor_client.post(reverse("instructor:assignment_update", args=[assignment.pk]),
                           {"due_at": "2030-05-01T12:00", "review_opens": "after_due"})
    assignment.refresh_from_db()
    assert assignment.review_opens == "after_due" and assignment.due_at.year == 2030
    assert AuditLog.objects.get().action == "edit_assignment"


def test_a_change_without_a_due_date_for_after_due_is_refused(instructor_client, build, make, instructor):
    assignment = build.assignment(build.classroom(instructor), build.quiz([make.question()]))
    response = instructor_client.post(reverse("instructor:assignment_update", args=[assignment.pk]),
                                      {"due_at": "", "review_opens": "after_due"}, follow=True)
    assert "Set a due date" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.review_opens == "immediately"


def test_removing_an_assignment_keeps_the_attempts(instructor_client, build, make, instructor, learner):
    question = make.question()
    quiz = build.quiz([question])
    assignment = build.assignment(build.classroom(instructor, [learner]), quiz)
    attempt = build.attempt(learner, quiz, [question], [["A"]])
    instructor_client.post(reverse("instructor:assignment_update", args=[assignment.pk]), {"remove": "1"})
    assert not Assignment.objects.exists()
    attempt.refresh_from_db()
    assert AuditLog.objects.get().action == "unassign"


def test_removing_an_assignment_warns_that_its_results_go_from_the_class_page(instructor_client, build, make,
                                                                            instructor):
    """An assignment counts attempts from its own creation: assigning the quiz again does not bring the earlier
    results back, and the confirmation says so before the instructor removes it."""
    classroom = build.classroom(instructor)
    build.assignment(classroom, build.quiz([make.question()]))
    html = instructor_client.get(classroom.get_absolute_url()).content.decode()
    assert "no longer show them, even if you assign the quiz again." in html


def test_another_instructor_cannot_change_an_assignment(client, build, make, instructor):
    from conftest import make_user

    assignment = build.assignment(build.classroom(instructor), build.quiz([make.question()]))
    client.force_login(make_user("olga", instructor=True))
    response = client.post(reverse("instructor:assignment_update", args=[assignment.pk]), {"remove": "1"})
    assert response.status_code == 404
    assert Assignment.objects.exists()


def test_the_class_page_shows_the_mock_exams_title_in_the_interface_language(instructor_client, instructor,
                                                                            build):
    classroom = build.classroom(instructor)
    build.assignment(classroom, build.quiz(title="Mock exam"))
    ja = instructor_client.get(classroom.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert '<tr><td data-label="クイズ">模擬試験</td>' in ja  # the assignment row
    # the quiz choice of the assignment form (the migrations' own mock exam has the title too: both say more)
    assert '">模擬試験（試験、' in ja and "Mock exam" not in ja


def test_the_quiz_choice_starts_with_a_prompt_not_dashes(instructor_client, instructor, build):
    classroom = build.classroom(instructor)
    html = instructor_client.get(classroom.get_absolute_url()).content.decode()
    assert '<option value="" selected>Choose a quiz</option>' in html and "---------" not in html


def test_a_refused_change_keeps_what_was_typed_and_opens_that_form(instructor_client, build, make, instructor):
    assignment = build.assignment(build.classroom(instructor), build.quiz([make.question()]))
    response = instructor_client.post(reverse("instructor:assignment_update", args=[assignment.pk]),
                                      {"due_at": "not a date", "review_opens": "after_due"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<details open>" in html and 'value="not a date"' in html and "Enter a valid date/time." in html
    assert "Times are in UTC." in html
    assignment.refresh_from_db()
    assert assignment.review_opens == "immediately" and not AuditLog.objects.exists()


def test_a_due_date_in_the_past_is_saved_with_a_warning(instructor_client, build, make, instructor):
    assignment = build.assignment(build.classroom(instructor), build.quiz([make.question()]))
    response = instructor_client.post(reverse("instructor:assignment_update", args=[assignment.pk]),
                                      {"due_at": "2020-01-01T09:00", "review_opens": "immediately"}, follow=True)
    assert "The due date is in the past" in response.content.decode()
    assignment.refresh_from_db()
    assert assignment.due_at.year == 2020



OPEN_AT_ONCE = ("its review is already open: learners see their answers with the keys and explanations as soon as "
                "they submit")


def test_a_past_due_date_that_opens_the_review_says_the_answers_are_open_at_once(instructor_client, build, make,
                                                                               instructor, learner):
    classroom = build.classroom(instructor, [learner])
    quiz = build.quiz([make.question()])
    response = instructor_client.post(classroom.get_absolute_url(), {
        "quiz": quiz.pk, "due_at": "2020-01-01T09:00", "review_opens": "after_due"}, follow=True)
    assert f"The due date is in the past: the assignment shows as overdue now, and {OPEN_AT_ONCE}." in (
        response.content.decode())
    assert review_allowed(learner, quiz, timezone.now())  # what the warning says


@pytest.mark.parametrize("rule", ["immediately", "never"])
def test_a_past_due_date_with_another_review_rule_says_nothing_of_the_review(instructor_client, build, make,
                                                                             instructor, rule):
    assignment = build.assignment(build.classroom(instructor), build.quiz([make.question()]))
    response = instructor_client.post(reverse("instructor:assignment_update", args=[assignment.pk]),
                                      {"due_at": "2020-01-01T09:00", "review_opens": rule}, follow=True)
    html = response.content.decode()
    assert "The due date is in the past: the assignment shows as overdue now." in html and OPEN_AT_ONCE not in html

def test_an_instructor_adds_a_learner_by_user_name(instructor_client, build, instructor, learner):
    classroom = build.classroom(instructor)
    url = reverse("instructor:member_add", args=[classroom.pk])
    response = instructor_client.post(url, {"username": learner.get_username().upper()}, follow=True)
    assert f"{learner.get_username()} added to the class." in response.content.decode()
    assert classroom.memberships.filter(learner=learner).exists()
    again = instructor_client.post(url, {"username": learner.get_username()}, follow=True)
    assert "is in the class already" in again.content.decode() and classroom.memberships.count() == 1
    refused = instructor_client.post(url, {"username": "nobody-here"})
    assert refused.status_code == 200 and "No account has this user name." in refused.content.decode()
    assert 'value="nobody-here"' in refused.content.decode()
    assert AuditLog.objects.filter(action="add_learner").count() == 1


def test_another_instructor_cannot_add_to_a_class_not_theirs(client, build, instructor, learner, django_user_model):
    from django.contrib.auth.models import Group

    classroom = build.classroom(instructor)
    other = django_user_model.objects.create_user("other-teacher", password="x-pass-123456")
    other.groups.add(Group.objects.get_or_create(name="instructors")[0])
    client.force_login(other)
    response = client.post(reverse("instructor:member_add", args=[classroom.pk]), {"username": learner.username})
    assert response.status_code == 404 and not classroom.memberships.exists()


@pytest.mark.parametrize("review_opens,cards", [("never", 0), ("after_due", 0), ("immediately", 2)])
def test_an_exam_whose_answers_stay_closed_feeds_no_spaced_review(build, make, instructor, learner, review_opens,
                                                                 cards):
    """Its questions would come back in the review queue as practice, key shown, and the export would tell which
    were right: the instructor's "review opens: never / after the due date" would mean nothing."""
    from datetime import timedelta

    from django.utils import timezone

    from quiz import attempts
    from quiz.progress.models import ReviewCard, ReviewLog

    questions = [make.question(), make.question()]
    quiz = build.quiz(questions, only_approved=False, time_limit_minutes=30)
    build.assignment(build.classroom(instructor, [learner]), quiz, review_opens=review_opens,
                     due_at=timezone.now() + timedelta(days=1))
    attempt, _ = attempts.start_exam(learner, quiz, "en")
    for item in attempt.items.all():
        attempts.save_exam_answer(attempt, item, [attempts.label_of(item, "A")], now=timezone.now())
    attempts.submit(attempt, now=timezone.now())
    attempt.refresh_from_db()
    assert attempt.raw_score == 2  # graded all the same, answers kept
    assert ReviewCard.objects.filter(user=learner).count() == cards
    assert ReviewLog.objects.filter(user=learner).count() == cards


def _closed_exam(build, make, instructor, learner, *, review_opens="after_due"):
    """A finished exam of two questions (first right, second wrong) graded while its review was closed."""
    from quiz import attempts

    questions = [make.question(), make.question()]
    quiz = build.quiz(questions, only_approved=False, time_limit_minutes=30)
    assignment = build.assignment(build.classroom(instructor, [learner]), quiz, review_opens=review_opens,
                                  due_at=timezone.now() + timedelta(days=1))
    attempt, _ = attempts.start_exam(learner, quiz, "en")
    for item, key in zip(attempt.items.order_by("question_id"), "AB"):
        attempts.save_exam_answer(attempt, item, [attempts.label_of(item, key)], now=timezone.now())
    attempts.submit(attempt, now=timezone.now())
    attempt.refresh_from_db()
    assert attempt.reviews_withheld
    return attempt, assignment


def test_a_closed_exams_answers_become_reviews_once_its_due_date_passes_and_only_once(build, make, instructor,
                                                                                      learner):
    from quiz import attempts
    from quiz.progress.models import ReviewCard, ReviewLog

    attempt, assignment = _closed_exam(build, make, instructor, learner)
    assert attempts.catch_up_reviews(learner, timezone.now()) == 0  # still closed: nothing yet
    assert not ReviewLog.objects.exists()
    later = assignment.due_at + timedelta(minutes=1)
    assert attempts.catch_up_reviews(learner, later) == 1
    assert attempts.catch_up_reviews(learner, later) == 0
    logs = list(ReviewLog.objects.filter(user=learner).select_related("attempt_item"))
    assert sorted(log.correct for log in logs) == [False, True]
    # dated when answered, as grading would have made them
    assert all(log.mode == "exam" and log.reviewed_at == log.attempt_item.answered_at for log in logs)
    assert ReviewCard.objects.filter(user=learner).count() == 2
    attempt.refresh_from_db()
    assert not attempt.reviews_withheld


def test_a_closed_exam_caught_up_later_makes_reviews_only_of_its_answered_questions(build, make, instructor,
                                                                                    learner):
    from quiz import attempts
    from quiz.progress import reviews
    from quiz.progress.models import ReviewCard, ReviewLog

    questions = [make.question(), make.question(), make.question(choose=2, n_options=5)]
    quiz = build.quiz(questions, only_approved=False, time_limit_minutes=30)
    assignment = build.assignment(build.classroom(instructor, [learner]), quiz, review_opens="after_due",
                                  due_at=timezone.now() + timedelta(days=1))
    attempt, _ = attempts.start_exam(learner, quiz, "en")
    answered, blank, partly = attempt.items.order_by("question_id")
    attempts.save_exam_answer(attempt, answered, [attempts.label_of(answered, "A")], now=timezone.now())
    attempts.save_exam_answer(attempt, partly, [attempts.label_of(partly, "A")], now=timezone.now())  # 1 of 2
    attempts.submit(attempt, now=timezone.now())
    attempt.refresh_from_db()
    assert attempt.reviews_withheld and attempt.raw_score == 1
    later = assignment.due_at + timedelta(minutes=1)
    assert attempts.catch_up_reviews(learner, later) == 1
    assert list(ReviewLog.objects.filter(user=learner).values_list("attempt_item_id", flat=True)) == [answered.pk]
    assert list(ReviewCard.objects.filter(user=learner).values_list("question_id", flat=True)) == [
        answered.question_id]
    assert [q.pk for q in reviews.due_questions(learner, later + timedelta(days=1))] == [answered.question_id]
    attempt.refresh_from_db()
    assert not attempt.reviews_withheld


def test_a_closed_exams_answer_caught_up_after_later_practice_keeps_its_day_and_its_place_in_the_card(
        build, make, instructor, learner):
    from quiz import attempts
    from quiz.progress import reviews
    from quiz.progress.dashboard import activity
    from quiz.progress.models import ReviewCard, ReviewLog
    from quiz.progress.tests.conftest import Answering

    attempt, assignment = _closed_exam(build, make, instructor, learner)
    exam_item = attempt.items.get(correct=True)
    practised = exam_item.answered_at + timedelta(days=3)  # the same question in practice, before review opens
    Answering().answer(learner, exam_item.question, correct=False, when=practised)
    assert attempts.catch_up_reviews(learner, practised + timedelta(days=1)) == 1
    log = ReviewLog.objects.get(attempt_item=exam_item)
    assert log.reviewed_at == exam_item.answered_at  # not moved to the later practice review's time
    card = ReviewCard.objects.get(user=learner, question=exam_item.question)
    expected = reviews.replay([(3, exam_item.answered_at), (1, practised)])  # right in the exam, then wrong
    # no lapse: after one right answer the card was still in its learning steps
    assert (card.due, card.stability, card.reps, card.lapses, card.last_recalled) == (
        expected.due, expected.stability, 2, 0, False)
    days = {d.day: (d.total, d.correct) for d in activity(learner)}
    assert days[exam_item.answered_at.date()] == (2, 1) and days[practised.date()] == (1, 0)


def test_a_closed_exam_whose_review_opens_while_another_exam_asks_its_question_waits_for_that_exam(
        build, make, instructor, learner, learner_client):
    from quiz import attempts
    from quiz.progress.models import ReviewLog

    attempt, assignment = _closed_exam(build, make, instructor, learner)
    asked = attempt.items.order_by("question_id").first().question
    other = build.quiz([asked], only_approved=False, time_limit_minutes=30)
    opened = assignment.due_at + timedelta(minutes=1)
    running, _ = attempts.start_exam(learner, other, "en", now=opened - timedelta(minutes=10))
    # its reviews would move the dashboard's mastery and forecast by the verdict of a question the exam asks
    assert attempts.catch_up_reviews(learner, opened) == 0
    assert attempts.catch_up_reviews(learner, opened, [attempt]) == 0  # the result page's way
    assert not ReviewLog.objects.exists()
    assert attempts.catch_up_reviews(learner, running.deadline + timedelta(minutes=1)) == 1
    assert ReviewLog.objects.filter(attempt_item__attempt=attempt).count() == 2


def test_the_review_page_dashboard_and_result_catch_up_a_closed_exam_once_review_opens(
        build, make, instructor, learner, learner_client):
    from quiz.progress.models import ReviewLog

    for page in ("/progress/review/", "/progress/", "result"):
        ReviewLog.objects.all().delete()
        attempt, assignment = _closed_exam(build, make, instructor, learner)
        learner_client.get(attempt.get_absolute_url() if page == "result" else page)
        assert not ReviewLog.objects.filter(attempt_item__attempt=attempt).exists(), page
        Assignment.objects.filter(pk=assignment.pk).update(review_opens="immediately")
        assert learner_client.get(attempt.get_absolute_url() if page == "result" else page).status_code == 200
        assert ReviewLog.objects.filter(attempt_item__attempt=attempt).count() == 2, page
        attempt.refresh_from_db()
        assert not attempt.reviews_withheld, page


def test_a_result_whose_review_is_closed_says_when_it_opens_or_that_it_stays_closed(build, make, instructor, learner,
                                                                                     learner_client):
    attempt, assignment = _closed_exam(build, make, instructor, learner)
    html = learner_client.get(f"/quiz/attempts/{attempt.uid}/result/").content.decode()
    due = timezone.localtime(assignment.due_at, dt_timezone.utc).strftime("%Y-%m-%d %H:%M")
    assert f"The answers of this exam open for review on {due} (UTC), the due date." in html
    Assignment.objects.filter(pk=assignment.pk).update(review_opens="never")
    html = learner_client.get(f"/quiz/attempts/{attempt.uid}/result/").content.decode()
    assert "Your class does not open the answers of this exam for review." in html


def test_deleting_ones_progress_keeps_a_closed_exam_from_bringing_its_reviews_back(build, make, instructor,
                                                                                    learner):
    from quiz import attempts
    from quiz.progress.models import ReviewLog
    from quiz.progress.views import delete_progress

    attempt, assignment = _closed_exam(build, make, instructor, learner)
    delete_progress(learner)
    assert attempts.catch_up_reviews(learner, assignment.due_at + timedelta(minutes=1)) == 0
    assert not ReviewLog.objects.exists()


def test_the_catch_up_command_makes_the_reviews_of_every_exam_whose_review_opened(build, make, instructor,
                                                                                 learner):
    from io import StringIO

    from django.core.management import call_command

    from quiz.progress.models import ReviewLog

    attempt, assignment = _closed_exam(build, make, instructor, learner, review_opens="never")
    out = StringIO()
    call_command("catch_up_reviews", stdout=out)
    assert out.getvalue().strip() == "Exams caught up: 0; still closed: 1."
    Assignment.objects.filter(pk=assignment.pk).update(review_opens="immediately")
    call_command("catch_up_reviews", stdout=out)
    assert "Exams caught up: 1; still closed: 0." in out.getvalue()
    assert ReviewLog.objects.filter(attempt_item__attempt=attempt).count() == 2


def test_a_closed_or_not_yet_open_assigned_quiz_is_said_on_the_class_page_and_the_dashboard(
        instructor_client, build, make, instructor, learner, monkeypatch):
    from datetime import timedelta

    from django.test import Client
    from django.utils import timezone

    learner_client = Client()
    learner_client.force_login(learner)
    now = timezone.now()
    closed = build.quiz([make.question()], title="Last week's mock", closes_at=now - timedelta(days=1))
    later = build.quiz([make.question()], title="Next week's mock", opens_at=now + timedelta(days=6))
    closing = build.quiz([make.question()], title="Friday mock", closes_at=now + timedelta(minutes=2))
    classroom = build.classroom(instructor, [learner])
    for quiz in (closed, later, closing):
        build.assignment(classroom, quiz)

    html = instructor_client.get(classroom.get_absolute_url()).content.decode()
    local = timezone.localtime
    assert html.count(">Closed</span>") == 1
    assert f"Learners cannot start it: it closed on {local(closed.closes_at):%Y-%m-%d %H:%M}." in html
    assert f"Opens on {local(later.opens_at):%Y-%m-%d %H:%M}." in html

    dashboard = learner_client.get(reverse("progress:dashboard")).content.decode()
    assert f'href="{closed.get_absolute_url()}"' not in dashboard  # no link to a page that refuses to start
    assert f"Closed on {local(closed.closes_at):%Y-%m-%d %H:%M}." in dashboard
    assert f'href="{later.get_absolute_url()}"' in dashboard  # its page says when it opens
    assert f"Opens on {local(later.opens_at):%Y-%m-%d %H:%M}." in dashboard
    assert f'href="{closing.get_absolute_url()}"' in dashboard

    # The dashboard is cached; two minutes pass and Friday's mock closes: the page says so at once.
    later_now = closing.closes_at + timedelta(seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: later_now)
    dashboard = learner_client.get(reverse("progress:dashboard")).content.decode()
    assert f'href="{closing.get_absolute_url()}"' not in dashboard
    assert "Closed on" in dashboard and "Friday mock" in dashboard


@pytest.mark.parametrize(("typed", "message"), [
    ("-5", "Ensure this value is greater than or equal to 0."),
    ("abc", "Enter a whole number."),
    ("601", "At most 600 extra minutes."),
])
def test_refused_extra_time_shows_the_class_page_again_with_the_typed_value_in_that_learners_row(
        instructor_client, build, instructor, learner, other_learner, typed, message):
    classroom = build.classroom(instructor, [learner, other_learner])
    Membership.objects.filter(learner=other_learner).update(extra_minutes=10)
    membership = classroom.memberships.get(learner=learner)
    response = instructor_client.post(reverse("instructor:member_update", args=[classroom.pk, membership.pk]),
                                      {"extra_minutes": typed})
    assert response.status_code == 200  # the page again, as the assignment forms do: not a redirect and a flash
    html = response.content.decode()
    row = html[html.index(f'aria-label="Extra minutes for {learner.username}"') - 200:]
    row = row[:row.index("</tr>")]
    assert f'value="{typed}"' in row and 'aria-invalid="true"' in row
    assert f"Extra time for {learner.username} not saved: {message}" in row
    other_row = html[html.index(f'aria-label="Extra minutes for {other_learner.username}"') - 200:]
    other_row = other_row[:other_row.index("</tr>")]
    assert 'value="10"' in other_row and "aria-invalid" not in other_row  # the others show what is stored
    membership.refresh_from_db()
    assert membership.extra_minutes == 0
    assert not AuditLog.objects.exists()


@pytest.mark.parametrize("superuser", [False, True])
def test_an_instructor_cannot_be_added_to_a_class_as_a_learner(instructor_client, build, instructor,
                                                               django_user_model, superuser):
    from conftest import make_user

    colleague = (django_user_model.objects.create_superuser("root-teacher", password="x-pass-123456")
                 if superuser else make_user("other-teacher", instructor=True))
    classroom = build.classroom(instructor)
    response = instructor_client.post(reverse("instructor:member_add", args=[classroom.pk]),
                                      {"username": colleague.get_username()})
    assert response.status_code == 200
    html = response.content.decode()
    assert (f"{colleague.get_username()} is an instructor: instructors cannot be added to a class as learners."
            in html)
    assert response.context["add_learner"].has_error("username", "instructor")
    assert f'value="{colleague.get_username()}"' in html
    assert not classroom.memberships.exists() and not AuditLog.objects.exists()


def test_an_instructor_cannot_join_a_class_with_its_code(client, build, instructor):
    from conftest import make_user

    colleague = make_user("other-teacher", instructor=True)
    classroom = build.classroom(instructor)
    client.force_login(colleague)
    response = client.post(reverse("classes:join"), {"code": classroom.join_code})
    assert response.status_code == 200
    assert "Instructors cannot join a class as learners" in response.content.decode()
    assert response.context["form"].has_error("code", "instructor")
    assert not Membership.objects.exists()


def test_joining_in_japanese_quotes_the_class_name(learner_client, learner, build, instructor):
    # 「すでに 夜間クラス に参加しています。」 read the name as part of the sentence
    classroom = build.classroom(instructor, name="夜間クラス")
    joined = learner_client.post(reverse("classes:join"), {"code": classroom.join_code}, follow=True,
                                 HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    again = learner_client.post(reverse("classes:join"), {"code": classroom.join_code}, follow=True,
                                HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "「夜間クラス」に参加しました。" in joined and "すでに「夜間クラス」に参加しています。" in again
    left = learner_client.post(reverse("classes:leave", args=[classroom.pk]), follow=True,
                               HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "「夜間クラス」を退出しました。" in left


def test_the_learners_assignments_say_when_they_see_answers_and_explanations_in_their_words(
        instructor_client, build, make, instructor, learner):
    from django.test import Client

    learner_client = Client()  # instructor_client is the test's ``client``
    learner_client.force_login(learner)
    classroom = build.classroom(instructor, [learner])
    build.assignment(classroom, build.quiz([make.question()], title="Now"), review_opens="immediately")
    build.assignment(classroom, build.quiz([make.question()], title="Later"), review_opens="after_due")
    build.assignment(classroom, build.quiz([make.question()], title="Closed"), review_opens="never")
    build.assignment(classroom, build.quiz([make.question()], title="Drill", mode="practice"), review_opens="never")
    html = learner_client.get(reverse("progress:dashboard")).content.decode()
    # "Review opens: Right after submitting" is the instructor's rule, not what the learner will see
    assert "Answers and explanations" in html and "Review opens" not in html
    for said in ("Shown right after you submit", "Shown after the due date", "Not shown",
                 "Shown as you answer each question"):  # a practice set's feedback follows each answer
        assert f'<td data-label="Answers and explanations">{said}</td>' in html
    assert "Right after submitting" not in html
    page = instructor_client.get(classroom.get_absolute_url()).content.decode()  # the instructor keeps the rule
    assert "Review opens" in page and "Right after submitting" in page and "After the due date" in page


def test_the_audit_log_keeps_an_exams_review_rule_and_no_rule_for_a_practice_set(instructor_client, build, make,
                                                                                  instructor):
    classroom = build.classroom(instructor)
    exam = build.quiz([make.question()], title="Final")
    practice = build.quiz([make.question()], title="Drill", mode="practice")
    for quiz in (exam, practice):
        assert instructor_client.post(classroom.get_absolute_url(), {
            "quiz": quiz.pk, "due_at": "2030-05-01T12:00", "review_opens": "after_due"}).status_code == 302
    details = {entry.details["quiz"]: entry.details for entry in AuditLog.objects.filter(action="assign")}
    assert details[exam.pk]["review_opens"] == "after_due"
    assert "review_opens" not in details[practice.pk]  # it shows each answer as it is given, whatever is stored
    log = instructor_client.get("/instructor/audit/").content.decode()
    assert log.count("review opens: After the due date") == 1

"""The learner's side of classes: which classes they are in and who sees their results (/classes/),
leaving one, and the dashboard's notice of a class an instructor added them to."""

from datetime import datetime, timedelta
from datetime import timezone as dt_timezone

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quiz.instructor import services
from quiz.instructor.models import AuditLog, Membership


def learner_browsing(learner):
    """A second client: ``instructor_client`` and ``learner_client`` are the same one."""
    client = Client()
    client.force_login(learner)
    return client


def test_the_classes_page_names_each_class_its_instructor_and_who_sees_what(learner_client, learner, build,
                                                                         instructor, other_learner):
    instructor.first_name, instructor.last_name = "Ines", "Ito"
    instructor.save()
    mine = build.classroom(instructor, [learner], name="Evening class")
    build.classroom(instructor, [other_learner], name="Not mine")
    html = learner_client.get(reverse("classes:mine")).content.decode()
    assert "Evening class" in html and "Ines Ito" in html and "Not mine" not in html
    assert "sees your user name and email address, and your results on the quizzes assigned to it" in html
    assert "Your practice sets and your progress stay private." in html
    assert reverse("classes:leave", args=[mine.pk]) in html
    assert "Added by" not in html  # joined with the code


def test_the_classes_page_says_who_added_the_learner(learner_client, learner, build, instructor):
    classroom = build.classroom(instructor)
    Membership.objects.create(classroom=classroom, learner=learner, added_by=instructor)
    assert f"Added by {instructor.username}" in learner_client.get(reverse("classes:mine")).content.decode()


def test_the_classes_page_leaves_out_classes_left(learner_client, learner, build, instructor):
    classroom = build.classroom(instructor, [learner], name="Left behind")
    classroom.memberships.get().end()
    html = learner_client.get(reverse("classes:mine")).content.decode()
    assert "Left behind" not in html and "You are not in any class yet." in html


def test_the_classes_page_lists_each_classs_assignments_with_due_dates_in_the_learners_zone(
        learner_client, learner, build, instructor, other_learner):
    learner_client.post("/progress/settings/", {"daily_review_cap": "100", "time_zone": "Asia/Tokyo"})
    mine = build.classroom(instructor, [learner], name="Evening class")
    other = build.classroom(instructor, [learner], name="Morning class")
    open_quiz = build.quiz(title="Week 1 check")
    build.assignment(mine, open_quiz, due_at=datetime(2026, 1, 5, 9, 0, tzinfo=dt_timezone.utc))
    build.assignment(other, build.quiz(title="Draft exam", published=False))
    build.assignment(build.classroom(instructor, [other_learner]), build.quiz(title="Not my class's"))
    html = learner_client.get(reverse("classes:mine")).content.decode()
    row = html[html.index(f'data-class="{mine.pk}"'):html.index(f'data-class="{other.pk}"')]
    assert f'<a href="{open_quiz.get_absolute_url()}">Week 1 check</a>' in row
    assert "Due 2026-01-05 18:00" in row and "Times are in Asia/Tokyo." in html
    row = html[html.index(f'data-class="{other.pk}"'):]
    assert "Draft exam" in row and "not published this quiz" in row and "Draft exam</a>" not in row
    assert "Not my class" not in html


def test_the_classes_page_runs_a_constant_number_of_queries(learner_client, learner, build, make, instructor,
                                                            constant_queries):
    from conftest import make_user

    def more_classes():
        for i in range(3):
            teacher = make_user(f"teacher{i}", instructor=True)
            classroom = build.classroom(teacher, [learner])
            Membership.objects.filter(classroom=classroom).update(added_by=teacher)
            for _ in range(2):
                build.assignment(classroom, build.quiz(), due_at=timezone.now())

    build.assignment(build.classroom(instructor, [learner]), build.quiz())
    # own: memberships with their class, its instructor and who added the learner; all their assignments
    constant_queries(lambda: learner_client.get(reverse("classes:mine")), more_classes, own=2)


def test_the_classes_pages_need_a_login(client, build, instructor):
    classroom = build.classroom(instructor)
    for url in (reverse("classes:mine"), reverse("classes:leave", args=[classroom.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
    assert client.post(reverse("classes:leave", args=[classroom.pk])).status_code == 302


def test_leaving_asks_first_and_says_what_the_instructor_keeps(learner_client, learner, build, instructor):
    classroom = build.classroom(instructor, [learner], name="Evening class")
    response = learner_client.get(reverse("classes:leave", args=[classroom.pk]))
    html = response.content.decode()
    assert response.status_code == 200 and "Leave Evening class?" in html
    assert "The attempts you made while in the class stay in its results" in html
    assert f"{instructor.username} no longer sees the attempts you start" in html
    assert 'method="post"' in html and "csrfmiddlewaretoken" in html
    assert classroom.memberships.current().filter(learner=learner).exists()  # asking changes nothing


def test_leaving_ends_the_membership_keeps_the_attempts_and_tells_the_instructor(learner_client, learner,
                                                                                 build, make, instructor):
    question = make.question()
    quiz = build.quiz([question])
    classroom = build.classroom(instructor, [learner], name="Evening class")
    build.assignment(classroom, quiz)
    attempt = build.attempt(learner, quiz, [question], [["A"]])
    response = learner_client.post(reverse("classes:leave", args=[classroom.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("classes:mine")
    html = response.content.decode()
    assert "You left Evening class." in html and reverse("classes:leave", args=[classroom.pk]) not in html
    membership = Membership.objects.get(classroom=classroom, learner=learner)
    assert membership.left_at is not None
    attempt.refresh_from_db()  # still there: the learner's own
    entry = AuditLog.objects.get(action="leave_class")
    assert (entry.actor, entry.object_id) == (learner, str(classroom.pk))
    assert entry.details == {"learner": learner.username}


def test_a_membership_ended_meanwhile_keeps_its_end_and_is_logged_once(learner_client, learner, build,
                                                                       instructor, monkeypatch):
    """Leaving from two tabs at once, or while the instructor removes the learner: each request read the
    membership current, and the one that writes second changes nothing (its end, the audit log)."""
    from quiz.instructor import views

    classroom = build.classroom(instructor, [learner])
    removed_at = timezone.now() - timedelta(minutes=1)
    assert Membership.objects.get().end(removed_at) is True  # the instructor removed the learner
    AuditLog.objects.all().delete()
    # the learner's post read the membership before that
    monkeypatch.setattr(views, "_learner_memberships",
                        lambda user: user.memberships.select_related("classroom__owner", "added_by"))
    response = learner_client.post(reverse("classes:leave", args=[classroom.pk]))

    assert response.status_code == 302
    assert Membership.objects.get().left_at == removed_at
    assert not AuditLog.objects.exists()
    assert Membership.objects.get().end() is False


def test_the_instructors_audit_log_says_a_learner_left(instructor_client, learner, build, instructor):
    classroom = build.classroom(instructor, [learner])
    learner_browsing(learner).post(reverse("classes:leave", args=[classroom.pk]))
    html = instructor_client.get(reverse("instructor:audit")).content.decode()
    assert "Learner left" in html and learner.username in html


def test_leaving_needs_a_csrf_token(learner, build, instructor):
    classroom = build.classroom(instructor, [learner])
    client = Client(enforce_csrf_checks=True)
    client.force_login(learner)
    assert client.post(reverse("classes:leave", args=[classroom.pk])).status_code == 403
    assert classroom.memberships.current().filter(learner=learner).exists()


def test_a_learner_cannot_leave_a_class_they_are_not_in(learner_client, build, instructor, other_learner):
    classroom = build.classroom(instructor, [other_learner])
    assert learner_client.get(reverse("classes:leave", args=[classroom.pk])).status_code == 404
    assert learner_client.post(reverse("classes:leave", args=[classroom.pk])).status_code == 404
    assert learner_client.post("/classes/" + "9" * 23 + "/leave/").status_code == 404
    assert classroom.memberships.current().count() == 1


def test_a_class_left_applies_its_rules_no_more(learner_client, learner, build, make, instructor):
    question = make.question()
    quiz = build.quiz([question], time_limit_minutes=30)
    classroom = build.classroom(instructor, [learner], name="Evening class")
    build.assignment(classroom, quiz, review_opens="never")
    classroom.memberships.update(extra_minutes=15)
    now = timezone.now()
    assert services.extra_minutes(learner, quiz) == 15 and not services.review_allowed(learner, quiz, now)
    assert services.is_assigned(learner, quiz) and services.assignments_for(learner)
    learner_client.post(reverse("classes:leave", args=[classroom.pk]))
    assert services.extra_minutes(learner, quiz) == 0
    assert not services.is_assigned(learner, quiz) and services.assignments_for(learner) == []
    assert not services.review_allowed(learner, quiz, now)  # leaving opens no answers the class keeps closed
    html = learner_client.get(reverse("progress:dashboard")).content.decode()
    assert quiz.title not in html and "No assignments from your classes." in html


def test_the_dashboard_drops_a_class_left_though_it_was_cached(learner_client, learner, build, make,
                                                               instructor, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    classroom = build.classroom(instructor, [learner], name="Evening class")
    build.assignment(classroom, build.quiz([make.question()], title="Week one"))
    assert "Week one" in learner_client.get(reverse("progress:dashboard")).content.decode()
    learner_client.post(reverse("classes:leave", args=[classroom.pk]))
    assert "Week one" not in learner_client.get(reverse("progress:dashboard")).content.decode()


def test_joining_again_after_leaving_starts_a_new_membership(learner_client, learner, build, instructor):
    classroom = build.classroom(instructor, [learner])
    classroom.memberships.get().end()
    response = learner_client.post(reverse("classes:join"), {"code": classroom.join_code}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("classes:mine")
    assert f"You joined {classroom.name}." in response.content.decode()
    assert classroom.memberships.count() == 2 and classroom.memberships.current().count() == 1
    learner_client.post(reverse("classes:join"), {"code": classroom.join_code})
    assert classroom.memberships.count() == 2  # in it already


def test_an_instructor_adding_a_learner_is_told_on_their_next_dashboard_once(instructor_client, learner,
                                                                             build, instructor):
    learner_client = learner_browsing(learner)
    classroom = build.classroom(instructor, name="Evening class")
    instructor_client.post(reverse("instructor:member_add", args=[classroom.pk]),
                           {"username": learner.username})
    membership = classroom.memberships.get()
    assert (membership.added_by, membership.seen_at) == (instructor, None)
    html = learner_client.get(reverse("progress:dashboard")).content.decode()
    assert f"{instructor.username} added you to Evening class." in html
    assert "Your instructor sees your results on the quizzes assigned to this class." in html
    assert reverse("classes:mine") in html
    membership.refresh_from_db()
    assert membership.seen_at is not None
    assert "added you to" not in learner_client.get(reverse("progress:dashboard")).content.decode()


def test_joining_with_the_code_brings_no_notice(learner_client, learner, build, instructor):
    classroom = build.classroom(instructor)
    learner_client.post(reverse("classes:join"), {"code": classroom.join_code})
    assert classroom.memberships.get().added_by is None
    assert "added you to" not in learner_client.get(reverse("progress:dashboard")).content.decode()


def test_re_adding_a_learner_who_left_tells_them_again(instructor_client, learner, build, instructor):
    learner_client = learner_browsing(learner)
    classroom = build.classroom(instructor, name="Evening class")
    url = reverse("instructor:member_add", args=[classroom.pk])
    instructor_client.post(url, {"username": learner.username})
    learner_client.get(reverse("progress:dashboard"))
    learner_client.post(reverse("classes:leave", args=[classroom.pk]))
    response = instructor_client.post(url, {"username": learner.username}, follow=True)
    assert f"{learner.username} added to the class." in response.content.decode()
    assert "added you to Evening class" in learner_client.get(reverse("progress:dashboard")).content.decode()


def test_the_notice_costs_the_dashboard_no_query_when_there_is_none(learner_client, learner, build,
                                                                    instructor, django_assert_num_queries):
    classroom = build.classroom(instructor)
    Membership.objects.create(classroom=classroom, learner=learner, added_by=instructor)
    learner_client.get(reverse("progress:dashboard"))  # shows the notice, caches the page
    with django_assert_num_queries(3):  # session with its user, freshness, the cached dashboard
        html = learner_client.get(reverse("progress:dashboard")).content.decode()
    assert "added you to" not in html


def test_a_notice_for_a_class_left_before_the_visit_is_not_shown(learner_client, learner, build, instructor):
    classroom = build.classroom(instructor)
    Membership.objects.create(classroom=classroom, learner=learner, added_by=instructor,
                              left_at=timezone.now() - timedelta(minutes=1))
    assert "added you to" not in learner_client.get(reverse("progress:dashboard")).content.decode()


def test_the_dashboard_marks_an_assignment_past_its_due_date_and_not_done_as_overdue(learner_client, learner, build,
                                                                                   make, instructor):
    classroom = build.classroom(instructor, [learner], name="Evening class")
    build.assignment(classroom, build.quiz([make.question()], title="Week 1"), due_at=timezone.now() - timedelta(hours=1))
    build.assignment(classroom, build.quiz([make.question()], title="Week 2"), due_at=timezone.now() + timedelta(days=1))
    html = learner_client.get(reverse("progress:dashboard")).content.decode()
    rows = {title: html.split(f">{title}</a>")[1].split("</tr>")[0] for title in ("Week 1", "Week 2")}
    assert "<strong>Overdue</strong>" in rows["Week 1"] and "To do" in rows["Week 2"]
    assert "Overdue" not in rows["Week 2"]


def test_a_cached_dashboard_goes_stale_when_an_assignment_falls_due(learner, build, make, instructor):
    from quiz.progress.dashreads import assignments
    from quiz.progress.views import next_opening_or_closing

    due = timezone.now() + timedelta(hours=2)
    build.assignment(build.classroom(instructor, [learner]), build.quiz([make.question()]), due_at=due)
    assert next_opening_or_closing(assignments(learner), timezone.now()) == due  # then "To do" becomes "Overdue"


def test_the_dashboard_shows_open_assignments_above_the_readiness_tables_and_folds_done_ones(
        learner_client, learner, build, make, instructor):
    """Assigned work sat below the readiness tables: a learner had to scroll to find what was due."""
    question = make.question()
    classroom = build.classroom(instructor, [learner], name="Evening class")
    build.assignment(classroom, build.quiz([question], title="Week 1"), due_at=timezone.now() - timedelta(hours=1))
    build.assignment(classroom, build.quiz([question], title="Week 2"), due_at=timezone.now() + timedelta(days=1))
    done = build.quiz([question], title="Week 0")
    build.assignment(classroom, done, due_at=timezone.now() - timedelta(days=7))
    build.attempt(learner, done, [question], [question.correct_keys()])
    html = learner_client.get(reverse("progress:dashboard")).content.decode().split("<main")[1]
    readiness = html.index('id="readiness-h"')
    assert html.index(">Week 1</a>") < html.index(">Week 2</a>") < readiness  # soonest due first
    assert "<strong>Overdue</strong>" in html.split(">Week 1</a>")[1].split("</tr>")[0]
    folded = html.split("<details data-done-assignments>")[1].split("</details>")[0]
    assert "1 assignment done" in folded and ">Week 0</a>" in folded and "Week 1" not in folded
    assert html.count(">Week 0</a>") == 1


def test_an_assignment_with_no_due_date_comes_after_those_due_on_the_dashboard_and_the_classes_page(
        learner_client, learner, build, make, instructor):
    # NULL sorts first on SQLite and last on PostgreSQL: "soonest due first" put the undated one on top on SQLite
    question = make.question()
    classroom = build.classroom(instructor, [learner], name="Evening class")
    build.assignment(classroom, build.quiz([question], title="Whenever"), due_at=None)
    build.assignment(classroom, build.quiz([question], title="Next week"), due_at=timezone.now() + timedelta(days=7))
    for url in (reverse("progress:dashboard"), "/classes/"):
        html = learner_client.get(url).content.decode().split("<main")[1]
        assert html.index(">Next week</a>") < html.index(">Whenever</a>"), url


def test_a_dashboard_without_assignments_keeps_the_classes_links_below_the_readiness_tables(learner_client):
    html = learner_client.get(reverse("progress:dashboard")).content.decode()
    assert html.index('id="readiness-h"') < html.index("No assignments from your classes.")
    assert "You have done every assignment." not in html


def test_the_classes_page_says_which_assignments_are_overdue_to_do_or_done(learner_client, learner, build, make,
                                                                           instructor):
    """The classes page gave due dates only: an assignment past its due date, or done, read like any other."""
    question = make.question()
    classroom = build.classroom(instructor, [learner], name="Evening class")
    build.assignment(classroom, build.quiz([question], title="Late one"), due_at=timezone.now() - timedelta(hours=1))
    build.assignment(classroom, build.quiz([question], title="Next one"), due_at=timezone.now() + timedelta(days=1))
    done = build.quiz([question], title="Done one")
    build.assignment(classroom, done, due_at=timezone.now() - timedelta(days=2))
    build.attempt(learner, done, [question], [question.correct_keys()])
    html = learner_client.get(reverse("classes:mine")).content.decode()
    states = {title: html.split(f">{title}</a>")[1].split("</li>")[0] for title in ("Late one", "Next one", "Done one")}
    assert "· <strong>Overdue</strong></small>" in states["Late one"]
    assert "· To do</small>" in states["Next one"] and "Overdue" not in states["Next one"]
    assert "· Done</small>" in states["Done one"] and "Overdue" not in states["Done one"]

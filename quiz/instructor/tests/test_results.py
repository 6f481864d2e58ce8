"""Results per assignment, CSV export, drill-down into an attempt, and item analysis over the class's attempts."""

import csv
import io

import pytest
from django.urls import reverse

from quiz.instructor import reports


@pytest.fixture
def exam(make, build, instructor):
    """Two questions (key A), a class of three learners: one passes, one fails, one has not started."""
    questions = [make.question(), make.question()]
    quiz = build.quiz(questions, pass_mark=700)
    good, bad, idle = build.learners(3)
    classroom = build.classroom(instructor, [good, bad, idle])
    assignment = build.assignment(classroom, quiz)
    build.attempt(good, quiz, questions, [["A"], ["A"]])  # 2/2 -> 1000, passed
    build.attempt(bad, quiz, questions, [["A"], ["B"]])  # 1/2 -> 550, failed
    return {"questions": questions, "quiz": quiz, "assignment": assignment, "learners": (good, bad, idle)}


def test_results_count_completion_pass_rate_and_the_histogram(exam):
    data = reports.assignment_results(exam["assignment"])
    assert (data["learners"], data["completed"], data["passed"]) == (3, 2, 1)
    assert data["completion"] == pytest.approx(2 / 3)
    assert data["pass_rate"] == 0.5
    assert data["mean_score"] == 775
    counts = {bar["range"]: bar["count"] for bar in data["histogram"]["bars"]}
    assert counts["500-599"] == 1 and counts["900-1000"] == 1 and sum(counts.values()) == 2


def test_the_best_attempt_counts_when_a_learner_tries_twice(exam, build):
    good, bad, idle = exam["learners"]
    build.attempt(bad, exam["quiz"], exam["questions"], [["A"], ["A"]])
    data = reports.assignment_results(exam["assignment"])
    row = next(r for r in data["rows"] if r.learner == bad)
    assert len(row.attempts) == 2 and row.best.scaled_score == 1000
    assert data["pass_rate"] == 1.0


def test_the_results_page_shows_the_table_and_an_svg_histogram(instructor_client, exam):
    html = instructor_client.get(reverse("instructor:results", args=[exam["assignment"].pk])).content.decode()
    good, bad, idle = exam["learners"]
    assert "<svg" in html and "<rect" in html and "style=" not in html
    assert good.username in html and bad.username in html and idle.username in html
    assert "2 of 3" in html and "50%" in html


def test_the_csv_export_has_one_row_per_learner(instructor_client, exam):
    response = instructor_client.get(reverse("instructor:results_csv", args=[exam["assignment"].pk]))
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    good, bad, idle = exam["learners"]
    by_name = {row["learner"]: row for row in rows}
    assert set(by_name) == {good.username, bad.username, idle.username}
    assert (by_name[good.username]["best_scaled_score"], by_name[good.username]["passed"]) == ("1000", "yes")
    assert (by_name[bad.username]["best_raw_score"], by_name[bad.username]["passed"]) == ("1", "no")
    assert by_name[idle.username]["attempts"] == "0"


@pytest.fixture
def practice(make, build, instructor):
    """A practice set of two questions (key A) assigned to a class: one learner got 1 of 2 right, one has not
    started."""
    questions = [make.question(), make.question()]
    quiz = build.quiz(questions, mode="practice", pass_mark=700)
    learner, idle = build.learners(2)
    assignment = build.assignment(build.classroom(instructor, [learner, idle]), quiz)
    attempt = build.attempt(learner, quiz, questions, [["A"], ["B"]])  # 1/2: scaled 550, "not passed"
    attempt.mode = "practice"
    attempt.save(update_fields=["mode"])
    return {"assignment": assignment, "attempt": attempt, "learners": (learner, idle)}


def test_a_practice_sets_results_give_the_share_right_and_no_pass_or_fail(instructor_client, practice):
    # its learners' summary says "1 of 2 right (50%)" and never a pass mark: a pass rate of 0% and "Passed: no"
    # told the instructor of a verdict nobody was graded by
    html = instructor_client.get(reverse("instructor:results", args=[practice["assignment"].pk])).content.decode()
    assert "1 of 2 right (50%)" in html and "Mean accuracy" in html
    assert "Pass rate" not in html and "Passed" not in html and "550" not in html and "<svg" not in html


def test_an_attempt_ended_with_questions_left_blank_says_how_many_beside_its_score(instructor_client, make, build,
                                                                                   instructor):
    questions = [make.question() for _ in range(4)]
    for mode in ("practice", "exam"):
        quiz = build.quiz(questions, mode=mode, pass_mark=700)
        learner, careful = build.learners(2)
        assignment = build.assignment(build.classroom(instructor, [learner, careful]), quiz)
        build.attempt(learner, quiz, questions, [["A"], ["B"], [], []])  # ended after two of four
        build.attempt(careful, quiz, questions, [["A"], ["A"], ["A"], ["B"]])
        html = instructor_client.get(reverse("instructor:results", args=[assignment.pk])).content.decode()
        assert html.count("left unanswered") == 1, mode  # the one who stopped, not the one who finished
        assert '<small class="unanswered">2 left unanswered</small>' in html, mode


def test_a_practice_sets_csv_keeps_its_columns_and_leaves_scaled_score_and_passed_blank(instructor_client, practice):
    response = instructor_client.get(reverse("instructor:results_csv", args=[practice["assignment"].pk]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert list(rows[0])[:7] == ["learner", "email", "attempts", "best_scaled_score", "best_raw_score", "items",
                                 "passed"]
    learner = practice["learners"][0]
    row = next(row for row in rows if row["learner"] == learner.username)
    assert (row["best_scaled_score"], row["best_raw_score"], row["items"], row["passed"]) == ("", "1", "2", "")


def test_a_practice_attempts_review_gives_the_share_right_and_no_pass_or_fail(instructor_client, practice):
    url = reverse("instructor:attempt_review", args=[practice["assignment"].pk, practice["attempt"].uid])
    html = instructor_client.get(url).content.decode()
    assert "1 of 2 right (50%)" in html
    assert "not passed" not in html and "score 550" not in html


def test_a_practice_sets_preview_and_form_state_no_pass_mark_for_it(instructor_client, practice):
    quiz = practice["assignment"].quiz
    html = instructor_client.get(reverse("instructor:quiz_preview", args=[quiz.pk])).content.decode()
    assert "pass mark" not in html
    form = instructor_client.get(reverse("instructor:quiz_edit", args=[quiz.pk])).content.decode()
    assert "Exams only: a practice set has no pass mark" in form


def test_the_csv_export_defuses_spreadsheet_formulas(instructor_client, exam):
    good = exam["learners"][0]
    good.email = "=HYPERLINK(1)"
    good.save()
    response = instructor_client.get(reverse("instructor:results_csv", args=[exam["assignment"].pk]))
    assert "'=HYPERLINK(1)" in response.content.decode("utf-8-sig")


def test_each_row_says_whether_the_learner_submitted_ran_out_of_time_is_sitting_or_has_not_started(
        instructor_client, exam, build):
    from datetime import datetime
    from datetime import timezone as dt_timezone

    from quiz.models import Attempt

    good, bad, idle = exam["learners"]
    [late, sitting] = build.learners(2)
    for learner in (late, sitting):
        build.join(exam["assignment"].classroom, learner)
    Attempt.objects.filter(user=good).update(submitted_at=datetime(2026, 11, 27, 3, 19, tzinfo=dt_timezone.utc))
    build.attempt(late, exam["quiz"], exam["questions"], [["A"], ["B"]], state=Attempt.State.EXPIRED)
    Attempt.objects.filter(user=late).update(submitted_at=datetime(2026, 11, 27, 4, 0, tzinfo=dt_timezone.utc))
    build.attempt(sitting, exam["quiz"], exam["questions"], [["A"], ["B"]], state=Attempt.State.IN_PROGRESS)
    Attempt.objects.filter(user=sitting).update(
        started_at=datetime(2026, 11, 27, 5, 0, tzinfo=dt_timezone.utc), submitted_at=None)
    html = _results(instructor_client, exam["assignment"])
    rows = {row.split("</td>")[0]: row for row in html.split('<td data-label="Learner">')[1:]}
    assert '<td data-label="Status">Submitted<br><small><time>2026-11-27 03:19</time></small></td>' in rows[good.username]
    # the time of an expired attempt is its deadline, not a submission: said so on the row and its review link
    assert "Expired<br><small>time ran out <time>2026-11-27 04:00</time></small>" in rows[late.username]
    assert "><time>2026-11-27 04:00</time> (time ran out)</a>" in rows[late.username]
    assert "In progress<br><small>started <time>2026-11-27 05:00</time></small>" in rows[sitting.username]
    assert '<td data-label="Status">Not started</td>' in rows[idle.username]


def test_an_exam_without_a_time_limit_ended_when_left_alone_says_so_not_that_time_ran_out(
        instructor_client, exam, build):
    """Its time is the end of the idle days (``Attempt.ends_when_idle``): no time limit ran out, and the days it lay
    untouched are no time used."""
    from datetime import datetime
    from datetime import timezone as dt_timezone

    from quiz.models import Attempt

    [left] = build.learners(1)
    build.join(exam["assignment"].classroom, left)
    attempt = build.attempt(left, exam["quiz"], exam["questions"], [["A"], ["B"]], state=Attempt.State.EXPIRED)
    Attempt.objects.filter(pk=attempt.pk).update(
        ends_when_idle=True, submitted_at=datetime(2026, 11, 27, 4, 0, tzinfo=dt_timezone.utc))
    html = _results(instructor_client, exam["assignment"])
    row = html.split(f'<td data-label="Learner">{left.username}</td>')[1].split("</tr>")[0]
    assert "Left without activity<br><small><time>2026-11-27 04:00</time></small>" in row and "Expired" not in row
    assert "><time>2026-11-27 04:00</time> (left without activity)</a>" in row and "time ran out" not in row
    review = instructor_client.get(
        reverse("instructor:attempt_review", args=[exam["assignment"].pk, attempt.uid])).content.decode()
    assert "Time used" not in review


def test_no_extra_time_reads_as_none_as_elsewhere_in_the_table(instructor_client, exam):
    html = _results(instructor_client, exam["assignment"])
    assert '<td data-label="Extra time (minutes)">—</td>' in html
    assert '<td data-label="Extra time (minutes)"></td>' not in html


def test_the_drill_down_shows_what_the_learner_chose(instructor_client, exam):
    bad = exam["learners"][1]
    attempt = bad.attempts.get()
    html = instructor_client.get(reverse("instructor:attempt_review", args=[exam["assignment"].pk, attempt.uid]))
    html = html.content.decode()
    assert exam["questions"][1].options[1]["text"] in html and "chosen" in html and "wrong" in html


def test_an_attempt_outside_the_class_is_not_shown(instructor_client, exam, build, other_learner):
    stranger = build.attempt(other_learner, exam["quiz"], exam["questions"], [["A"], ["A"]])
    url = reverse("instructor:attempt_review", args=[exam["assignment"].pk, stranger.uid])
    assert instructor_client.get(url).status_code == 404
    data = reports.assignment_results(exam["assignment"])
    assert other_learner not in [row.learner for row in data["rows"]]


def test_item_analysis_over_the_class_matches_hand_computed_values(exam):
    rows = {row.question_id: row for row in reports.item_analysis(exam["assignment"])}
    first, second = exam["questions"]
    # Question 1: both right. Question 2: the top scorer right, the other chose B.
    assert rows[first.pk].stats.facility == 1.0
    assert rows[first.pk].stats.discrimination == 0
    assert rows[second.pk].stats.facility == 0.5
    # groups of 1, but both were right on question 1 (rest scores tie): nothing tells top from bottom
    assert rows[second.pk].stats.discrimination == 0
    assert rows[second.pk].stats.option_counts == {"A": 1, "B": 1, "C": 0, "D": 0}
    assert rows[first.pk].stats.mean_seconds == 60  # the builder answers one item a minute
    assert rows[first.pk].stats.flags == () and rows[second.pk].stats.flags == ()  # 2 responses: too few


def test_the_item_analysis_page_flags_items_and_links_to_edit(instructor_client, exam, build):
    for learner in build.learners(6):  # 8 attempts: everyone right on the first question
        build.join(exam["assignment"].classroom, learner)
        build.attempt(learner, exam["quiz"], exam["questions"], [["A"], ["A"]])
    html = instructor_client.get(reverse("instructor:item_analysis", args=[exam["assignment"].pk])).content.decode()
    assert "too easy" in html and 'class="item-flagged"' in html
    assert reverse("instructor:question", args=[exam["questions"][0].pk]) in html
    assert "not flagged yet" not in html


def test_the_item_analysis_flags_nothing_on_a_few_responses_and_says_so(instructor_client, exam):
    """With one or two attempts every row was orange, "too hard" or "too easy", on one learner's answer."""
    for url in (reverse("instructor:item_analysis", args=[exam["assignment"].pk]),
                reverse("instructor:quiz_item_analysis", args=[exam["quiz"].pk])):
        html = instructor_client.get(url).content.decode()
        assert "item-flagged" not in html and "tag-warn" not in html
        assert "Questions with fewer than 8 responses are not flagged yet" in html


def test_the_item_analysis_says_how_to_read_discrimination_and_its_dashes(instructor_client, make, build,
                                                                           instructor, learner):
    questions = [make.question(), make.question()]
    quiz = build.quiz(questions)
    assignment = build.assignment(build.classroom(instructor, [learner]), quiz)
    build.attempt(learner, quiz, questions, [["A"], ["B"]])  # one response: nothing to rank
    html = instructor_client.get(reverse("instructor:item_analysis", args=[assignment.pk])).content.decode()
    assert "<td data-label=\"Discrimination\">—</td>" in html
    assert "Discrimination and point-biserial run from −1 to 1" in html
    assert "“—”: too few responses to compute" in html


def mis_keyed_class(make, build, instructor, learners=8):
    """The first question's key says A, but the two best learners (3 of 4 right) chose C."""
    questions = [make.question() for _ in range(4)]
    quiz = build.quiz(questions)
    people = build.learners(learners)
    assignment = build.assignment(build.classroom(instructor, people), quiz)
    answers = [["C", "A", "A", "A"], ["C", "A", "A", "A"], ["A", "A", "B", "B"], ["A", "B", "B", "B"],
               ["D", "A", "B", "B"], ["A", "B", "B", "B"], ["B", "B", "B", "B"], ["A", "B", "B", "B"]]
    for person, chosen in zip(people, answers):
        build.attempt(person, quiz, questions, [[key] for key in chosen])
    return assignment, questions[0]


def test_the_item_analysis_asks_to_check_a_key_the_best_learners_disagree_with(instructor_client, make, build,
                                                                              instructor):
    assignment, suspect = mis_keyed_class(make, build, instructor)
    response = instructor_client.get(reverse("instructor:item_analysis", args=[assignment.pk]))
    assert response.context["rows"][0].question_id == suspect.pk  # first on the page
    html = response.content.decode()
    assert f"Check the key: the learners who scored best mostly chose “Option C {suspect.identity[5:]}”." in html
    assert html.count('class="key-check"') == 1
    assert 'Edit the question</a>' in html and reverse("instructor:question", args=[suspect.pk]) in html
    assert "check the key" in html  # the flag in the Flags column


def test_the_key_check_waits_for_eight_responses(instructor_client, make, build, instructor):
    assignment, suspect = mis_keyed_class(make, build, instructor, learners=7)
    html = instructor_client.get(reverse("instructor:item_analysis", args=[assignment.pk])).content.decode()
    assert 'class="key-check"' not in html and "Check the key: the learners" not in html
    assert "“Check the key” (from 8 responses on)" in html  # the page says when the check starts


def test_results_and_item_analysis_keep_a_constant_number_of_queries(instructor_client, exam, build,
                                                                     constant_queries, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}  # the views' own
    assignment = exam["assignment"]

    def more_attempts():
        for learner in build.learners(4):
            build.join(assignment.classroom, learner)
            build.attempt(learner, exam["quiz"], exam["questions"], [["A"], ["C"]])

    # own: assignment ids (access), results freshness, then to render (new attempts make the cached page stale,
    # so both visits render it): assignment with quiz and class, memberships with learners, attempts
    constant_queries(lambda: instructor_client.get(reverse("instructor:results", args=[assignment.pk])),
                     more_attempts, own=5)
    # own: assignment, learner ids, answers (plain columns), one snapshot per question
    constant_queries(lambda: instructor_client.get(reverse("instructor:item_analysis", args=[assignment.pk])),
                     more_attempts, own=4)
    # own: assignment, memberships, attempts
    constant_queries(lambda: instructor_client.get(reverse("instructor:results_csv", args=[assignment.pk])),
                     more_attempts, own=3)


def test_item_analysis_across_classes_counts_only_the_instructors_own_classes(instructor_client, exam, build,
                                                                              other_learner):
    from conftest import make_user

    second = build.classroom(exam["assignment"].classroom.owner, [other_learner])
    build.assignment(second, exam["quiz"])
    build.attempt(other_learner, exam["quiz"], exam["questions"], [["B"], ["B"]])
    stranger = build.learners(1)[0]
    foreign = build.classroom(make_user("olga", instructor=True), [stranger])
    build.assignment(foreign, exam["quiz"])
    build.attempt(stranger, exam["quiz"], exam["questions"], [["C"], ["C"]])
    in_progress = build.attempt(exam["learners"][2], exam["quiz"], exam["questions"], [["D"], ["D"]],
                                state="in_progress")

    from quiz.instructor.models import Classroom

    rows = {row.question_id: row for row in reports.quiz_item_analysis(
        exam["quiz"], Classroom.objects.owned_by(exam["assignment"].classroom.owner))}
    first = rows[exam["questions"][0].pk].stats
    assert first.n == 3  # two from the first class, one from the second; not olga's class, not in progress
    assert first.option_counts == {"A": 2, "B": 1, "C": 0, "D": 0}
    assert in_progress.state == "in_progress"
    html = instructor_client.get(reverse("instructor:quiz_item_analysis", args=[exam["quiz"].pk])).content.decode()
    assert "all your classes" in html


# --- The results table is cached per assignment and language until the class's results change. ---


def _results(client, assignment, **extra):
    response = client.get(reverse("instructor:results", args=[assignment.pk]), **extra)
    assert response.status_code == 200
    return response.content.decode().split("<main")[1]


def test_unchanged_results_are_served_from_the_cache(instructor_client, exam, django_assert_num_queries):
    first = _results(instructor_client, exam["assignment"])
    # session with its user, assignment ids (access), results freshness, the cached page
    with django_assert_num_queries(4):
        assert _results(instructor_client, exam["assignment"]) == first


def test_a_quiz_switched_between_practice_and_exam_is_shown_the_new_way_at_once(instructor_client, practice,
                                                                                django_assert_num_queries):
    from quiz.models import Quiz

    assignment = practice["assignment"]
    assert "Mean accuracy" in _results(instructor_client, assignment)
    Quiz.objects.filter(pk=assignment.quiz_id).update(mode="exam")  # no attempt or membership changes
    html = _results(instructor_client, assignment)
    assert "Pass rate" in html and "Mean accuracy" not in html
    assert reverse("instructor:item_analysis", args=[assignment.pk]) in html
    with django_assert_num_queries(4):  # the mode comes with the access check: no query more when cached
        assert _results(instructor_client, assignment) == html
    Quiz.objects.filter(pk=assignment.quiz_id).update(mode="practice")
    assert "Mean accuracy" in _results(instructor_client, assignment)


def test_cached_results_are_still_refused_to_other_instructors_and_shown_to_superusers(instructor_client, exam,
                                                                                      client, admin_user):
    from conftest import make_user

    assignment = exam["assignment"]
    title = f"<title>Results: {assignment.quiz.title}"
    assert title in instructor_client.get(reverse("instructor:results", args=[assignment.pk])).content.decode()
    other = make_user("olga", instructor=True)
    client.force_login(other)
    assert client.get(reverse("instructor:results", args=[assignment.pk])).status_code == 404
    assert client.get(reverse("instructor:results", args=[assignment.pk + 1000])).status_code == 404
    client.force_login(admin_user)
    response = client.get(reverse("instructor:results", args=[assignment.pk]))
    assert response.status_code == 200 and title in response.content.decode()


def test_a_new_attempt_shows_on_the_next_visit(instructor_client, exam, build):
    good, bad, idle = exam["learners"]
    assert "2 of 3" in _results(instructor_client, exam["assignment"])
    build.attempt(idle, exam["quiz"], exam["questions"], [["A"], ["A"]])
    assert "3 of 3" in _results(instructor_client, exam["assignment"])


def test_an_attempt_submitted_later_shows_on_the_next_visit(instructor_client, exam, build):
    from django.utils import timezone

    from quiz.models import Attempt

    good, bad, idle = exam["learners"]
    attempt = build.attempt(idle, exam["quiz"], exam["questions"], [["A"], ["A"]])
    Attempt.objects.filter(pk=attempt.pk).update(state=Attempt.State.IN_PROGRESS, submitted_at=None)
    assert "one in progress" in _results(instructor_client, exam["assignment"])
    Attempt.objects.filter(pk=attempt.pk).update(state=Attempt.State.SUBMITTED, submitted_at=timezone.now())
    html = _results(instructor_client, exam["assignment"])
    assert "one in progress" not in html and "3 of 3" in html


def test_extra_minutes_and_new_learners_show_on_the_next_visit(instructor_client, exam, build):
    classroom = exam["assignment"].classroom
    assert "+15" not in _results(instructor_client, exam["assignment"])
    classroom.memberships.filter(learner=exam["learners"][2]).update(extra_minutes=15)
    assert '<td data-label="Extra time (minutes)">+15</td>' in _results(instructor_client, exam["assignment"])
    [newcomer] = build.learners(1)
    classroom.memberships.create(learner=newcomer)
    html = _results(instructor_client, exam["assignment"])
    assert newcomer.username in html and "2 of 4" in html


def test_results_are_cached_per_interface_language(instructor_client, exam):
    assert "Completion" in _results(instructor_client, exam["assignment"], HTTP_ACCEPT_LANGUAGE="en")
    assert "Completion" not in _results(instructor_client, exam["assignment"], HTTP_ACCEPT_LANGUAGE="ja")
    assert "Completion" in _results(instructor_client, exam["assignment"], HTTP_ACCEPT_LANGUAGE="en")


def test_completion_counts_people_in_japanese_and_korean(instructor_client, exam):
    url = reverse("instructor:results", args=[exam["assignment"].pk])
    ja = instructor_client.get(url, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    ko = instructor_client.get(url, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "3 人中 2 人" in ja and "3명 중 2명" in ko


def test_the_item_analysis_speaks_of_exams_not_only_mock_exams(instructor_client, exam):
    url = reverse("instructor:item_analysis", args=[exam["assignment"].pk])
    ja = instructor_client.get(url, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "終了した試験の受験が対象です" in ja and "模擬試験" not in ja


def test_results_and_item_analysis_show_the_mock_exams_title_in_the_interface_language(instructor_client,
                                                                                       make, build, instructor):
    questions = [make.question()]
    quiz = build.quiz(questions, title="Mock exam")
    learner, = build.learners(1)
    assignment = build.assignment(build.classroom(instructor, [learner]), quiz)
    build.attempt(learner, quiz, questions, [["A"]])
    for name in ("instructor:results", "instructor:item_analysis"):
        response = instructor_client.get(reverse(name, args=[assignment.pk]), HTTP_ACCEPT_LANGUAGE="ja")
        ja = response.content.decode()
        assert "模擬試験" in ja.split("<h1>")[1].split("</h1>")[0], name


def test_item_analysis_and_an_attempts_review_name_topics_in_the_interface_language(instructor_client, exam):
    from quiz.models import Attempt, AttemptItem

    AttemptItem.objects.update(topic_names={"ja": "ブルー/グリーンデプロイ"})
    attempt = Attempt.objects.filter(quiz=exam["quiz"]).first()
    pk = exam["assignment"].pk
    analysis = instructor_client.get(reverse("instructor:item_analysis", args=[pk]),
                                     HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    review = instructor_client.get(reverse("instructor:attempt_review", args=[pk, attempt.uid]),
                                   HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert "<small>ブルー/グリーンデプロイ · " in analysis and "<small>ブルー/グリーンデプロイ · " in review


def test_item_analysis_names_options_by_text_counts_unanswered_and_says_when_the_key_changed(
        instructor_client, exam, build):
    good, bad, idle = exam["learners"]
    second = exam["questions"][1]
    html = instructor_client.get(reverse("instructor:item_analysis", args=[exam["assignment"].pk])).content.decode()
    # bad chose B: named by its text, not a letter of the bank
    assert f"{second.options[1]['text']}<span class=\"option-count\">: 1</span>" in html
    assert "corrected the key after some attempts" not in html
    # the instructor corrects the key of the second question to B; idle sits the exam and leaves it unanswered
    second.options = [{**o, "correct": o["key"] == "B"} for o in second.options]
    second.save()
    build.attempt(idle, exam["quiz"], exam["questions"], [["A"], []])
    rows = {row.question_id: row for row in reports.item_analysis(exam["assignment"])}
    assert rows[second.pk].key_changed and not rows[exam["questions"][0].pk].key_changed
    assert rows[second.pk].omitted == 1 and rows[second.pk].stats.n == 3
    html = instructor_client.get(reverse("instructor:item_analysis", args=[exam["assignment"].pk])).content.decode()
    assert "An instructor corrected the key after some attempts" in html and "including 1 unanswered" in html


def test_item_analysis_counts_unanswered_responses_not_questions(instructor_client, exam, build):
    # The learner's result counts unanswered questions (ja 未解答 N 問); here they are learners' responses: the same
    # msgid without a context gave the item analysis the learner's wording.
    good, bad, idle = exam["learners"]
    build.attempt(idle, exam["quiz"], exam["questions"], [["A"], []])
    url = reverse("instructor:item_analysis", args=[exam["assignment"].pk])
    said = {language: instructor_client.get(url, HTTP_ACCEPT_LANGUAGE=language).content.decode()
            for language in ("en", "ja", "ko")}
    assert "including 1 unanswered</small>" in said["en"]  # of the responses counted: one of them, not one more
    assert "うち未解答 1 件</small>" in said["ja"] and "未解答 1 問" not in said["ja"]
    assert "미응답 1건 포함</small>" in said["ko"] and "미응답 1개" not in said["ko"]


def test_item_analysis_ticks_the_key_a_question_has_now_even_before_anyone_sat_it_since(instructor_client, exam):
    second = exam["questions"][1]
    second.options = [{**o, "correct": o["key"] == "B"} for o in second.options]
    second.save()
    row = {r.question_id: r for r in reports.item_analysis(exam["assignment"])}[second.pk]
    assert [o["key"] for o in row.options if o["correct"]] == ["B"] and row.key_changed
    html = instructor_client.get(reverse("instructor:item_analysis", args=[exam["assignment"].pk])).content.decode()
    assert "An instructor corrected the key after some attempts" in html


# --- An exam whose time ran out; a "choose two" answered with one option; counted as the learner's pages do.


def _sit(learner, quiz, choices, now):
    """Start ``quiz`` as ``learner`` through the exam engine and choose ``choices`` ({question: keys}); left
    open."""
    from quiz import attempts

    attempt, _created = attempts.start_exam(learner, quiz, "en", now=now)
    for item in attempt.items.all():
        keys = choices.get(item.question_id)
        if keys:
            labels = ["ABCDEFGH"[i] for i, option in enumerate(item.options) if option["key"] in keys]
            attempts.save_exam_answer(attempt, item, labels, now=now)
    return attempt


def test_an_exam_whose_time_ran_out_is_graded_before_the_results_and_item_analysis_show_it(instructor_client,
                                                                                           exam):
    from datetime import timedelta

    from django.utils import timezone

    from quiz.models import Attempt

    good, bad, idle = exam["learners"]
    quiz, assignment = exam["quiz"], exam["assignment"]
    quiz.time_limit_minutes = 30
    quiz.save()
    first, second = exam["questions"]
    attempt = _sit(idle, quiz, {first.pk: ["A"]}, timezone.now())
    assert "one in progress" in _results(instructor_client, assignment)  # cached while the time runs
    # the learner closed the browser; the deadline passed an hour ago and nothing of theirs was opened since
    Attempt.objects.filter(pk=attempt.pk).update(started_at=attempt.started_at - timedelta(hours=2),
                                                 deadline=attempt.deadline - timedelta(hours=2))
    html = _results(instructor_client, assignment)
    attempt.refresh_from_db()
    assert (attempt.state, attempt.raw_score, attempt.scaled_score) == ("expired", 1, 550)
    assert attempt.submitted_at == attempt.deadline
    assert "one in progress" not in html and "3 of 3" in html and "550<small> (1/2)</small>" in html
    rows = {row.question_id: row.stats for row in reports.item_analysis(assignment)}
    assert rows[first.pk].n == 3 and rows[first.pk].facility == 1.0


def test_the_csv_and_item_analysis_grade_an_exam_whose_time_ran_out(instructor_client, exam):
    from datetime import timedelta

    from django.utils import timezone

    good, bad, idle = exam["learners"]
    exam["quiz"].time_limit_minutes = 30
    exam["quiz"].save()
    first, second = exam["questions"]
    started = timezone.now() - timedelta(hours=1)  # 30 minutes: the time ran out half an hour ago
    attempt = _sit(idle, exam["quiz"], {first.pk: ["A"], second.pk: ["A"]}, started)
    stats = {row.question_id: row.stats for row in reports.item_analysis(exam["assignment"])}
    assert stats[second.pk].n == 3 and stats[second.pk].facility == pytest.approx(2 / 3)
    response = instructor_client.get(reverse("instructor:results_csv", args=[exam["assignment"].pk]))
    rows = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig")))
    by_name = {row["learner"]: row for row in rows}
    assert (by_name[idle.username]["attempts"], by_name[idle.username]["best_scaled_score"]) == ("1", "1000")
    attempt.refresh_from_db()
    assert attempt.state == "expired"


def test_item_analysis_counts_one_option_of_a_choose_two_question_as_unanswered(make, build, instructor):
    from django.utils import timezone

    from quiz import attempts

    pair = make.question(choose=2)  # keys A and B
    single = make.question()
    quiz = build.quiz([pair, single], shuffle=False)
    learners = build.learners(3)
    assignment = build.assignment(build.classroom(instructor, learners), quiz)
    now = timezone.now()
    for learner, keys in zip(learners, (["A", "B"], ["A"], [])):  # right, one of two, nothing
        attempt = _sit(learner, quiz, {pair.pk: keys, single.pk: ["A"]}, now)
        attempts.submit(attempt, now=now)
    row = {row.question_id: row for row in reports.item_analysis(assignment)}[pair.pk]
    assert row.stats.n == 3 and row.stats.facility == pytest.approx(1 / 3)
    assert row.omitted == 2  # the learner's result says "not answered" for the single choice too
    assert row.stats.option_counts["A"] == 2  # what was chosen is still counted


def test_the_drill_down_says_when_the_key_was_corrected_and_counts_one_of_two_as_not_answered(
        instructor_client, make, build, instructor):
    from django.utils import timezone

    from quiz import attempts
    from quiz.instructor import bank

    pair = make.question(choose=2)  # keys A and B
    single = make.question()  # key A
    quiz = build.quiz([pair, single], shuffle=False)
    learner, = build.learners(1)
    assignment = build.assignment(build.classroom(instructor, [learner]), quiz)
    now = timezone.now()
    attempt = _sit(learner, quiz, {pair.pk: ["A"], single.pk: ["A"]}, now)
    attempts.submit(attempt, now=now)
    # the instructor corrects the single question's key to C after grading (as the edit form does)
    old_keys = single.correct_keys()
    single.options = [{**o, "correct": o["key"] == "C"} for o in single.options]
    single.version += 1
    bank.save_version(single, old_keys, instructor)
    assert list(attempt.items.order_by("position").values_list("question_id", flat=True)) == [pair.pk, single.pk]
    html = instructor_client.get(reverse("instructor:attempt_review", args=[assignment.pk, attempt.uid]),
                                 HTTP_ACCEPT_LANGUAGE="en").content.decode()
    first, second = html.split('<li class="item-')[1:3]
    assert "· partly answered ·" in first and "wrong" not in first.split("<small>")[-1]  # one of two
    assert "corrected the key of this question after this attempt was graded: the right answer is now C" in second
    assert "corrected the key" not in first
    # the verdict stays as graded and says what the corrected key makes of the answer
    assert "· Right when graded; wrong under the corrected key ·" in second


def test_the_drill_down_says_an_answer_graded_wrong_is_right_under_the_corrected_key(
        instructor_client, make, build, instructor):
    from django.utils import timezone

    from quiz import attempts
    from quiz.tests.test_key_corrections import _edit_key_to

    question = make.question()  # key A
    quiz = build.quiz([question], shuffle=False)
    learner, = build.learners(1)
    assignment = build.assignment(build.classroom(instructor, [learner]), quiz)
    now = timezone.now()
    attempt = _sit(learner, quiz, {question.pk: ["B"]}, now)
    attempts.submit(attempt, now=now)
    _edit_key_to(instructor_client, question, "B")  # through the question's edit form
    html = instructor_client.get(reverse("instructor:attempt_review", args=[assignment.pk, attempt.uid]),
                                 HTTP_ACCEPT_LANGUAGE="en").content.decode()
    entry = html.split('<li class="item-')[1]
    assert entry.startswith("wrong")  # graded wrong, and so it stays
    assert "· Wrong when graded; right under the corrected key ·" in entry
    assert "· wrong ·" not in entry


def test_the_drill_down_marks_the_language_of_each_text(instructor_client, make, build, instructor):
    from django.utils import timezone

    from quiz import attempts

    question = make.question()
    question.stem = {"ja": "どれが当てはまりますか？"}
    question.languages = ["ja"]
    question.save()
    quiz = build.quiz([question])
    learner, = build.learners(1)
    assignment = build.assignment(build.classroom(instructor, [learner]), quiz)
    now = timezone.now()
    attempt = _sit(learner, quiz, {question.pk: ["A"]}, now)  # a Japanese-only question in an English exam
    attempts.submit(attempt, now=now)
    html = instructor_client.get(reverse("instructor:attempt_review", args=[assignment.pk, attempt.uid]),
                                 HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert '<p lang="ja">どれが当てはまりますか？</p>' in html
    assert f'<span lang="ja">{question.options[0]["text"]}</span>' in html
    assert '<small lang="en">Why A is right.</small>' in html  # the explanation is in English, the page in Korean


def test_the_drill_down_links_the_explanations_urls_and_marks_the_note_text_they_quote(instructor_client, make,
                                                                                       build, instructor):
    question = make.question()  # its section is a Japanese note's
    source = question.sources[0]
    question.options = [
        {**option, "explanation": {"en": f"Why {option['key']} (note \"{source['heading_path']}\", line 1: "
                                         f"\"{source['quote']}\"; AWS documentation: "
                                         f"https://docs.aws.amazon.com/x/y.html?a=1&b=2)."}}
        for option in question.options
    ]
    question.save()
    quiz = build.quiz([question])
    learner, = build.learners(1)
    assignment = build.assignment(build.classroom(instructor, [learner]), quiz)
    attempt = build.attempt(learner, quiz, [question], [["B"]])
    html = instructor_client.get(reverse("instructor:attempt_review", args=[assignment.pk, attempt.uid]),
                                 HTTP_ACCEPT_LANGUAGE="en").content.decode()
    # what the learner's exam result shows (quiz_text.explanation_html), the same for each option
    assert html.count(f'(note &quot;<span lang="ja">{source["heading_path"]}</span>&quot;, line 1: '
                      f'&quot;<span lang="ja">{source["quote"]}</span>&quot;; AWS documentation: '
                      '<a href="https://docs.aws.amazon.com/x/y.html?a=1&amp;b=2" rel="noopener" target="_blank">'
                      "docs.aws.amazon.com/…/y.html</a>).") == 4  # no title given: its host and page
    assert "&lt;a href" not in html and "&lt;span" not in html


def test_item_analysis_ranks_attempts_of_different_lengths_by_their_share_right(make, build, instructor):
    # a question retired (or a fixed list changed) between attempts: one learner sat 2 items, the others 4
    asked, *more = [make.question() for _ in range(4)]
    quiz = build.quiz([asked, *more])
    short, long_good, long_poor = build.learners(3)
    assignment = build.assignment(build.classroom(instructor, [short, long_good, long_poor]), quiz)
    build.attempt(short, quiz, [asked, more[0]], [["A"], ["A"]])  # 2 of 2: the best attempt
    build.attempt(long_good, quiz, [asked, *more[:3]], [["B"], ["A"], ["A"], ["A"]])  # 3 of 4
    build.attempt(long_poor, quiz, [asked, *more[:3]], [["B"], ["A"], ["B"], ["B"]])  # 1 of 4
    stats = {row.question_id: row for row in reports.item_analysis(assignment)}[asked.pk].stats
    # ranked by the share of their other items right: 1 of 1, 3 of 3, 1 of 3. Groups of round(0.27 * 3) = 1:
    # the top place shared by short (right) and long_good (wrong), tied: 1/2, minus bottom (long_poor) wrong; by
    # raw count 3 of 4 would lead alone: 0
    assert stats.discrimination == 0.5
    # the corrected item-total correlation: right {1}, wrong {1, 1/3}
    right, wrong = [1], [1, 1 / 3]
    mean = sum(right + wrong) / 3
    sd = (sum((x - mean) ** 2 for x in right + wrong) / 3) ** 0.5
    p = 1 / 3
    assert stats.point_biserial == pytest.approx((1 - 2 / 3) / sd * (p * (1 - p)) ** 0.5)


def test_item_analysis_counts_an_option_rewritten_since_apart_from_its_new_text(instructor_client, make, build,
                                                                                 instructor):
    question, other = make.question(), make.question()
    quiz = build.quiz([question, other])
    learners = build.learners(4)
    assignment = build.assignment(build.classroom(instructor, learners), quiz)
    old_b = question.options[1]["text"]
    build.attempt(learners[0], quiz, [question, other], [["B"], ["A"]])  # version 1
    build.attempt(learners[1], quiz, [question, other], [["C"], ["A"]])
    question.options[1] = {**question.options[1], "text": "A rewritten option B"}
    question.version = 2
    question.save()
    build.attempt(learners[2], quiz, [question, other], [["B"], ["A"]])  # version 2
    build.attempt(learners[3], quiz, [question, other], [["C"], ["A"]])
    row = {row.question_id: row for row in reports.item_analysis(assignment)}[question.pk]
    counts = {o["text"]: (o["count"], o.get("earlier", False)) for o in row.options}
    # C kept its text: one option, chosen in both versions; B's two texts are two options
    assert counts[question.options[2]["text"]] == (2, False)
    assert counts["A rewritten option B"] == (1, False)
    assert counts[old_b] == (1, True)
    html = instructor_client.get(reverse("instructor:item_analysis", args=[assignment.pk])).content.decode()
    assert f"{old_b} <small>(earlier version)</small><span class=\"option-count\">: 1</span>" in html


def test_the_pass_rate_rounds_halves_up(instructor_client, make, build, instructor):
    """5 of 8 passed is 62.5 %: shown as 63 % (``round`` and ``widthratio`` round halves to even: 62 %)."""
    questions = [make.question(), make.question()]
    quiz = build.quiz(questions, pass_mark=700)
    learners = build.learners(8)
    assignment = build.assignment(build.classroom(instructor, learners), quiz)
    for i, learner in enumerate(learners):
        build.attempt(learner, quiz, questions, [["A"], ["A"] if i < 5 else ["B"]])
    assert reports.assignment_results(assignment)["pass_percent"] == 63
    html = instructor_client.get(reverse("instructor:results", args=[assignment.pk])).content.decode()
    assert "63%" in html and "62%" not in html


@pytest.mark.parametrize(("part", "whole", "shown"), [(5, 8, 63), (1, 8, 13), (3, 8, 38), (1, 3, 33), (2, 3, 67),
                                                      (0, 4, 0), (4, 4, 100), (1, 200, 1), (1, 201, 0)])
def test_percent_rounds_halves_up(part, whole, shown):
    assert reports.percent(part, whole) == shown


def test_item_analysis_marks_a_stem_in_another_language_with_its_own(instructor_client, exam):
    """Questions asked in Japanese, analysed in the Korean interface: each stem is lang="ja"."""
    from quiz.models import AttemptItem

    AttemptItem.objects.update(stem={"ja": "日本語の問題"})
    html = instructor_client.get(reverse("instructor:item_analysis", args=[exam["assignment"].pk]),
                                 HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert html.count('<span lang="ja">日本語の問題</span>') == 2


def test_an_option_reworded_but_still_the_key_raises_no_key_or_distractor_flag(make, build, instructor):
    """Key A both before and after its text was reworded: the earlier version's A (counted apart, its text gone)
    is neither a distractor beating the key nor a sign that the key is wrong."""
    from quiz.instructor import itemstats

    question, other = make.question(), make.question()
    quiz = build.quiz([question, other])
    learners = build.learners(10)
    assignment = build.assignment(build.classroom(instructor, learners), quiz)
    for learner in learners[:5]:  # version 1: right on both
        build.attempt(learner, quiz, [question, other], [["A"], ["A"]])
    question.options[0] = {**question.options[0], "text": "The key, reworded"}
    question.version = 2
    question.save()
    for learner in learners[5:]:  # version 2: right on the question, wrong on the other
        build.attempt(learner, quiz, [question, other], [["A"], ["B"]])
    row = {row.question_id: row for row in reports.item_analysis(assignment)}[question.pk]
    assert row.stats.facility == 1.0
    assert itemstats.FLAG_CHECK_KEY not in row.stats.flags and row.stats.suspect_keys == ()
    assert itemstats.FLAG_DISTRACTOR not in row.stats.flags


@pytest.mark.parametrize("language, partly, time_used", [
    ("en", "partly answered", "Time used: 12 min 5 s"),
    ("ja", "一部のみ解答", "所要時間：12 分 5 秒"),
    ("ko", "일부만 응답", "걸린 시간: 12분 5초"),
])
def test_an_attempts_review_says_one_of_two_is_partly_answered_and_the_time_used_as_people_write_it(
        instructor_client, make, build, instructor, language, partly, time_used):
    pair, single = make.question(choose=2), make.question()  # keys A and B, A
    quiz = build.quiz([pair, single], shuffle=False)
    learner, = build.learners(1)
    assignment = build.assignment(build.classroom(instructor, [learner]), quiz)
    attempt = build.attempt(learner, quiz, [pair, single], [["A"], ["A"]], seconds=362.7)  # 12 min 5.4 s
    attempt.items.filter(question=pair).update(answered_at=None)  # one of two: kept, not an answer
    html = instructor_client.get(reverse("instructor:attempt_review", args=[assignment.pk, attempt.uid]),
                                 HTTP_ACCEPT_LANGUAGE=language).content.decode()
    first, second = html.split('<li class="item-')[1:3]
    assert f"· {partly} ·" in first.split("<small>")[-1]
    assert f"· {partly} ·" not in second  # the other one, answered
    assert f"· {time_used}\n" in html
    assert "(1/2)" in html or "（1/2）" in html  # the score as graded: the partly answered one scores zero


def test_only_an_expired_exam_without_a_time_limit_counts_as_left_idle():
    from quiz.models import Attempt

    def row(state):
        return reports.LearnerRow(membership=None, attempts=[Attempt(ends_when_idle=True, state=state)])

    assert row(Attempt.State.EXPIRED).left_idle
    assert not row(Attempt.State.SUBMITTED).left_idle  # submitted by the learner: not left alone

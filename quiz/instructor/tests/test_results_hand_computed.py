"""Results, CSV and item analysis of a small class checked against figures computed by hand.

Five questions (four options each, key A; Q5 is "choose two", keys A and B), pass mark 700, sat through the exam
engine (no shuffle), so every number below follows from the table of choices:

    attempt  learner            Q1  Q2  Q3       Q4  Q5     graded right          raw  scaled
    a1       ann                A   A   A (old)  A   A B    1 1 1 1 1             5    1000
    a2       bob                A   B   C        B   C D    1 0 0 0 0             1    280
    a3       cat                A   A   C        B   A C    1 1 0 0 0             2    460
    -- the instructor corrects Q3's key from A to B --
    a4       dan (time ran out) A   A   B        -   -      1 1 1 0 0             3    640
    a5       eve (then leaves)  A   C   B        A   A      1 0 1 1 0             3    640
    a6       fay, first         A   B   C        A   A B    1 0 0 1 1             3    640
    a7       fay, second        A   A   B        A   A B    1 1 1 1 1             5    1000

Scaled: 100 + floor(900 * raw / 5). Q1 everyone gets right; nobody picks Q2's D; dan leaves Q4 and Q5 unanswered;
eve picks one of two in Q5 (kept, unanswered, wrong).
"""

import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quiz import attempts
from quiz.instructor import bank, reports
from quiz.instructor.models import Membership
from quiz.models import Attempt

CHOICES_BEFORE = {"ann": ["A", "A", "A", "A", "AB"], "bob": ["A", "B", "C", "B", "CD"],
                  "cat": ["A", "A", "C", "B", "AC"]}
CHOICES_AFTER = [("dan", ["A", "A", "B", "", ""]), ("eve", ["A", "C", "B", "A", "A"]),
                 ("fay", ["A", "B", "C", "A", "AB"]), ("fay", ["A", "A", "B", "A", "AB"])]


@pytest.fixture
def klass(make, build, instructor):
    from conftest import make_user

    questions = [make.question() for _ in range(4)] + [make.question(choose=2)]
    quiz = build.quiz(questions, pass_mark=700, shuffle=False, time_limit_minutes=30)
    learners = {name: make_user(name) for name in ("ann", "bob", "cat", "dan", "eve", "fay")}
    classroom = build.classroom(instructor, learners.values(), name="Hand computed")
    assignment = build.assignment(classroom, quiz)
    start = timezone.now() - timedelta(days=2)
    sat = []

    def sit(name, choices, when, submit=True):
        attempt, _created = attempts.start_exam(learners[name], quiz, "en", now=when)
        for item, keys in zip(attempt.items.order_by("position"), choices):
            if keys:
                labels = ["ABCD"[i] for i, option in enumerate(item.options) if option["key"] in keys]
                attempts.save_exam_answer(attempt, item, labels, now=when + timedelta(minutes=1 + item.position))
        if submit:
            attempts.submit(attempt, now=when + timedelta(minutes=10))
        sat.append(attempt)

    for i, (name, choices) in enumerate(CHOICES_BEFORE.items()):
        sit(name, choices, start + timedelta(hours=i))
    q3 = questions[2]
    old_keys = q3.correct_keys()
    q3.options = [{**o, "correct": o["key"] == "B"} for o in q3.options]
    q3.version += 1
    bank.save_version(q3, old_keys, instructor)
    for i, (name, choices) in enumerate(CHOICES_AFTER):
        sit(name, choices, start + timedelta(hours=5 + i), submit=name != "dan")  # dan's time runs out
    eve = Membership.objects.get(classroom=classroom, learner=learners["eve"])
    eve.left_at = start + timedelta(days=1)
    eve.save()
    return {"assignment": assignment, "questions": questions, "learners": learners, "attempts": sat,
            "start": start}


def test_the_scores_are_those_computed_by_hand(klass):
    reports.assignment_results(klass["assignment"])  # grades dan's attempt at its deadline
    scores = [(a.user.username, a.raw_score, a.scaled_score, a.passed, a.state)
              for a in Attempt.objects.filter(pk__in=[a.pk for a in klass["attempts"]]).order_by("pk")]
    assert scores == [
        ("ann", 5, 1000, True, "submitted"), ("bob", 1, 280, False, "submitted"), ("cat", 2, 460, False, "submitted"),
        ("dan", 3, 640, False, "expired"), ("eve", 3, 640, False, "submitted"), ("fay", 3, 640, False, "submitted"),
        ("fay", 5, 1000, True, "submitted"),
    ]


def test_the_summary_counts_each_learners_best_attempt(klass):
    data = reports.assignment_results(klass["assignment"])
    best = {row.learner.username: (len(row.attempts), row.best.scaled_score, row.left) for row in data["rows"]}
    assert best == {"ann": (1, 1000, False), "bob": (1, 280, False), "cat": (1, 460, False),
                    "dan": (1, 640, False), "eve": (1, 640, True), "fay": (2, 1000, False)}
    assert (data["learners"], data["completed"], data["passed"]) == (6, 6, 2)
    assert data["pass_percent"] == 33  # 2 of 6
    assert data["mean_score"] == 670  # (1000 + 280 + 460 + 640 + 640 + 1000) / 6
    counts = {bar["range"]: bar["count"] for bar in data["histogram"]["bars"] if bar["count"]}
    assert counts == {"200-299": 1, "400-499": 1, "600-699": 2, "900-1000": 2}


def test_the_csv_has_the_hand_computed_rows_in_the_instructors_time_zone(instructor_client, klass):
    from zoneinfo import ZoneInfo

    instructor_client.post("/progress/settings/", {"daily_review_cap": "100", "time_zone": "Asia/Seoul"})
    response = instructor_client.get(reverse("instructor:results_csv", args=[klass["assignment"].pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header, body = rows[0], {row[0]: row for row in rows[1:]}
    assert header[:7] == ["learner", "email", "attempts", "best_scaled_score", "best_raw_score", "items", "passed"]
    assert [body[name][2:7] for name in ("ann", "bob", "cat", "dan", "eve", "fay")] == [
        ["1", "1000", "5", "5", "yes"], ["1", "280", "1", "5", "no"], ["1", "460", "2", "5", "no"],
        ["1", "640", "3", "5", "no"], ["1", "640", "3", "5", "no"], ["2", "1000", "5", "5", "yes"]]
    assert body["dan"][10] == "expired" and body["eve"][10] == "submitted"
    assert (header[7], header[9]) == ("last_submitted_at (Asia/Seoul)", "left_at (Asia/Seoul)")
    deadline = klass["start"] + timedelta(hours=5, minutes=30)  # dan's: his start plus the 30-minute limit
    assert body["dan"][7] == deadline.astimezone(ZoneInfo("Asia/Seoul")).strftime("%Y-%m-%d %H:%M:%S")
    assert body["eve"][9] and not body["ann"][9]  # left_at for the learner who left only


def _rows(klass):
    return {row.question_id: row for row in reports.item_analysis(klass["assignment"])}


def test_item_analysis_counts_every_attempt_and_the_options_chosen(klass):
    q1, q2, q3, q4, q5 = (q.pk for q in klass["questions"])
    rows = _rows(klass)
    assert {pk: row.stats.n for pk, row in rows.items()} == dict.fromkeys(rows, 7)  # retakes count
    counts = {pk: {o["key"]: o["count"] for o in row.options} for pk, row in rows.items()}
    assert counts[q1] == {"A": 7, "B": 0, "C": 0, "D": 0}
    assert counts[q2] == {"A": 4, "B": 2, "C": 1, "D": 0}  # D: nobody
    assert counts[q3] == {"A": 1, "B": 3, "C": 3, "D": 0}
    assert counts[q4] == {"A": 4, "B": 2, "C": 0, "D": 0}  # dan left it
    assert counts[q5] == {"A": 5, "B": 3, "C": 2, "D": 1}  # eve's one of two counted as chosen
    assert {pk: row.omitted for pk, row in rows.items()} == {q1: 0, q2: 0, q3: 0, q4: 1, q5: 2}
    assert [o["key"] for o in rows[q3].options if o["correct"]] == ["B"]  # the key now
    assert rows[q3].key_changed


def test_item_analysis_facility_discrimination_and_point_biserial_by_hand(klass):
    q1, q2, q3, q4, q5 = (q.pk for q in klass["questions"])
    rows = _rows(klass)
    stats = {pk: row.stats for pk, row in rows.items()}
    # Q1: everyone right: facility 1, no correlation, upper-lower 1 - 1 = 0
    assert (stats[q1].facility, stats[q1].discrimination, stats[q1].point_biserial) == (1.0, 0.0, None)
    assert stats[q1].flags == ()  # 7 responses: flags wait for 8 (itemstats.MIN_RESPONSES_FLAGS)
    # The statistics read every attempt by the keys as they are now (ann's A on Q3 is wrong now: her total is 4).
    # Q2: right in a1 a3 a4 a7. Rest scores (other 4 items right now / 4): a1 .75, a2 .25, a3 .25, a4 .5,
    # a5 .75, a6 .75, a7 1. Top 2 (0.27 * 7 = 1.89 -> 2): a7 (right) and one place shared by the tie at .75, a1
    # (right) a5 a6 (wrong): (1 + 1/3) / 2 = 2/3; bottom 2: a2 a3 (one right): 1/2. Discrimination 1/6.
    assert stats[q2].facility == pytest.approx(4 / 7)
    assert stats[q2].discrimination == pytest.approx(1 / 6)
    assert stats[q2].point_biserial == pytest.approx(_point_biserial([.75, .25, .5, 1], [.25, .75, .75]))
    # Q3, its key corrected from A to B: ✓ B was chosen 3 times, so its facility is 3/7, not the 4/7 of the keys
    # each attempt was graded with (ann's A counted right, then B). Rest: a1 1, a2 .25, a3 .5, a4 .5, a5 .5, a6 .75,
    # a7 1; right now: a4 a5 a7.
    assert stats[q3].facility == pytest.approx(3 / 7)
    assert stats[q3].point_biserial == pytest.approx(_point_biserial([.5, .5, 1], [1, .25, .5, .75]))
    # Q4: right now in a1 a5 a6 a7; rest a1 .75, a2 .25, a3 .5, a4 .75, a5 .5, a6 .5, a7 1. Top 2: a7 (right) and
    # one place shared by the tie at .75, a1 (right) and a4 (wrong): (1 + 1/2) / 2 = .75. Bottom 2: a2 (wrong) and
    # one place shared by a3 a5 a6 at .5 (two right): (0 + 2/3) / 2 = 1/3. Discrimination .75 - 1/3 = 5/12.
    assert stats[q4].facility == pytest.approx(4 / 7)
    assert stats[q4].discrimination == pytest.approx(5 / 12)
    # Q5, choose two: right in a1 a6 a7 (eve's one of two is wrong); the scores stay as graded (test above)
    assert stats[q5].facility == pytest.approx(3 / 7)


def _point_biserial(right, wrong):
    """(M1 - M0) / s * sqrt(p q), s the population SD of all the rest scores."""
    scores, n = right + wrong, len(right) + len(wrong)
    mean = sum(scores) / n
    sd = (sum((v - mean) ** 2 for v in scores) / n) ** .5
    p = len(right) / n
    return (sum(right) / len(right) - sum(wrong) / len(wrong)) / sd * (p * (1 - p)) ** .5


def test_after_a_class_hand_over_the_quiz_item_analysis_counts_only_the_classes_kept(
        instructor_client, instructor, make, build):
    from django.test import Client

    from conftest import make_user
    from quiz.instructor.models import Classroom

    questions = [make.question(), make.question()]
    quiz = build.quiz(questions, created_by=instructor)
    kept_learners, given_learners = build.learners(2), build.learners(3)
    kept = build.classroom(instructor, kept_learners, name="Kept")
    given = build.classroom(instructor, given_learners, name="Given")
    build.assignment(kept, quiz)
    build.assignment(given, quiz)
    for learner in kept_learners:
        build.attempt(learner, quiz, questions, [["A"], ["A"]])
    for learner in given_learners:
        build.attempt(learner, quiz, questions, [["B"], ["A"]])
    oscar = make_user("oscar", instructor=True)
    instructor_client.post(reverse("instructor:class_hand_over", args=[given.pk]), {"username": "oscar"})
    assert Classroom.objects.get(pk=given.pk).owner == oscar
    mine = reports.quiz_item_analysis(quiz, Classroom.objects.owned_by(instructor))
    assert [(row.stats.n, row.stats.facility) for row in mine] == [(2, 1.0), (2, 1.0)]
    theirs = reports.quiz_item_analysis(quiz, Classroom.objects.owned_by(oscar))
    assert sorted((row.stats.n, row.stats.facility) for row in theirs) == [(3, 0.0), (3, 1.0)]
    client = Client()
    client.force_login(oscar)
    page = client.get(reverse("instructor:quiz_item_analysis", args=[quiz.pk])).content.decode()
    assert "<td data-label=\"Responses\">3" in page and "<td data-label=\"Responses\">2" not in page


def test_with_no_and_with_one_learner_the_pages_show_dashes_not_errors(instructor_client, instructor, make, build):
    questions = [make.question(), make.question()]
    quiz = build.quiz(questions, pass_mark=700)
    assignment = build.assignment(build.classroom(instructor, []), quiz)
    html = instructor_client.get(reverse("instructor:results", args=[assignment.pk])).content.decode()
    assert "0 of 0" in html and html.count('<p class="big">—</p>') == 2  # pass rate and mean score
    items = instructor_client.get(reverse("instructor:item_analysis", args=[assignment.pk])).content.decode()
    assert "No finished exam attempt yet." in items
    (learner,) = build.learners(1)
    build.join(assignment.classroom, learner)
    build.attempt(learner, quiz, questions, [["A"], ["B"]])
    html = instructor_client.get(reverse("instructor:results", args=[assignment.pk])).content.decode()
    assert "1 of 1" in html and "0%" in html
    rows = reports.item_analysis(assignment)
    assert [(row.stats.n, row.stats.facility, row.stats.discrimination, row.stats.point_biserial) for row in
            sorted(rows, key=lambda row: row.question_id)] == [(1, 1.0, None, None), (1, 0.0, None, None)]
    items = instructor_client.get(reverse("instructor:item_analysis", args=[assignment.pk])).content.decode()
    assert items.count('<td data-label="Discrimination">—</td>') == 2
    assert '<td data-label="Facility">0.00</td>' in items and '<td data-label="Facility">1.00</td>' in items

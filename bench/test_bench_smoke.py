"""Smoke tests of the benchmark's and soak test's own pieces (they are not run by `make test` otherwise).

Small sizes only: the statistics, the synthetic notes, the seeding helpers and the
session cookies the load tool sends.
"""

import json

import pytest

from bench import common


def wrk_line(**overrides):
    raw = {"requests": 2000, "duration_us": 10_000_000, "p50_us": 9000, "p95_us": 20000, "p99_us": 31000,
           "max_us": 50000, "connect_errors": 0, "read_errors": 0, "write_errors": 0, "status_errors": 0,
           "timeouts": 0, "statuses": {"200": 2000}}
    raw.update(overrides)
    return "Running 10s test\nBENCH_JSON " + json.dumps(raw) + "\n"


def test_wrk_figures_become_requests_per_second_and_milliseconds():
    stats = common.parse_wrk_output(wrk_line())
    assert stats["rps"] == 200.0
    assert (stats["p50_ms"], stats["p95_ms"], stats["p99_ms"]) == (9.0, 20.0, 31.0)
    assert stats["errors"] == 0


def test_error_statuses_and_socket_errors_both_count_as_errors():
    stats = common.parse_wrk_output(wrk_line(statuses={"200": 1990, "500": 7, "429": 3}, status_errors=10,
                                             read_errors=2))
    assert stats["errors"] == 12


def test_a_run_without_figures_is_an_error_not_a_zero():
    with pytest.raises(RuntimeError):
        common.parse_wrk_output("connection refused")


def test_ratios_are_taken_against_the_floor_and_targets_are_checked():
    flows = common.with_ratios({
        "floor": {"rps": 2000.0, "p50_ms": 8.0, "p95_ms": 10.0, "p99_ms": 12.0, "errors": 0},
        "practice_answer": {"rps": 600.0, "p50_ms": 30.0, "p95_ms": 40.0, "p99_ms": 45.0, "errors": 0},
        "exam_answer": {"rps": 300.0, "p50_ms": 50.0, "p95_ms": 60.0, "p99_ms": 70.0, "errors": 0},
        "dashboard": {"rps": 150.0, "p50_ms": 100.0, "p95_ms": 140.0, "p99_ms": 150.0, "errors": 1},
    })
    assert flows["practice_answer"]["ratio_to_floor"] == 0.3
    assert common.target_check("practice_answer", flows["practice_answer"]) == "ok"
    assert common.target_check("exam_answer", flows["exam_answer"]) == "MISS: ratio < 25%, p95 >= 50 ms"
    assert common.target_check("dashboard", flows["dashboard"]) == "MISS: ratio < 10%, errors"
    table = common.format_table(flows)
    assert table.count("\n") == len(flows) + 1
    assert "| practice_answer | 600 |" in table


def test_the_bench_database_is_separate_from_the_projects(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    assert common.bench_database_url("bench").endswith("bench/out/bench.sqlite3")
    monkeypatch.setenv("DATABASE_URL", "postgres://kumo:kumo@127.0.0.1:54329/kumo")
    assert common.bench_database_url("soak") == "postgres://kumo:kumo@127.0.0.1:54329/kumo_soak"


def test_synthetic_notes_recombine_the_seed_sections(tmp_path):
    from bench import seed

    paths = seed.synthetic_notes(tmp_path, count=5)
    assert len(paths) == 5
    text = paths[0].read_text(encoding="utf-8")
    assert text.startswith("# Bench study notes 000")
    assert text.count("\n## ") >= 3
    assert paths[0].read_text() != paths[1].read_text()


def test_seeding_helpers_make_learners_answers_and_work_pools(db, make):
    from django.test import Client

    from bench import seed
    from quiz.models import Attempt, AttemptItem
    from quiz.progress.models import ReviewCard, ReviewLog

    for _ in range(6):
        make.question()
    learners = seed.create_learners(3, prefix="smoke")
    assert seed.seed_answers(learners, total=60, per_attempt=5) == 60
    assert AttemptItem.objects.filter(attempt__user__in=learners).exclude(chosen=[]).count() == 60
    assert ReviewLog.objects.filter(user__in=learners).count() == 60
    assert ReviewCard.objects.filter(user__in=learners).count() <= 18
    quiz = seed.exam_quiz(question_count=4, slug="smoke-exam")
    exams = seed.open_exams(learners[:1], quiz)
    assert exams[0][1].state == Attempt.State.IN_PROGRESS and exams[0][1].item_count == 4
    practice = seed.open_practice_items(learners[:1], per_learner=3)
    assert practice[0][1].item_count == 3

    cookie = seed.session_cookie(learners[0])
    client = Client()
    for part in cookie.split("; "):
        name, value = part.split("=", 1)
        client.cookies[name] = value
    assert client.get("/progress/").status_code == 200, "the prepared session cookie logs the learner in"


def test_the_soak_check_finds_an_acknowledged_answer_the_database_does_not_hold(db, make, learner):
    from django.utils import timezone

    from bench import seed, soak
    from quiz import attempts

    for _ in range(3):
        make.question()
    quiz = seed.exam_quiz(question_count=3, slug="verify-exam")
    attempt, _ = attempts.start_exam(learner, quiz, "en")
    first = attempt.items.get(position=0)
    attempts.save_exam_answer(attempt, first, ["B"], now=timezone.now())

    tally = soak.Tally()
    tally.acknowledged[(str(attempt.uid), 0)] = "B"
    assert soak.verify(tally) == ([], 0, [])

    tally.acknowledged[(str(attempt.uid), 1)] = "C"  # acknowledged, never stored: lost
    lost, late, inconsistent = soak.verify(tally)
    assert [(uid, pos, label) for uid, pos, label, _chosen in lost] == [(str(attempt.uid), 1, "C")]

    tally.uncertain.add((str(attempt.uid), 1))  # its last POST never got an answer: not counted
    assert soak.verify(tally)[0] == []


def test_the_soak_check_flags_a_grade_that_does_not_match_the_stored_answers(db, make, learner):
    from django.utils import timezone

    from bench import seed, soak
    from quiz import attempts

    for _ in range(2):
        make.question()
    quiz = seed.exam_quiz(question_count=2, slug="verify-grade")
    attempt, _ = attempts.start_exam(learner, quiz, "en")
    attempts.submit(attempt, now=timezone.now())
    assert soak.verify(soak.Tally())[2] == []
    type(attempt).objects.filter(pk=attempt.pk).update(raw_score=2)
    assert soak.verify(soak.Tally())[2] == [(str(attempt.uid), "score", 2, 0)]


def test_the_soak_check_covers_practice_answers_and_sets_left_open(db, make, learner):
    from django.utils import timezone

    from bench import soak
    from quiz import attempts
    from quiz.models import Attempt

    practice = attempts.start_practice(learner, [make.question() for _ in range(2)], "en")
    items = list(practice.items.order_by("position"))
    attempts.answer_practice(Attempt.objects.get(pk=practice.pk), items[0], ["B"], now=timezone.now())
    tally = soak.Tally()
    tally.practice_acknowledged[(str(practice.uid), 0)] = "B"
    tally.practice_acknowledged[(str(practice.uid), 1)] = "A"  # acknowledged, never stored: lost
    lost, _late, inconsistent = soak.verify(tally)
    assert [(uid, pos) for uid, pos, _label, _chosen in lost] == [(str(practice.uid), 1)]
    assert inconsistent == []  # a set not fully answered is not expected to be graded

    attempts.answer_practice(Attempt.objects.get(pk=practice.pk), items[1], ["A"], now=timezone.now())
    assert soak.verify(tally) == ([], 0, [])
    Attempt.objects.filter(pk=practice.pk).update(state=Attempt.State.IN_PROGRESS)  # answered, left open
    assert soak.verify(tally)[2] == [(str(practice.uid), "practice set answered but not graded")]

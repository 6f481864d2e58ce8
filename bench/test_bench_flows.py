"""The bench's prepared request lists: the exam answer flow sends what the exam page sends, learner by learner."""

import re
from pathlib import Path

import pytest

from bench import run

THREADS = 2  # bench/wrk/flow.lua gives line i to thread i % FLOW_THREADS


@pytest.fixture
def exam_data(db, make):
    from bench import seed

    for _ in range(5):
        make.question()
    learners = seed.create_learners(4, prefix="flow")
    quiz = seed.exam_quiz(question_count=3, slug="flow-exam")
    return {
        "learners": learners,
        "cookies": {user.pk: seed.session_cookie(user) for user in learners},
        "exams": seed.open_exams(learners, quiz),
    }


def _learner(request):
    return re.search(r"sessionid=(\w+)", request["headers"]["Cookie"]).group(1)


def test_each_question_is_answered_by_an_option_change_then_next_with_the_same_choice(exam_data):
    requests = run.flow_requests("exam_answer", exam_data)
    assert len(requests) == 4 * 3 * 2
    for user, attempt in exam_data["exams"]:
        cookie = exam_data["cookies"][user.pk]
        mine = [r for r in requests if r["headers"]["Cookie"] == cookie]
        for number in (1, 2, 3):
            pair = [r for r in mine if r["path"] == f"/quiz/attempts/{attempt.uid}/{number}/"]
            assert [r["body"].partition("&")[2] for r in pair] == ["", "action=next"]
            assert pair[0]["body"].partition("&")[0] == pair[1]["body"].partition("&")[0]
            assert all(r["method"] == "POST" and r["headers"]["HX-Request"] == "true" for r in pair)


def test_no_learner_has_two_answers_in_flight_and_each_stays_on_one_wrk_thread(exam_data):
    requests = run.flow_requests("exam_answer", exam_data)
    threads = {}
    for index, request in enumerate(requests):
        threads.setdefault(_learner(request), set()).add(index % THREADS)
    assert all(len(seen) == 1 for seen in threads.values())
    for thread in range(THREADS):
        mine = [_learner(r) for i, r in enumerate(requests) if i % THREADS == thread]
        # consecutive requests of one thread go out on its connections together: a learner once per window
        window = len({*mine})
        for start in range(len(mine) - window + 1):
            assert len(set(mine[start:start + window])) == window


def test_reuse_finds_no_seeded_database_where_there_is_none(tmp_path):
    assert run.seeded(f"sqlite:///{tmp_path / 'missing.sqlite3'}") is False
    Path(tmp_path / "empty.sqlite3").write_bytes(b"")
    assert run.seeded(f"sqlite:///{tmp_path / 'empty.sqlite3'}") is False


def test_the_reuse_option_is_offered():
    assert run.parse_args(["--reuse"]).reuse is True
    assert run.parse_args([]).reuse is False

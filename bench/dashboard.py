"""The progress dashboard for one learner with 10,000 answers: in-process timing.

    .venv/bin/python bench/dashboard.py                  # SQLite file bench/out/dashboard.sqlite3
    DATABASE_URL=postgres://... bench/dashboard.py       # a <name>_dashboard database on that server

Seeds 1,000 questions over 40 topics, one learner with ``--answers`` (10,000)
answered practice items spread over 60 days (each with its FSRS card and review
log) and 20 graded exams, plus 20 other learners with the same amount of data
each (so the tables are not the learner's alone). Then renders ``/progress/``
``--requests`` times through Django's test client with production settings and
prints p50, p95, p99 and max in milliseconds and the queries per request.
Target: p95 under 100 ms.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--answers", type=int, default=10_000)
    p.add_argument("--others", type=int, default=20, help="other learners with the same number of answers")
    p.add_argument("--questions", type=int, default=1000)
    p.add_argument("--requests", type=int, default=200)
    p.add_argument("--reuse", action="store_true", help="keep an already seeded database")
    return p.parse_args(argv)


def seed(answers=10_000, others=20, questions=1000):
    """The learner (returned) and ``others`` learners with ``answers`` answers each, and 20 exams."""
    from django.utils import timezone

    from bench import seed as bench_seed
    from quiz.models import Attempt, Mode

    bench_seed.ensure_topics(40)
    bench_seed.top_up_questions(questions)
    learners = bench_seed.create_learners(1 + others, prefix="dash")
    start = time.perf_counter()
    count = bench_seed.seed_answers(learners, total=answers * len(learners), per_attempt=20)
    now = timezone.now()
    exams = []
    for i in range(20):
        submitted = now - timedelta(days=40 - 2 * i)
        scaled = 100 + 900 * (30 + i) // 65
        exams.append(Attempt(
            user=learners[0], mode=Mode.EXAM, title="Mock exam", origin="exam", language="en",
            started_at=submitted - timedelta(hours=2), submitted_at=submitted, state=Attempt.State.SUBMITTED,
            item_count=65, raw_score=30 + i, scaled_score=scaled, passed=scaled >= 720,
        ))
    Attempt.objects.bulk_create(exams)
    print(f"seeded {count:,} answers for {len(learners)} learners in {time.perf_counter() - start:.1f} s")
    return learners[0]


def measure(user, requests):
    from django.db import connection
    from django.test import Client

    client = Client()
    client.force_login(user)
    for _ in range(5):  # warm up: templates, connection
        assert client.get("/progress/").status_code == 200
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get("/progress/")
    timings = []
    cpu = []
    for _ in range(requests):
        start, start_cpu = time.perf_counter(), time.process_time()
        response = client.get("/progress/")
        timings.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
        assert response.status_code == 200
    timings.sort()
    cpu.sort()

    def pct(p):
        return timings[min(len(timings) - 1, int(round(p / 100 * len(timings))) - 1)]

    return {
        "requests": requests, "p50": statistics.median(timings), "p95": pct(95), "p99": pct(99), "max": timings[-1],
        "queries": len(queries), "cpu_p50": statistics.median(cpu), "cpu_p95": cpu[int(0.95 * len(cpu)) - 1],
    }


def main(argv=None):
    args = parse_args(argv)
    url = common.bench_database_url("dashboard")
    if not args.reuse:
        common.reset_database(url)
    env = common.server_env(url, ALLOWED_HOSTS="testserver,127.0.0.1,localhost")
    common.setup_django(env)
    from django.contrib.auth import get_user_model
    from django.db import connection

    from django.core.management import call_command

    from quiz.progress.models import ReviewCard, ReviewLog

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    user = get_user_model().objects.filter(username="dash0000").first()
    if user is None or not args.reuse:
        user = seed(args.answers, args.others, args.questions)
    answers = ReviewLog.objects.filter(user=user).count()
    cards = ReviewCard.objects.filter(user=user).count()
    stats = measure(user, args.requests)
    print(f"database: {connection.vendor}; learner: {answers:,} answers, {cards:,} cards; "
          f"all learners: {ReviewLog.objects.count():,} answers")
    print(f"/progress/ x{stats['requests']}: p50 {stats['p50']:.1f} ms, p95 {stats['p95']:.1f} ms, "
          f"p99 {stats['p99']:.1f} ms, max {stats['max']:.1f} ms, {stats['queries']} queries per request")
    print(f"CPU time of this process per request (SQLite runs in-process; a measure that ignores other load "
          f"on the machine): p50 {stats['cpu_p50']:.1f} ms, p95 {stats['cpu_p95']:.1f} ms")
    print(f"load average while measuring: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    ok = stats["p95"] < 100
    print("target p95 < 100 ms:", "met" if ok else "MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

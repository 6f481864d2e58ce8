"""`make bench`: seed a realistic data set, serve it with gunicorn, load every main flow with wrk.

    .venv/bin/python bench/run.py                 # SQLite file under bench/out/
    DATABASE_URL=postgres://... bench/run.py      # a <name>_bench database on that server

Prints per flow requests/s, p50/p95/p99 latency, errors and throughput as a
ratio of the floor (``/healthz`` on the same server), writes
``bench/results.json`` and the table in ``docs/PERFORMANCE.md``. Options:
``--seconds`` per flow (10), ``--connections`` (20), sizes (``--learners``,
``--notes``, ``--questions``, ``--answers``), ``--flows`` to run a subset,
``--reuse`` to keep an already seeded database (fresh exams and practice sets are
opened on it), ``--no-docs`` to leave ``docs/PERFORMANCE.md`` alone.
"""

import argparse
import json
import os
import platform
import random
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone as dt_timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

FLOW_ORDER = [
    "floor", "topic_page", "search_as_you_type", "practice_answer", "exam_navigation", "exam_answer",
    "dashboard", "instructor_results",
]


# Practice sets of 10 opened per learner: 500 learners x 3 x 10 = 15,000 fresh answers, more than one flow's
# run sends (wrk walks the list round-robin; past its end a POST would only re-answer an answered item,
# a cheaper request than a real answer).
PRACTICE_SETS = 3


class Skip(Exception):
    """A flow whose view has not landed yet (or has nothing to load)."""


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seconds", type=int, default=10)
    p.add_argument("--connections", type=int, default=20)
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--learners", type=int, default=500)
    p.add_argument("--notes", type=int, default=300)
    p.add_argument("--questions", type=int, default=2000)
    p.add_argument("--answers", type=int, default=100_000)
    p.add_argument("--flows", default=",".join(FLOW_ORDER))
    p.add_argument("--no-docs", action="store_true", help="do not rewrite docs/PERFORMANCE.md")
    p.add_argument("--reuse", action="store_true",
                   help="keep an already seeded bench database (skip the minute of seeding); fresh practice "
                        "sets, exams and sessions are still opened for the flows")
    return p.parse_args(argv)


# ---------------------------------------------------------------- seeding


def seed(args):
    from django.core.management import call_command

    from bench import seed as s

    timings = {}
    t0 = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    timings["migrate_s"] = round(time.perf_counter() - t0, 2)

    notes_dir = common.OUT / "notes"
    s.synthetic_notes(notes_dir, count=args.notes)
    seconds, note = s.try_command("import_notes", str(s.SEED_NOTES))
    timings["import_seed_notes_s"] = seconds
    seconds, note = s.try_command("import_notes", str(notes_dir))
    timings[f"import_{args.notes}_files_s"] = seconds
    if note:
        print("  ", note)
    seconds, note = s.try_command("generate_questions")
    timings[f"generate_questions_{args.notes}_files_s"] = seconds
    if note:
        print("  ", note)
    from quiz.models import Question

    timings["generated_questions"] = Question.objects.count()
    s.ensure_topics()
    (added, timings["top_up_questions_s"]) = s.timed(s.top_up_questions, args.questions)
    timings["synthetic_questions"] = added

    t0 = time.perf_counter()
    learners = s.create_learners(args.learners)
    instructor = s.create_instructor()
    timings["users_s"] = round(time.perf_counter() - t0, 2)

    quiz = s.exam_quiz(question_count=65, minutes=130)
    (answers, timings["answers_s"]) = s.timed(s.seed_answers, learners, total=args.answers)
    timings["answers"] = answers

    t0 = time.perf_counter()
    classes = seed_classes(instructor, learners, quiz)
    rng = random.Random(8)
    practice = s.open_practice_items(learners, per_learner=10, sets_per_learner=PRACTICE_SETS)
    exam_users = learners[: min(len(learners), 200)]
    exams = s.open_exams(exam_users, quiz)
    cookies = {user.pk: s.session_cookie(user) for user in learners}
    instructor_cookie = s.session_cookie(instructor)
    timings["work_pools_s"] = round(time.perf_counter() - t0, 2)
    timings["settle_s"] = settle()
    return {
        "timings": timings, "learners": learners, "instructor_cookie": instructor_cookie, "cookies": cookies,
        "practice": practice, "exams": exams, "classes": classes, "quiz": quiz, "rng": rng,
    }


def settle():
    """Bring a freshly bulk-loaded database to the steady state a running site has, before measuring: on
    PostgreSQL, ``VACUUM ANALYZE`` (else autovacuum and autoanalyze of the 100,000 answers just written
    start in the middle of the flows: one run's practice-answer p95 went from about 45 to 71 ms). SQLite
    has no background work of that kind. Returns the seconds it took."""
    from django.db import connection

    t0 = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:  # autocommit: VACUUM cannot run inside a transaction
            cursor.execute("VACUUM ANALYZE")
    return round(time.perf_counter() - t0, 2)


def reuse(args):
    """The work pools of an already seeded database: fresh practice sets and exams, new sessions.

    The exams are attempts of a new published quiz (``bench-exam-<n>``), so every exam POST again
    answers an item nobody answered yet; what earlier runs left in progress stays as it was (as after
    a first run), and the instructor results keep showing the seeded ``bench-exam``.
    """
    from django.contrib.auth import get_user_model

    from bench import seed as s
    from quiz.models import Quiz

    t0 = time.perf_counter()
    User = get_user_model()
    learners = list(User.objects.filter(username__startswith="learner").order_by("username")[: args.learners])
    instructor = User.objects.get(username="bench-instructor")
    quiz = s.exam_quiz(question_count=65, minutes=130)
    runs = Quiz.objects.filter(slug__startswith="bench-exam-").count()
    exam = s.exam_quiz(question_count=65, minutes=130, slug=f"bench-exam-{runs + 1}", title=f"Bench exam {runs + 1}")
    try:
        from quiz.instructor.models import Assignment

        classes = list(Assignment.objects.filter(quiz=quiz, created_by=instructor).order_by("pk"))
    except ImportError:
        classes = []
    practice = s.open_practice_items(learners, per_learner=10, sets_per_learner=PRACTICE_SETS)
    exams = s.open_exams(learners[: min(len(learners), 200)], exam)
    cookies = {user.pk: s.session_cookie(user) for user in learners}
    timings = {"reused_database": True, "work_pools_s": round(time.perf_counter() - t0, 2)}
    return {
        "timings": timings, "learners": learners, "instructor_cookie": s.session_cookie(instructor),
        "cookies": cookies, "practice": practice, "exams": exams, "classes": classes, "quiz": quiz,
        "rng": random.Random(8),
    }


def seeded(database_url):
    """Does the bench database exist with its learners (``--reuse``)?"""
    if common.is_postgres(database_url):
        import psycopg

        try:
            with psycopg.connect(database_url, connect_timeout=5) as conn:
                return bool(conn.execute(
                    "SELECT 1 FROM auth_user WHERE username = 'bench-instructor'").fetchone())
        except psycopg.Error:
            return False
    import sqlite3
    from urllib.parse import urlsplit

    path = Path(urlsplit(database_url).path)
    if not path.exists():
        return False
    try:
        with sqlite3.connect(path) as conn:
            return bool(conn.execute("SELECT 1 FROM auth_user WHERE username = 'bench-instructor'").fetchone())
    except sqlite3.Error:
        return False


def seed_classes(instructor, learners, quiz, size=50):
    """Classes of ``size`` learners, each assigned the bench exam; returns the assignments."""
    try:
        from quiz.instructor.models import Assignment, Classroom, Membership
    except ImportError:
        return []
    assignments = []
    # joined and assigned before the seeded attempts: an instructor sees only attempts made in the class
    long_ago = datetime(2000, 1, 1, tzinfo=dt_timezone.utc)
    for n, start in enumerate(range(0, len(learners), size)):
        classroom = Classroom.objects.create(name=f"Bench class {n}", owner=instructor)
        Membership.objects.bulk_create(
            [Membership(classroom=classroom, learner=user) for user in learners[start:start + size]]
        )
        Membership.objects.filter(classroom=classroom).update(joined_at=long_ago)
        assignment = Assignment.objects.create(classroom=classroom, quiz=quiz, created_by=instructor)
        Assignment.objects.filter(pk=assignment.pk).update(created_at=long_ago)
        assignment.created_at = long_ago
        assignments.append(assignment)
    # Finished exam attempts for the results pages: the first practice attempt of each learner becomes one.
    from quiz.models import Attempt, Mode

    firsts = {}
    for pk, user_id in Attempt.objects.filter(state=Attempt.State.SUBMITTED).order_by("pk").values_list(
        "pk", "user_id"
    ):
        firsts.setdefault(user_id, pk)
    Attempt.objects.filter(pk__in=firsts.values()).update(mode=Mode.EXAM, quiz=quiz, title=quiz.title,
                                                          origin="exam")
    return assignments


# ---------------------------------------------------------------- flows


def reverse_or_skip(name, *args):
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name, args=args)
    except NoReverseMatch as exc:
        raise Skip(f"no URL {name}") from exc


def flow_requests(name, data):
    from quiz.attempts import LABELS
    from quiz.models import AttemptItem
    from studynotes.models import Topic, TopicAlias

    rng = random.Random(name)
    cookies = data["cookies"]
    learners = data["learners"]

    def get(path, user=None, htmx=False, cookie=None):
        headers = {"Cookie": cookie or cookies[(user or rng.choice(learners)).pk]}
        if htmx:
            headers["HX-Request"] = "true"
        return {"method": "GET", "path": path, "headers": headers}

    if name == "floor":
        return [{"method": "GET", "path": "/healthz"}]
    if name == "topic_page":
        slugs = list(Topic.objects.filter(sections__isnull=False).distinct().values_list("slug", flat=True))
        if not slugs:
            raise Skip("no topics with sections")
        return [get(reverse_or_skip("studynotes:topic", slug)) for slug in slugs for _ in range(3)]
    if name == "search_as_you_type":
        url = reverse_or_skip("studynotes:search")
        words = list(TopicAlias.objects.values_list("text", flat=True)) + list(
            Topic.objects.values_list("name", flat=True))
        queries = []
        for word in words[:300]:
            for n in range(2, min(len(word), 6) + 1):  # what a typist sends, keystroke by keystroke
                queries.append(word[:n])
        from urllib.parse import quote

        return [get(f"{url}?q={quote(q)}", htmx=True) for q in queries]
    if name == "practice_answer":
        items = AttemptItem.objects.filter(attempt__in=[a for _u, a in data["practice"]]).select_related("attempt")
        out = []
        for item in items.order_by("position", "attempt_id"):
            label = LABELS[rng.randrange(len(item.options))] if item.choose == 1 else "A&choice=B"
            path = reverse_or_skip("quiz:practice_item", item.attempt.uid, item.position + 1)
            from bench.seed import post_headers

            out.append({"method": "POST", "path": path, "headers": post_headers(cookies[item.attempt.user_id]),
                        "body": f"choice={label}"})
        return out
    if name in ("exam_navigation", "exam_answer"):
        from bench.seed import post_headers

        out = []
        exams = data["exams"]
        for position in range(65):
            taking = [(user, attempt) for user, attempt in exams if position < attempt.item_count]
            paths = {attempt.pk: reverse_or_skip("quiz:exam_item", attempt.uid, position + 1) for _u, attempt in taking}
            if name == "exam_navigation":
                out.extend(get(paths[attempt.pk], user=user, htmx=True) for user, attempt in taking)
                continue
            # What answering one question sends from the exam page: picking an option saves it (htmx posts the
            # form on ``change``, no action), then Next posts the same choice with action=next. All saves of a
            # round come before all its Nexts, so one learner's two requests are a round apart (a learner waits
            # for the panel before clicking again) and fall to the same wrk thread: no learner has two requests
            # in flight, and no request waits for another one's lock on the same attempt.
            labels = {attempt.pk: LABELS[rng.randrange(4)] for _u, attempt in taking}
            for action in ("", "&action=next"):
                out.extend(
                    {"method": "POST", "path": paths[attempt.pk], "headers": post_headers(cookies[user.pk]),
                     "body": f"choice={labels[attempt.pk]}{action}"}
                    for user, attempt in taking
                )
        return out
    if name == "dashboard":
        url = reverse_or_skip("progress:dashboard")
        return [get(url, user=user) for user in learners]
    if name == "instructor_results":
        if not data["classes"]:
            raise Skip("no instructor app")
        return [get(reverse_or_skip("instructor:results", a.pk), cookie=data["instructor_cookie"])
                for a in data["classes"]]
    raise Skip(f"unknown flow {name}")


def preflight(port, requests, sample=3):
    """Send a few of the flow's requests once: the status codes, and the first error body if any."""
    codes = []
    for r in requests[:sample]:
        req = urllib.request.Request(
            f"http://127.0.0.1:{port}{r['path']}", method=r.get("method", "GET"),
            data=(r.get("body") or "").encode() if r.get("method") == "POST" else None,
            headers=r.get("headers") or {},
        )
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                codes.append(resp.status)
        except urllib.error.HTTPError as err:
            codes.append(err.code)
            return codes, err.read()[:300].decode(errors="replace")
    return codes, ""


def cpu_per_request(requests, sample=40):
    """Median and p95 CPU milliseconds per request, in this process (Django's test client).

    A figure the other work on the machine hardly moves, unlike wall-clock
    throughput: it says what a request costs, so targets can be judged on a
    busy machine (2 idle cores serve about 2 x 1000 / cpu_ms requests/s). On
    PostgreSQL the database's own CPU is not included. Uses the last requests
    of the flow, which the wrk run did not reach.
    """
    from django.test import Client

    client = Client(SERVER_NAME="127.0.0.1")
    costs = []
    picked = (requests * (1 + (sample + 1) // len(requests)))[-(sample + 1):]  # short lists repeat (GET pages)
    for r in picked:
        headers = dict(r.get("headers") or {})
        client.cookies.clear()
        for part in headers.pop("Cookie", "").split("; "):
            if "=" in part:
                name, value = part.split("=", 1)
                client.cookies[name] = value
        extra = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items() if k != "Content-Type"}
        start = time.process_time()
        if r.get("method") == "POST":
            client.post(r["path"], r.get("body") or "", content_type="application/x-www-form-urlencoded", **extra)
        else:
            client.get(r["path"], **extra)
        costs.append((time.process_time() - start) * 1000)
    costs = sorted(costs[1:] or costs)  # the first one warms up
    return round(costs[len(costs) // 2], 2), round(costs[min(len(costs) - 1, int(len(costs) * 0.95))], 2)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


urllib.request.install_opener(urllib.request.build_opener(NoRedirect))


# ---------------------------------------------------------------- output


def write_docs(results, backend):
    path = common.ROOT / "docs" / "PERFORMANCE.md"
    begin, end = f"<!-- bench:{backend}:begin -->", f"<!-- bench:{backend}:end -->"
    flows = results["flows"]
    table = common.format_table(flows, {name: common.target_check(name, s) for name, s in flows.items()})
    timings = results["seed"]
    lines = [
        begin,
        f"Measured {results['measured_at']} on {results['machine']}, backend **{backend}**, "
        f"gunicorn {results['workers']} sync workers, wrk {results['connections']} connections, "
        f"{results['seconds']} s per flow. Machine load average (1 min) before/after the flows: "
        f"{results['load_average_1m']['before']} / {results['load_average_1m']['after']} "
        "(other work on the same 2 cores lowers every figure, the floor included).",
        "",
        table,
        "",
        "Seeding and batch jobs (seconds): " + ", ".join(f"{k} = {v}" for k, v in timings.items()),
        end,
    ]
    block = "\n".join(lines)
    text = path.read_text() if path.exists() else "# Performance\n\n"
    if begin in text and end in text:
        text = text[: text.index(begin)] + block + text[text.index(end) + len(end):]
    else:
        text = text.rstrip("\n") + f"\n\n## {backend}\n\n{block}\n"
    path.write_text(text)


def main(argv=None):
    args = parse_args(argv)
    database_url = common.bench_database_url("bench")
    backend = "postgresql" if common.is_postgres(database_url) else "sqlite"
    print(f"Bench database: {database_url} ({backend})")
    reusing = args.reuse and seeded(database_url)
    if not reusing:
        common.reset_database(database_url)
    env = common.server_env(database_url, RATELIMIT_MULTIPLIER=1000)
    common.setup_django(env)
    common.ensure_wrk()

    t0 = time.perf_counter()
    if reusing:
        print("Reusing the seeded database (--reuse): opening fresh practice sets and exams ...")
        from django.core.management import call_command

        call_command("migrate", verbosity=0, interactive=False)
        data = reuse(args)
    else:
        print(f"Seeding: {args.learners} learners, seed notes + {args.notes} synthetic files, "
              f"~{args.questions} questions, {args.answers:,} answers ...")
        data = seed(args)
    print(f"  ready in {time.perf_counter() - t0:.0f} s: {json.dumps(data['timings'])}")

    from django.core.management import call_command
    from django.db import connections

    call_command("collectstatic", interactive=False, verbosity=0)
    flows_dir = common.OUT / "flows"
    flows_dir.mkdir(parents=True, exist_ok=True)
    wanted = [f for f in FLOW_ORDER if f in args.flows.split(",")]
    prepared, results = {}, {}
    for name in wanted:
        try:
            requests = flow_requests(name, data)
            if not requests:
                raise Skip("nothing to request")
        except Skip as skip:
            results[name] = {"skipped": str(skip)}
            continue
        common.write_flow_file(flows_dir / f"{name}.tsv", requests)
        prepared[name] = requests
    connections.close_all()

    load_before = round(os.getloadavg()[0], 2)
    port = common.free_port()
    server = common.start_gunicorn(env, port, workers=args.workers, log_path=common.OUT / "gunicorn-bench.log")
    try:
        for name in wanted:
            if name not in prepared:
                print(f"{name:>20}: skipped ({results[name]['skipped']})")
                continue
            codes, body = preflight(port, prepared[name])
            if any(code >= 400 for code in codes):
                print(f"{name:>20}: preflight {codes}: {body!r}")
            stats = common.run_wrk(port, flows_dir / f"{name}.tsv", seconds=args.seconds,
                                   connections=args.connections)
            stats["preflight"] = codes
            sent = sum(stats.get("statuses", {}).values())
            if prepared[name][0].get("method") == "POST" and sent > len(prepared[name]):
                stats["wrapped"] = True  # later POSTs repeated earlier ones: the figures flatter the flow
                print(f"{name:>20}: WARNING {sent} requests sent for {len(prepared[name])} prepared answers")
            results[name] = stats
            print(f"{name:>20}: {stats['rps']:>8.1f} req/s  p50 {stats['p50_ms']:>6.1f} ms  "
                  f"p95 {stats['p95_ms']:>6.1f} ms  p99 {stats['p99_ms']:>6.1f} ms  errors {stats['errors']}  "
                  f"statuses {stats['statuses']}")
    finally:
        common.stop_gunicorn(server)

    print("\nCPU per request, in-process (load-independent):")
    for name in wanted:
        if name in prepared and "rps" in results.get(name, {}):
            median, p95 = cpu_per_request(prepared[name])
            results[name]["cpu_ms"], results[name]["cpu_p95_ms"] = median, p95
            print(f"{name:>20}: {median:>7.2f} ms (p95 {p95:.2f} ms)")
    floor_cpu = results.get("floor", {}).get("cpu_ms")
    for name in wanted:
        if floor_cpu and results.get(name, {}).get("cpu_ms"):
            results[name]["cpu_ratio_to_floor"] = round(floor_cpu / results[name]["cpu_ms"], 3)

    flows = common.with_ratios({name: results[name] for name in wanted if name in results})
    out = {
        "backend": backend,
        "measured_at": datetime.now(dt_timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": f"{os.cpu_count()} cores, {platform.python_implementation()} {platform.python_version()}",
        "workers": args.workers, "connections": args.connections, "seconds": args.seconds,
        "load_average_1m": {"before": load_before, "after": round(os.getloadavg()[0], 2)},
        "seed": data["timings"],
        "flows": flows,
    }
    # bench/results.json, or results.json in BENCH_OUT when a side-by-side run set it
    results_path = common.OUT / "results.json" if os.environ.get("BENCH_OUT") else common.ROOT / "bench" / "results.json"
    results_path.write_text(json.dumps(out, indent=2))
    table = common.format_table(flows, {name: common.target_check(name, s) for name, s in flows.items()})
    print()
    print(table)
    if not args.no_docs:
        write_docs(out, backend)
    print(f"\nWrote {results_path}" + ("" if args.no_docs else " and docs/PERFORMANCE.md"))
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""`make soak`: a class takes exams while the instructor re-imports and regenerates; nothing may be lost.

    .venv/bin/python bench/soak.py                 # SQLite file under bench/out/, one gunicorn
    DATABASE_URL=postgres://... bench/soak.py      # <name>_soak database, two gunicorns on two ports

For ``--seconds`` (60) ``--learners`` (50) simulated learners answer exam items
over HTTP (a real session cookie, CSRF header, full-page POSTs), and
``--practisers`` (10) more work through five-question practice sets (each answer
graded at once, the last one grading the set). Meanwhile an
instructor re-imports the notes and regenerates questions in a loop, one
gunicorn worker is killed with SIGKILL at 30%, 50% and 70% of the run, and ``--racers`` of the
learners sit an exam whose deadline falls in the middle of the run and keep
answering past it.

Counts, printed at the end (exit status 1 if any of the first four is not 0, or no answer was acknowledged):

- 5xx responses;
- lost answers: acknowledged by the server (302 back to the exam or practice
  item) but not what the database holds for that item afterwards;
- late answers stored: an answer the database holds with a time at or past its exam's deadline;
- inconsistent grades: a graded attempt whose score differs from its stored
  answers, an expired one not graded at its deadline, or a practice set whose
  every item is answered still open after its summary was shown;
- connection errors (requests cut by the killed worker; retried, never acknowledged).
"""

import argparse
import http.client
import random
import re
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import common  # noqa: E402

ITEM_URL = re.compile(r"/quiz/attempts/([0-9a-f-]{36})/(\d+)/$")
PRACTICE_URL = re.compile(r"/quiz/practice/([0-9a-f-]{36})/(\d+)/$")
PRACTICE_SET = 5


def parse_args(argv=None):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seconds", type=int, default=60)
    p.add_argument("--learners", type=int, default=50)
    p.add_argument("--racers", type=int, default=10, help="learners whose exam deadline falls mid-run")
    p.add_argument("--practisers", type=int, default=10, help="learners answering practice sets")
    p.add_argument("--servers", type=int, default=0, help="gunicorn instances (default: 2 on PostgreSQL, 1 on SQLite)")
    p.add_argument("--workers", type=int, default=2)
    p.add_argument("--questions", type=int, default=300)
    return p.parse_args(argv)


class Tally:
    def __init__(self):
        self.lock = threading.Lock()
        self.statuses = Counter()
        self.connection_errors = 0
        self.acknowledged = {}  # (attempt uid, position) -> label, the last acknowledged choice
        self.ack_times = {}  # (attempt uid, position) -> client time the acknowledgement arrived
        self.acks = 0
        self.practice_acknowledged = {}  # (practice set uid, position) -> label
        self.practice_sets = 0
        self.uncertain = set()  # items whose last POST never got an answer: either value may be stored
        self.refused_late = 0
        self.instructor_runs = Counter()
        self.killed = []
        self.answer_ms = []  # wall time of each answer POST that got a response

    def status(self, code):
        with self.lock:
            self.statuses[code] += 1


def http_request(port, method, path, cookie, body=None, timeout=60):
    from bench.seed import CSRF_TOKEN

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    headers = {"Cookie": cookie}
    if body is not None:
        headers.update({"Content-Type": "application/x-www-form-urlencoded", "X-CSRFToken": CSRF_TOKEN})
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        response.read()
        return response.status, response.getheader("Location", "")
    finally:
        conn.close()


def caller(tally, port, cookie):
    """``call(method, path, body=None)`` -> ``(status, location)``, retried on a cut connection (a killed
    worker); ``(None, "")`` after five failures."""

    def call(method, path, body=None):
        for _attempt in range(5):
            try:
                status, location = http_request(port, method, path, cookie, body)
            except (ConnectionError, http.client.HTTPException, OSError):
                with tally.lock:
                    tally.connection_errors += 1
                time.sleep(0.2)
                continue
            tally.status(status)
            return status, location
        return None, ""

    return call


def practiser_loop(tally, port, cookie, stop_at, rng):
    """Start a practice set, answer its items in order (the last answer grades it), show its summary, again."""
    call = caller(tally, port, cookie)
    while time.time() < stop_at:
        status, location = call("POST", "/quiz/practice/", urlencode({"language": "en", "count": PRACTICE_SET}))
        match = PRACTICE_URL.search(location or "")
        if not match:
            time.sleep(0.5)
            continue
        uid = match.group(1)
        with tally.lock:
            tally.practice_sets += 1
        for number in range(1, PRACTICE_SET + 1):
            label = "ABCD"[rng.randrange(4)]
            started = time.perf_counter()
            status, location = call("POST", f"/quiz/practice/{uid}/{number}/", urlencode({"choice": label}))
            with tally.lock:
                if status is None:
                    tally.uncertain.add((uid, number - 1))
                    continue
                tally.answer_ms.append((time.perf_counter() - started) * 1000)
                if status == 302 and location.endswith(f"/quiz/practice/{uid}/{number}/"):
                    tally.practice_acknowledged[(uid, number - 1)] = label
                    tally.acks += 1
            time.sleep(rng.uniform(0.05, 0.3))
        call("GET", f"/quiz/practice/{uid}/summary/")


def learner_loop(tally, port, cookie, slug, stop_at, rng, racer=False):
    """Start (or resume) the exam, then answer items round-robin until time is up; submit at the end."""
    call = caller(tally, port, cookie)
    status, location = call("POST", f"/quiz/exams/{slug}/", "")
    match = ITEM_URL.search(location or "")
    if not match:
        return
    uid = match.group(1)
    number, total = 1, 10
    while time.time() < stop_at:
        label = "ABCD"[rng.randrange(4)]
        body = urlencode({"choice": label, "action": "save"})
        started = time.perf_counter()
        status, location = call("POST", f"/quiz/attempts/{uid}/{number}/", body)
        if status is not None:
            with tally.lock:
                tally.answer_ms.append((time.perf_counter() - started) * 1000)
        if status is None:
            with tally.lock:
                tally.uncertain.add((uid, number - 1))
        elif status == 302 and location.endswith(f"/quiz/attempts/{uid}/{number}/"):
            with tally.lock:
                tally.acknowledged[(uid, number - 1)] = label
                tally.ack_times[(uid, number - 1)] = time.time()
                tally.acks += 1
        elif status == 302 and location.endswith("/result/"):
            with tally.lock:
                tally.refused_late += 1
            if racer:
                return  # time is up for this exam: the page says so; stop like a learner would
        if rng.random() < 0.3:
            call("GET", f"/quiz/attempts/{uid}/{number}/")
        number = number % total + 1
        time.sleep(rng.uniform(0.05, 0.3))
    if not racer:
        call("POST", f"/quiz/attempts/{uid}/submit/", "")


def instructor_loop(tally, env, stop_at, notes_dir):
    """Re-import the notes (touching one file each round so the import has work) and regenerate questions."""
    from django.core.management import get_commands

    commands = get_commands()
    round_no = 0
    while time.time() < stop_at:
        round_no += 1
        if "import_notes" in commands:
            files = sorted(notes_dir.glob("*.txt"))
            if files:
                target = files[round_no % len(files)]
                target.write_text(target.read_text(encoding="utf-8") + f"\n- soak round {round_no}\n",
                                  encoding="utf-8")
            rc = subprocess.run([common.PY, "manage.py", "import_notes", str(notes_dir)], cwd=common.ROOT, env=env,
                                capture_output=True).returncode
            tally.instructor_runs[f"import_notes rc={rc}"] += 1
        if "generate_questions" in commands:
            rc = subprocess.run([common.PY, "manage.py", "generate_questions"], cwd=common.ROOT, env=env,
                                capture_output=True).returncode
            tally.instructor_runs[f"generate_questions rc={rc}"] += 1
        if not {"import_notes", "generate_questions"} & set(commands):
            tally.instructor_runs["no instructor commands available"] += 1
            time.sleep(5)


def killer(tally, servers, seconds, fractions=(0.3, 0.5, 0.7)):
    """SIGKILL one gunicorn worker at each of ``fractions`` of the run, servers in turn (the master respawns it)."""
    import os
    import signal

    start = time.time()
    for n, fraction in enumerate(fractions):
        time.sleep(max(0.0, start + seconds * fraction - time.time()))
        pids = common.worker_pids(servers[n % len(servers)].pid)
        if pids:
            victim = pids[n % len(pids)]
            os.kill(victim, signal.SIGKILL)
            tally.killed.append(victim)


def verify(tally):
    """Compare what the server acknowledged with what the database holds; check every grade."""
    from quiz import scoring
    from quiz.models import Attempt, AttemptItem

    lost = []
    acknowledged = {**tally.acknowledged, **tally.practice_acknowledged}
    uids = {uid for uid, _pos in acknowledged}
    items = {
        (str(uid), pos): (options, chosen)
        for uid, pos, options, chosen in AttemptItem.objects.filter(attempt__uid__in=uids).values_list(
            "attempt__uid", "position", "options", "chosen")
    }
    for (uid, pos), label in acknowledged.items():
        if (uid, pos) in tally.uncertain:
            continue
        options, chosen = items[(uid, pos)]
        index = "ABCD".index(label)
        expected = [options[index]["key"]] if index < len(options) else None
        if chosen != expected:
            lost.append((uid, pos, label, chosen))

    inconsistent, late = [], 0
    for attempt in Attempt.objects.filter(mode="exam").exclude(state=Attempt.State.IN_PROGRESS):
        stored = list(attempt.items.all())
        right = sum(1 for i in stored if len(i.chosen) == i.choose and scoring.is_correct(i.chosen, i.correct_keys))
        if attempt.raw_score != right:
            inconsistent.append((str(attempt.uid), "score", attempt.raw_score, right))
        if attempt.state == Attempt.State.EXPIRED and attempt.submitted_at != attempt.deadline:
            inconsistent.append((str(attempt.uid), "not graded at its deadline"))
        if attempt.deadline:
            late += sum(1 for i in stored if i.answered_at and i.answered_at >= attempt.deadline)
    for attempt in Attempt.objects.filter(mode="practice").prefetch_related("items"):
        stored = list(attempt.items.all())
        if not stored or not all(i.answered_at for i in stored):
            continue  # a set cut short by the end of the run (or a choose-two item the learner's one label missed)
        right = sum(1 for i in stored if i.correct)
        if attempt.state == Attempt.State.IN_PROGRESS:
            inconsistent.append((str(attempt.uid), "practice set answered but not graded"))
        elif attempt.raw_score != right:
            inconsistent.append((str(attempt.uid), "practice score", attempt.raw_score, right))
    return lost, late, inconsistent


def main(argv=None):
    args = parse_args(argv)
    database_url = common.bench_database_url("soak")
    postgres = common.is_postgres(database_url)
    n_servers = args.servers or (2 if postgres else 1)
    print(f"Soak database: {database_url}; {n_servers} gunicorn instance(s) x {args.workers} workers")
    common.reset_database(database_url)
    env = common.server_env(database_url, RATELIMIT_MULTIPLIER=1000)
    common.setup_django(env)

    import shutil

    from django.core.management import call_command
    from django.db import connections
    from django.utils import timezone

    from bench import seed as s

    call_command("migrate", verbosity=0, interactive=False)
    call_command("createcachetable", verbosity=0)
    notes_dir = common.OUT / "soak-notes"
    shutil.rmtree(notes_dir, ignore_errors=True)
    shutil.copytree(s.SEED_NOTES, notes_dir)
    s.try_command("import_notes", str(notes_dir))
    s.try_command("generate_questions")
    s.ensure_topics()
    s.top_up_questions(args.questions)
    learners = s.create_learners(args.learners, prefix="soak")
    practisers = s.create_learners(args.practisers, prefix="practiser") if args.practisers else []
    main_exam = s.exam_quiz(question_count=10, minutes=130, slug="soak-exam", title="Soak exam")
    race_exam = s.exam_quiz(question_count=10, minutes=1, slug="soak-race", title="Soak race")
    racers = learners[: args.racers]
    # The racers' exams started earlier, so their deadline falls mid-run.
    from quiz.attempts import start_exam

    started = timezone.now() - timedelta(seconds=60 - args.seconds / 2)
    for user in racers:
        start_exam(user, race_exam, "en", now=started)
    cookies = {user.pk: s.session_cookie(user) for user in [*learners, *practisers]}
    call_command("collectstatic", interactive=False, verbosity=0)
    connections.close_all()

    ports = [common.free_port() for _ in range(n_servers)]
    servers = [common.start_gunicorn(env, port, workers=args.workers, log_path=common.OUT / f"gunicorn-soak-{i}.log")
               for i, port in enumerate(ports)]
    tally = Tally()
    stop_at = time.time() + args.seconds
    threads = []
    try:
        for n, user in enumerate(learners):
            racer = user in racers
            threads.append(threading.Thread(
                target=learner_loop, daemon=True,
                args=(tally, ports[n % len(ports)], cookies[user.pk], race_exam.slug if racer else main_exam.slug,
                      stop_at, random.Random(n), racer)))
        for n, user in enumerate(practisers):
            threads.append(threading.Thread(
                target=practiser_loop, daemon=True,
                args=(tally, ports[n % len(ports)], cookies[user.pk], stop_at, random.Random(1000 + n))))
        threads.append(threading.Thread(target=instructor_loop, args=(tally, env, stop_at, notes_dir), daemon=True))
        threads.append(threading.Thread(target=killer, args=(tally, servers, args.seconds), daemon=True))
        print(f"Running {args.learners} learners taking exams and {args.practisers} practising for {args.seconds} s ...")
        for t in threads:
            t.start()
        for t in threads:
            t.join(args.seconds + 120)
    finally:
        for server in servers:
            common.stop_gunicorn(server)

    lost, late, inconsistent = verify(tally)
    five_xx = sum(n for code, n in tally.statuses.items() if code >= 500)
    graded = {"submitted or expired exams": _finished_count(), "graded practice sets": _finished_count("practice")}
    print()
    print(f"requests by status:        {dict(sorted(tally.statuses.items()))}")
    print(f"answers acknowledged:      {tally.acks} ({len(tally.acknowledged)} distinct exam items, "
          f"{len(tally.practice_acknowledged)} practice items in {tally.practice_sets} sets)")
    print(f"answers refused as late:   {tally.refused_late}")
    if tally.answer_ms:
        times = sorted(tally.answer_ms)
        pick = lambda q: times[min(len(times) - 1, int(len(times) * q))]  # noqa: E731
        print(f"answer latency (ms):       p50 {pick(0.5):.0f}  p95 {pick(0.95):.0f}  max {times[-1]:.0f}")
    print(f"instructor runs:           {dict(tally.instructor_runs)}")
    print(f"worker killed (pid):       {tally.killed or 'none'}")
    print(f"connection errors:         {tally.connection_errors} (retried; never acknowledged)")
    print(f"graded:                    {graded}")
    print(f"5xx responses:             {five_xx}")
    print(f"lost answers:              {len(lost)}{' ' + repr(lost[:5]) if lost else ''}")
    print(f"late answers stored:       {late}")
    print(f"inconsistent grades:       {len(inconsistent)}{' ' + repr(inconsistent[:5]) if inconsistent else ''}")
    ok = not (five_xx or lost or late or inconsistent) and tally.acks > 0
    print("SOAK OK" if ok else "SOAK FAILED")
    return 0 if ok else 1


def _finished_count(mode="exam"):
    from quiz.models import Attempt

    return Attempt.objects.filter(mode=mode).exclude(state=Attempt.State.IN_PROGRESS).count()


if __name__ == "__main__":
    sys.exit(main())

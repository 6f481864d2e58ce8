"""Seeding a realistic data set for the benchmark and the soak test, fast (bulk writes).

Call ``setup_django`` (bench/common.py) first. Every function takes its sizes as
arguments so the smoke test can run them small.
"""

import json
import random
import re
import time
from datetime import timedelta
from pathlib import Path

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.hashers import make_password
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from studynotes.models import Section, Topic

ROOT = Path(settings.BASE_DIR)
SEED_NOTES = ROOT / "fixtures" / "notes"
PASSWORD = "bench-pass-1"
CSRF_TOKEN = "BenchCsrfToken0123456789abcdefAB"  # 32 characters: a valid unmasked CSRF secret
HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def timed(fn, *args, **kwargs):
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return result, round(time.perf_counter() - start, 2)


# ---------------------------------------------------------------- notes


def split_sections(text):
    """A note file's ``##`` blocks (heading line included)."""
    blocks, current = [], []
    for line in text.splitlines():
        match = HEADING.match(line)
        if match and len(match.group(1)) == 2 and current:
            blocks.append("\n".join(current))
            current = []
        if match and len(match.group(1)) == 1:
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    return [b for b in blocks if b.strip()]


def synthetic_notes(out_dir, count=300, seed=8, source_dir=SEED_NOTES):
    """Write ``count`` note files recombined from the seed notes' sections. Returns their paths."""
    rng = random.Random(seed)
    sections = []
    for path in sorted(Path(source_dir).glob("*")):
        if path.is_file():
            sections.extend(split_sections(path.read_text(encoding="utf-8", errors="replace")))
    if not sections:
        sections = ["## Empty\n\n- nothing"]
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("bench_*.txt"):
        old.unlink()
    paths = []
    for i in range(count):
        picked = rng.sample(sections, k=min(len(sections), rng.randint(4, 9)))
        body = [f"# Bench study notes {i:03d}", ""]
        for j, block in enumerate(picked):
            lines = block.splitlines()
            if lines and lines[0].startswith("## "):
                lines[0] = f"{lines[0]} ({i:03d}-{j})"
            body.extend(lines + [""])
        path = out_dir / f"bench_{i:03d}.txt"
        path.write_text("\n".join(body), encoding="utf-8")
        paths.append(path)
    return paths


def try_command(name, *args, **options):
    """Run a management command; None (and a note) if it does not exist yet."""
    from django.core.management import get_commands

    if name not in get_commands():
        return None, f"{name}: command not available"
    import io

    _result, seconds = timed(call_command, name, *args, verbosity=0, stdout=io.StringIO(),
                              stderr=io.StringIO(), **options)
    return seconds, None


def ensure_topics(count=40):
    """Topics and sections to hang questions on, if the importer made none."""
    if Topic.objects.exists():
        return
    from studynotes.models import NoteFile

    note = NoteFile.objects.create(name="bench-synthetic.md", sha256="0" * 64, encoding="utf-8", byte_size=1,
                                   imported_at=timezone.now(), importer_version="bench")
    domains = [d for d, _label in Topic._meta.get_field("domain").choices]
    for i in range(count):
        topic = Topic.objects.create(slug=f"bench-topic-{i}", name=f"Bench topic {i}", domain=domains[i % len(domains)])
        section = Section.objects.create(
            note_file=note, heading_path=f"Bench topic {i}", heading=f"Bench topic {i}", level=2, order=i,
            language="ja", markdown=f"Bench topic {i} の説明", html=f"<p>Bench topic {i} の説明</p>",
            text=f"Bench topic {i} の説明", line_start=i * 3 + 1, line_end=i * 3 + 3,
        )
        section.topics.add(topic, through_defaults={"via": "heading"})


def top_up_questions(target=2000, seed=8):
    """Synthetic approved questions until there are ``target``; returns how many were added."""
    from quiz.models import Question

    have = Question.objects.count()
    if have >= target:
        return 0
    rng = random.Random(seed)
    topics = list(Topic.objects.all())
    section_ids = {
        t.pk: list(Section.objects.filter(topics=t).values_list("pk", "note_file__name", "heading_path")[:1])
        for t in topics
    }
    new = []
    for n in range(target - have):
        topic = topics[n % len(topics)]
        choose = 2 if n % 7 == 0 else 1
        sources = [
            {"section": pk, "file": name, "heading_path": hp, "line_start": 1, "line_end": 3, "quote": hp}
            for pk, name, hp in section_ids[topic.pk]
        ]
        new.append(Question(
            identity=f"bench-{n}", type="scenario", topic=topic, family=f"bench family {n % 50}",
            languages=["ja", "en"],
            stem={"ja": f"{topic.name} について正しいものはどれですか ({n})",
                  "en": f"Which statement about {topic.name} is true? ({n})"},
            options=[
                {"key": k, "text": f"Option {k} for {n}", "correct": i < choose,
                 "explanation": {"en": f"{k} is {'right' if i < choose else 'wrong'}.", "ja": "説明"}}
                for i, k in enumerate(rng.sample("ABCD", 4))
            ],
            choose=choose, clues=[{"attribute": "downtime", "value": "none"}], sources=sources,
            status="approved", generator_version="bench",
        ))
    Question.objects.bulk_create(new, batch_size=500)
    return len(new)


# ---------------------------------------------------------------- people


def create_learners(count, prefix="learner"):
    User = get_user_model()
    hashed = make_password(PASSWORD)
    User.objects.bulk_create(
        [User(username=f"{prefix}{i:04d}", email=f"{prefix}{i:04d}@example.com", password=hashed)
         for i in range(count)],
        batch_size=500,
    )
    return list(User.objects.filter(username__startswith=prefix).order_by("username"))


def create_instructor(username="bench-instructor"):
    from studynotes.roles import instructor_group

    User = get_user_model()
    user = User.objects.create_user(username, f"{username}@example.com", PASSWORD)
    user.groups.add(instructor_group())
    return user


def session_cookie(user):
    """A logged-in session for ``user`` (as the login view would make) and the Cookie header carrying it."""
    from importlib import import_module

    store = import_module(settings.SESSION_ENGINE).SessionStore()
    store[SESSION_KEY] = str(user.pk)
    # The backend a real login records: the first configured (RoleAwareBackend loads the user with the
    # instructor flag, so pages ask no extra query for the navigation's instructor link).
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return f"{settings.SESSION_COOKIE_NAME}={store.session_key}; {settings.CSRF_COOKIE_NAME}={CSRF_TOKEN}"


def post_headers(cookie, htmx=True):
    headers = {"Cookie": cookie, "X-CSRFToken": CSRF_TOKEN, "Content-Type": "application/x-www-form-urlencoded"}
    if htmx:
        headers["HX-Request"] = "true"
    return headers


# ---------------------------------------------------------------- answers


def fast_insert(model, objects):
    """INSERT many rows in one ``executemany`` (bulk_create's per-value preparation is the slow part).

    Every concrete column but the id, from the objects (so model defaults of fields added later apply).
    """
    from django.db import connection

    qn = connection.ops.quote_name
    columns = [f for f in model._meta.concrete_fields if not f.primary_key]
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        qn(model._meta.db_table), ", ".join(qn(f.column) for f in columns), ", ".join(["%s"] * len(columns)))

    def prepare(field, value):
        if value is None:
            return None
        if field.get_internal_type() == "JSONField":
            return json.dumps(value)
        if field.get_internal_type() == "DateTimeField":
            return connection.ops.adapt_datetimefield_value(value)
        return value

    rows = [tuple(prepare(f, getattr(obj, f.attname)) for f in columns) for obj in objects]
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 5000):
            cursor.executemany(sql, rows[start:start + 5000])


def seed_answers(learners, total=100_000, per_attempt=20, seed=8):
    """Finished practice attempts with answered items (``total`` answers in all), plus review cards and logs."""
    from quiz.attempts import snapshot
    from quiz.models import Attempt, AttemptItem, Mode, Question

    rng = random.Random(seed)
    questions = list(Question.objects.select_related("topic").order_by("pk"))
    per_learner = max(1, total // max(1, len(learners)))
    attempts_per_learner = max(1, per_learner // per_attempt)
    now = timezone.now()
    templates = {q.pk: snapshot(q, 0, shuffle=False) for q in questions}

    attempts = []
    plan = []
    for user in learners:
        for a in range(attempts_per_learner):
            started = now - timedelta(days=rng.randint(1, 60), minutes=rng.randint(0, 1000))
            attempts.append(Attempt(
                user=user, mode=Mode.PRACTICE, title="Practice", origin="topic", language="ja",
                started_at=started, submitted_at=started + timedelta(minutes=15),
                state=Attempt.State.SUBMITTED, item_count=per_attempt,
            ))
            plan.append(rng.sample(questions, k=min(per_attempt, len(questions))))
    with transaction.atomic():
        Attempt.objects.bulk_create(attempts, batch_size=1000)
    if attempts[0].pk is None:  # SQLite before 3.35 does not return ids
        attempts = list(Attempt.objects.filter(user__in=learners).order_by("pk"))

    items = []
    count = 0
    for attempt, qs in zip(attempts, plan):
        correct_total = 0
        for position, question in enumerate(qs):
            base = templates[question.pk]
            right = rng.random() < 0.65
            chosen = list(base.correct_keys) if right else [
                next(o["key"] for o in base.options if not o["correct"])
            ]
            correct_total += right
            items.append(AttemptItem(
                attempt=attempt, position=position, question=question, question_version=1,
                stem=base.stem, options=base.options, correct_keys=base.correct_keys, choose=base.choose,
                domain=base.domain, topic_slug=base.topic_slug, topic_name=base.topic_name, sources=base.sources,
                chosen=chosen, correct=right, answered_at=attempt.started_at + timedelta(seconds=30 * position),
            ))
            count += 1
        attempt.raw_score = correct_total
        attempt.scaled_score = 100 + int(900 * correct_total / max(1, len(qs)))
        attempt.passed = attempt.scaled_score >= 720
    with transaction.atomic():
        Attempt.objects.bulk_update(attempts, ["raw_score", "scaled_score", "passed"], batch_size=1000)
        fast_insert(AttemptItem, items)
    ids = {(a, p): pk for pk, a, p in AttemptItem.objects.filter(attempt__in=attempts).values_list(
        "pk", "attempt_id", "position").iterator()}
    for item in items:
        item.pk = item.id = ids[(item.attempt_id, item.position)]
    seed_reviews(items)
    return count


def seed_reviews(items):
    """One FSRS card per learner and question, one log per answered item.

    Bulk: one first review per rating is computed once, then shifted to each
    answer's time (what FSRS would compute for a first review at that time).
    """
    try:
        from quiz.progress import reviews
        from quiz.progress.models import ReviewCard, ReviewLog
    except ImportError:  # progress app not there yet
        return 0
    items = [item for item in items if item.pk is not None]
    if not items:
        return 0
    ref = timezone.now()
    first = {rating: reviews.review(None, rating, ref) for rating in (1, 3)}

    def shifted(rating, when):
        card = first[rating]
        due = when + (card.due - ref)
        state = {**card.to_dict(), "due": due.isoformat(), "last_review": when.isoformat()}
        return state, due, card

    cards = {}
    logs = []
    for item in items:
        user_id = item.attempt.user_id
        when = item.answered_at
        rating = 3 if item.correct else 1
        state, due, card = shifted(rating, when)
        key = (user_id, item.question_id)
        current = cards.get(key)
        if current is None or current.last_review < when:
            cards[key] = ReviewCard(
                user_id=user_id, question_id=item.question_id, topic_id=item.question.topic_id,
                domain=item.domain, state=state, due=due, stability=card.stability or 0,
                difficulty=card.difficulty or 0, last_review=when, reps=1, lapses=0, last_recalled=rating != 1,
            )
        logs.append(ReviewLog(
            user_id=user_id, question_id=item.question_id, topic_id=item.question.topic_id, domain=item.domain,
            attempt_item=item, mode="practice", rating=rating, correct=bool(item.correct), reviewed_at=when,
            stability=card.stability or 0, due=due,
        ))
    with transaction.atomic():
        for card in cards.values():
            card.created_at = card.updated_at = ref
        fast_insert(ReviewCard, list(cards.values()))
        ids = {
            (u, q): pk for pk, u, q in ReviewCard.objects.values_list("pk", "user_id", "question_id").iterator()
        }
        for log in logs:
            log.card_id = ids[(log.user_id, log.question_id)]
        fast_insert(ReviewLog, logs)
    return len(logs)


def open_practice_items(learners, per_learner=10, sets_per_learner=1, seed=8):
    """``sets_per_learner`` in-progress practice sets of ``per_learner`` questions for each of
    ``learners``; returns ``[(user, attempt)]``."""
    from quiz.attempts import start_practice
    from quiz.models import Question

    rng = random.Random(seed)
    ids = list(Question.objects.values_list("pk", flat=True))
    out = []
    for _set in range(sets_per_learner):
        for user in learners:
            attempt = start_practice(user, rng.sample(ids, k=min(per_learner, len(ids))), "ja", rng=rng)
            out.append((user, attempt))
    return out


def exam_quiz(question_count=65, minutes=130, slug="bench-exam", title="Bench exam"):
    from quiz.models import Mode, Quiz

    quiz, _created = Quiz.objects.update_or_create(
        slug=slug,
        defaults={"title": title, "mode": Mode.EXAM, "rules": {}, "time_limit_minutes": minutes,
                  "question_count": question_count, "pass_mark": 720, "only_approved": False,
                  "published": True, "attempts_allowed": None},
    )
    return quiz


def open_exams(learners, quiz, seed=8):
    """An in-progress exam attempt of ``quiz`` for each of ``learners``."""
    from quiz.attempts import start_exam

    rng = random.Random(seed)
    return [(user, start_exam(user, quiz, "ja", rng=rng)[0]) for user in learners]

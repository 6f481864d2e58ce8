"""Mastery per topic and per domain, from FSRS retrievability and coverage.

For a topic with ``total`` live questions, of which the learner has seen
``seen``, the *mastery score* is the sum of the seen questions' current
retrievability divided by ``total`` (an unseen question counts 0, and so does one
whose last answer was wrong, until it is answered right again). Levels
(see ``docs/PROGRESS.md``):

- new: no question of the topic answered yet;
- just started: fewer than ``MIN_ANSWERS`` answers to the topic's questions (a question answered again counts
  again): one right answer to a one-question topic scored 100%, "proficient";
- learning: score below 0.60;
- proficient: score 0.60 or more;
- mastered: score 0.85 or more *and* at least half the topic's questions are
  mature (FSRS stability of 21 days or more), so a single good day is not enough.

The aggregates run in the database (``topic_rows``); the level rules are pure.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Case, Count, F, FloatField, Func, Q, Sum, Value, When
from django.db.models.functions import Greatest, NullIf, Power
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import reviews
from .readiness import MIN_SEEN_PER_DOMAIN

PROFICIENT = 0.60
SLUG_PLACEHOLDER = "slug-placeholder"
MASTERED = 0.85
MATURE_SHARE = 0.5
MIN_ANSWERS = MIN_SEEN_PER_DOMAIN  # a topic's answers before its level and score show, as readiness waits


class Level:
    NEW = "new"
    STARTED = "started"
    LEARNING = "learning"
    PROFICIENT = "proficient"
    MASTERED = "mastered"
    ORDER = (NEW, STARTED, LEARNING, PROFICIENT, MASTERED)
    LABELS = {NEW: _("New"), STARTED: _("Just started"), LEARNING: _("Learning"), PROFICIENT: _("Proficient"),
              MASTERED: _("Mastered")}


def level_for(total, seen, score, mature, answers):
    """The mastery level of a topic (or domain) from its counts and score."""
    if not total or not seen:
        return Level.NEW
    if answers < MIN_ANSWERS:
        return Level.STARTED
    if score >= MASTERED and mature >= MATURE_SHARE * total:
        return Level.MASTERED
    if score >= PROFICIENT:
        return Level.PROFICIENT
    return Level.LEARNING


class Scored:
    """Score, percent and level from ``total``, ``seen``, ``recall`` and ``mature``."""

    @property
    def score(self):
        return min(self.recall / self.total, 1.0) if self.total else 0.0

    @property
    def percent(self):
        return round(self.score * 100)

    @property
    def level(self):
        return level_for(self.total, self.seen, self.score, self.mature, self.answers)

    @property
    def needed(self):
        """How many more answers before the level and score show (0: enough)."""
        return max(MIN_ANSWERS - self.answers, 0) if self.seen else 0

    @property
    def level_label(self):
        return str(Level.LABELS[self.level])


@dataclass
class TopicMastery(Scored):
    topic_id: int
    name: str
    slug: str
    domain: str
    total: int
    seen: int = 0
    recall: float = 0.0  # sum of retrievability over seen questions
    mature: int = 0
    answers: int = 0  # answers to the seen questions (their cards' reviews)
    guess: float = None  # sum over the live questions of the chance to guess one right (None: GUESS_RATE each)
    link: str = ""  # the topic page's URL, filled by ``topic_rows`` (one reverse() for all rows)
    names: dict = None  # the glossary's names in other interface languages ({"ja": ..., "ko": ...})

    @property
    def display_name(self):
        """The name in the active interface language (as ``Topic.display_name``)."""
        from django.utils.translation import get_language

        return (self.names or {}).get((get_language() or "en")[:2]) or self.name

    @property
    def url(self):
        return self.link or reverse("studynotes:topic", args=[self.slug])



@dataclass
class DomainMastery(Scored):
    domain: str
    label: str
    topics: list

    @property
    def total(self):
        return sum(t.total for t in self.topics)

    @property
    def seen(self):
        return sum(t.seen for t in self.topics)

    @property
    def recall(self):
        return sum(t.recall for t in self.topics)

    @property
    def mature(self):
        return sum(t.mature for t in self.topics)

    @property
    def answers(self):
        return sum(t.answers for t in self.topics)

    @property
    def level(self):
        # Topics too little answered for a level each make none together: their answers added up to 5 or more
        # said "learning · 0%" over topics all "just started" or "new".
        if all(t.level in (Level.NEW, Level.STARTED) for t in self.topics):
            return Level.STARTED if self.seen else Level.NEW
        return super().level

    @property
    def guess_rate(self):
        """The mean chance of guessing one of the domain's live questions right (``live_topics``)."""
        guess = sum(reviews.GUESS_RATE * t.total if t.guess is None else t.guess for t in self.topics)
        return guess / self.total if self.total else reviews.GUESS_RATE



# --- database ---------------------------------------------------------------


class EpochDays(Func):
    """A datetime column as days since 1970-01-01 (float), on SQLite and PostgreSQL."""

    output_field = FloatField()
    template = "(CAST(EXTRACT(EPOCH FROM %(expressions)s) AS double precision) / 86400.0)"

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="(julianday(%(expressions)s) - 2440587.5)",
                           **extra_context)


def retrievability_expression(now):
    """SQL for a card's retrievability at ``now`` (same formula as ``reviews.retrievability``)."""
    factor, decay = reviews.forgetting_curve_constants()
    now_days = now.timestamp() / 86400.0
    elapsed = Greatest(Value(now_days, output_field=FloatField()) - EpochDays("last_review"),
                       Value(0.0, output_field=FloatField()))
    return Case(
        # Last answered wrong: not counted until answered right again (FSRS's R is about 1 just after a lapse).
        When(last_recalled=False, then=Value(0.0, output_field=FloatField())),
        When(Q(stability__gt=0) & Q(last_review__isnull=False),
             then=Power(Value(1.0, output_field=FloatField()) + Value(factor, output_field=FloatField())
                        * elapsed / F("stability"), Value(decay, output_field=FloatField()))),
        default=Value(0.0, output_field=FloatField()),
        output_field=FloatField(),
    )


class JSONArrayLength(Func):
    """The length of a JSON array column, on SQLite and PostgreSQL."""

    function = "jsonb_array_length"
    output_field = FloatField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="json_array_length", **extra_context)


def guess_chance(prefix=""):
    """SQL for a question's chance of being guessed right: 1 in its number of options, 1 in C(n, 2) for a
    "choose two" (2 of 5: 1 in 10); three or more to choose (1 in 20 or less) count as none."""
    n = JSONArrayLength(f"{prefix}options")
    one = Value(1.0, output_field=FloatField())
    return Case(
        When(**{f"{prefix}choose": 1}, then=one / NullIf(n, 0)),
        When(**{f"{prefix}choose": 2}, then=one / NullIf(n * (n - one) / Value(2.0), 0)),
        default=Value(0.0), output_field=FloatField(),
    )


def live_topics():
    """Topics with live questions: ``[{id, name, names, slug, domain, total, guess}]``, ``guess`` the sum of
    their questions' chances of a right guess (one query)."""
    from quiz.models import Question
    from studynotes.models import Topic

    live = ~Q(questions__status=Question.Status.RETIRED)
    return list(
        Topic.objects.annotate(total=Count("questions", filter=live),
                               guess=Sum(guess_chance("questions__"), filter=live))
        .filter(total__gt=0)
        .order_by("domain", "name")
        .values("id", "name", "names", "slug", "domain", "total", "guess")
    )


def card_aggregates(user, now):
    """Per topic: seen (answered: not a card made only by exam items left unanswered), summed retrievability,
    mature count and answers (the seen cards' reviews) of the learner's live cards (one query)."""
    from quiz.models import Question

    from .models import ReviewCard

    rows = (
        ReviewCard.objects.filter(user=user)
        .exclude(question__status=Question.Status.RETIRED)
        .values("topic_id")
        .annotate(
            seen=Count("id", filter=Q(answered=True)),
            recall=Sum(retrievability_expression(now)),
            mature=Count("id", filter=Q(stability__gte=reviews.MATURE_DAYS)),
            answers=Sum("reps", filter=Q(answered=True), default=0),
        )
        .order_by()
    )
    return {row["topic_id"]: row for row in rows}


def topic_rows(user, now=None, topics=None, cards=None):
    """``TopicMastery`` for every topic with live questions, in domain and name order (two queries; none for
    what is given: ``topics``, what ``live_topics()`` returned, and ``cards``, what ``card_aggregates`` did)."""
    now = now or timezone.now()
    cards = card_aggregates(user, now) if cards is None else cards
    out = []
    # Slugs are [-a-zA-Z0-9_]: put each in place of a placeholder rather than reverse() per row.
    url = reverse("studynotes:topic", args=[SLUG_PLACEHOLDER])
    for topic in live_topics() if topics is None else topics:
        agg = cards.get(topic["id"], {})
        # Cards follow their question's topic (reviews.follow_topic_changes), so read together seen <= total.
        # The clamp stays because ``topics`` may be the shared dashboard cache, counted before a question of
        # this topic came back from retirement or was added (until the content stamp or MAX_AGE renews it).
        out.append(TopicMastery(
            topic_id=topic["id"], name=topic["name"], slug=topic["slug"], domain=topic["domain"],
            total=topic["total"], seen=min(agg.get("seen", 0), topic["total"]),
            recall=float(agg.get("recall") or 0.0), mature=agg.get("mature", 0), answers=agg.get("answers") or 0,
            guess=topic.get("guess"), link=url.replace(SLUG_PLACEHOLDER, topic["slug"]),
            names=topic.get("names") or {},
        ))
    return out


def by_domain(rows):
    """Group topic rows into ``DomainMastery`` in the order the domains first appear."""
    from studynotes.models import Domain

    labels = dict(Domain.choices)
    groups = {}
    for row in rows:
        groups.setdefault(row.domain, []).append(row)
    return [DomainMastery(domain, labels.get(domain, domain), topics) for domain, topics in groups.items()]


def weakest(rows, n=3):
    """The ``n`` weakest topics: started ones with the lowest score first; new topics only to fill up."""
    started = sorted((r for r in rows if r.seen), key=lambda r: (r.score, r.name))
    new = sorted((r for r in rows if not r.seen), key=lambda r: r.name)
    return (started + new)[:n]


__all__ = ["Level", "level_for", "TopicMastery", "DomainMastery", "topic_rows", "by_domain", "weakest",
           "retrievability_expression"]

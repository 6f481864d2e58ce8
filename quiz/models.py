"""Questions, quizzes, attempts and progress. Reads studynotes; never the other way round."""

import hashlib
import json
import math
import uuid

from django.conf import settings
from django.db import models
from django.db.models.lookups import IsNull
from django.utils import timezone
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from studynotes.models import NoteImage, Section, Topic

from . import scoring


class QuestionQuerySet(models.QuerySet):
    def live(self):
        """Questions a learner may be asked (not retired)."""
        return self.exclude(status=Question.Status.RETIRED)

    def approved(self):
        return self.filter(status=Question.Status.APPROVED)


class Question(models.Model):
    """A multiple-choice question drawn from the notes.

    Identity comes from what it asks (``identity``: a hash of family, answer,
    clue set and type), so regeneration finds the same row again.

    ``stem`` is ``{lang: text}``. ``options`` is a list of
    ``{"key": "A", "text": str, "correct": bool, "explanation": {lang: text}}``.
    ``clues`` is a list of ``{"attribute": str, "value": str}``.
    ``sources`` is a list of ``{"section": id, "file": name, "heading_path": str,
    "line_start": int, "line_end": int, "quote": str}``.
    """

    class Type(models.TextChoices):
        SCENARIO = "scenario", _("Scenario")
        DEFINITION_TO_TERM = "definition_to_term", _("Definition to term")
        TERM_TO_DEFINITION = "term_to_definition", _("Term to definition")
        CHOOSE_N = "choose_n", _("Choose N true statements")
        NUMERIC = "numeric", _("Numeric or fact recall")
        COMPARISON = "comparison", _("Family comparison")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")
        RETIRED = "retired", _("Retired")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    identity = models.CharField(max_length=64, unique=True)
    type = models.CharField(max_length=24, choices=Type.choices)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="questions")
    family = models.CharField(max_length=100, blank=True)
    languages = models.JSONField(default=list)
    stem = models.JSONField(default=dict)
    options = models.JSONField(default=list)
    choose = models.PositiveSmallIntegerField(default=1, help_text="How many options are correct.")
    clues = models.JSONField(default=list, blank=True)
    sources = models.JSONField(default=list)
    sections = models.ManyToManyField(Section, related_name="questions", blank=True)
    figure = models.ForeignKey(
        NoteImage, null=True, blank=True, on_delete=models.SET_NULL, related_name="questions",
        help_text="A picture of one of its source sections, shown with the stem.",
    )
    figure_alt = models.CharField(max_length=300, blank=True,
                                  help_text="The note's alt text for the figure (blank: its file name).")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    # Who retired it: the generator (its basis vanished from the notes; it comes back when the basis does) or an
    # instructor (it stays retired whatever the generator finds).
    retired_by = models.CharField(max_length=10, blank=True, choices=[("generator", "generator"),
                                                                     ("instructor", "instructor")])
    # The version at which an instructor last changed which options are right (None: never). Attempt items of an
    # earlier version were graded with the old key: their review says the key was corrected since.
    key_corrected_version = models.PositiveIntegerField(null=True, blank=True)
    locked = models.BooleanField(default=False, help_text="Edited by an instructor: regeneration leaves it alone.")
    version = models.PositiveIntegerField(default=1)
    generator_version = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["topic", "type", "id"]
        # Live questions per topic (dashboard, practice selection) read this index alone, not the wide rows.
        indexes = [models.Index(fields=["topic", "status"], name="question_topic_status")]

    def __str__(self):
        return f"{self.get_type_display()} · {self.topic.name} · {self.uid}"

    @property
    def domain(self):
        return self.topic.domain

    def stem_in(self, language):
        """The stem in ``language``, else in the first language it has."""
        if language in self.stem:
            return self.stem[language]
        for lang in self.languages:
            if lang in self.stem:
                return self.stem[lang]
        return next(iter(self.stem.values()), "")

    def stem_lang(self, language):
        """The language ``stem_in(language)`` is written in: its ``lang`` (a Japanese-only question in the
        Korean interface), for screen readers and CJK glyphs."""
        if language in self.stem:
            return language
        for lang in self.languages:
            if lang in self.stem:
                return lang
        return next(iter(self.stem), language)

    def correct_keys(self):
        return sorted(option["key"] for option in self.options if option.get("correct"))


class QuestionVersion(models.Model):
    """A saved earlier state of a question (kept on every edit)."""

    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveIntegerField()
    data = models.JSONField()
    edited_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["question", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["question", "version"], name="questionversion_unique"),
        ]


class GenerationRun(models.Model):
    """The generator version that last saved the bank (``generation.pipeline.save``). A release older than the
    one that wrote the bank refuses to generate: during a rolling deploy, an old server's "Generate questions"
    would otherwise bring back what the new generator retired and undo its rewordings."""

    version = models.CharField(max_length=20)
    finished_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-finished_at", "-id"]

    def __str__(self):
        return f"{self.version} ({self.finished_at:%Y-%m-%d %H:%M})"


class GenerationIssue(models.Model):
    """Something the generator refused to ask, for instructors to see.

    ``conflict``: two sections state different values for one concept and
    attribute. ``contradiction``: a note claim contradicts the curated reference.
    """

    class Kind(models.TextChoices):
        CONFLICT = "conflict", _("Conflict between notes")
        CONTRADICTION = "contradiction", _("Contradicts the AWS documentation")

    key = models.CharField(max_length=64, unique=True)
    kind = models.CharField(max_length=16, choices=Kind.choices)
    family = models.CharField(max_length=100, blank=True)
    member = models.CharField(max_length=200, blank=True)
    attribute = models.CharField(max_length=100, blank=True)
    details = models.JSONField(default=dict)
    sections = models.ManyToManyField(Section, related_name="generation_issues", blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "family", "member"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.family} {self.member} {self.attribute}"

    def places(self):
        """The note lines it quotes (``{"file", "quote", ...}``): a contradiction's claims, a conflict's values."""
        from quiz.generation.pipeline import issue_places

        return issue_places(self.details)

    @property
    def identity(self):
        """What an instructor's "handled" mark (``instructor.HandledIssue``) holds on to across regeneration: kind,
        concept and the quoted lines by file and normalised text. Not ``key``: that names a contradiction by its
        line number (a line added above it would reopen it) and a conflict by its concept only (an edited line
        would stay handled)."""
        from quiz.generation.text import norm

        lines = sorted({(str(w.get("file", "")), norm(str(w.get("quote", "")))) for w in self.places()})
        text = json.dumps([self.kind, self.family, self.member, self.attribute, lines], ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()[:40]


# ---------------------------------------------------------------------------
# Quizzes and attempts (issue 5). An attempt stores a snapshot of every
# question as shown, so later edits or retirement never change it.
# ---------------------------------------------------------------------------


class Mode(models.TextChoices):
    PRACTICE = "practice", _("Practice")
    EXAM = "exam", _("Exam")


class QuizQuerySet(models.QuerySet):
    def with_shared_titles(self):
        """Each quiz with ``n_same_title``: how many quizzes (itself included) have its title. Quizzes belong to
        no one instructor (every instructor lists, edits and assigns them all), so titles may repeat: lists say
        more of those than the title."""
        return self.annotate(n_same_title=models.Window(models.Count("pk"), partition_by=[models.F("title")]))

    def exams(self):
        return self.filter(mode=Mode.EXAM)

    def practice(self):
        return self.filter(mode=Mode.PRACTICE)

    def published(self):
        return self.filter(published=True)

    def open_at(self, when):
        return self.filter(
            models.Q(opens_at__isnull=True) | models.Q(opens_at__lte=when),
            models.Q(closes_at__isnull=True) | models.Q(closes_at__gt=when),
        )

    def with_fixed_counts(self):
        """Each quiz with ``n_fixed``, the questions on its fixed list (0: drawn at random), ``n_askable``, how
        many of them an attempt gets (not retired, and approved when the quiz takes approved ones only, as
        ``selection.question_pool``), and ``n_retired``, how many of them are retired."""
        Status = Question.Status
        askable = (models.Q(questions__status=Status.APPROVED)
                   | models.Q(only_approved=False, questions__status=Status.DRAFT))
        return self.annotate(
            n_fixed=models.Count("questions", distinct=True),
            n_askable=models.Count("questions", filter=askable, distinct=True),
            n_retired=models.Count("questions", filter=models.Q(questions__status=Status.RETIRED), distinct=True),
        )


class Quiz(models.Model):
    """A recipe for attempts: which questions, how many, how long, what passes.

    ``rules`` (all keys optional)::

        {"topics": [slug, ...],            # restrict to these topics
         "topic_counts": {slug: count, ...},  # exact counts per topic, drawn first
         "domains": {domain: count, ...},  # exact counts per domain
         "weights": {domain: percent, ...}}  # blueprint weights (normalised)

    With ``questions`` set (the instructor's fixed list) the rules are ignored.
    """

    MOCK_EXAM_SLUG = "mock-exam"

    slug = models.SlugField(max_length=100, unique=True, allow_unicode=True)  # made from the title
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.EXAM)
    rules = models.JSONField(default=dict, blank=True)
    language = models.CharField(
        max_length=2, blank=True, help_text="Question language; blank means the learner's interface language."
    )
    time_limit_minutes = models.PositiveIntegerField(default=130, null=True, blank=True)
    question_count = models.PositiveIntegerField(default=65)
    pass_mark = models.PositiveIntegerField(default=720, help_text="On the 100-1000 scale.")
    shuffle = models.BooleanField(default=True, help_text="Shuffle question and option order per attempt.")
    attempts_allowed = models.PositiveIntegerField(null=True, blank=True, help_text="Blank: unlimited.")
    opens_at = models.DateTimeField(null=True, blank=True)
    closes_at = models.DateTimeField(null=True, blank=True)
    only_approved = models.BooleanField(default=True, help_text="Draw only approved questions (else any live one).")
    published = models.BooleanField(default=True)
    questions = models.ManyToManyField(Question, related_name="quizzes", blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="quizzes_created")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuizQuerySet.as_manager()

    class Meta:
        ordering = ["mode", "title"]
        verbose_name_plural = "quizzes"

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        from django.urls import reverse

        return reverse("quiz:exam_start", args=[self.slug])

    @property
    def shown_count(self):
        """The number of questions to show in a list of quizzes (annotated by ``with_fixed_counts``): a fixed
        list's questions an attempt gets, else ``question_count`` (the start page says when the bank has fewer)."""
        return min(self.n_askable, self.question_count) if self.n_fixed else self.question_count

    @property
    def display_title(self):
        """The title in the interface language when it is one of ours (the mock exam), else as written."""
        return gettext(self.title) if self.title else ""

    @property
    def display_description(self):
        return gettext(self.description) if self.description else ""

    def is_open(self, when):
        return (self.opens_at is None or self.opens_at <= when) and (self.closes_at is None or when < self.closes_at)


class AttemptQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def in_progress(self):
        return self.filter(state=Attempt.State.IN_PROGRESS)

    def finished(self):
        return self.exclude(state=Attempt.State.IN_PROGRESS)

    def practice(self):
        return self.filter(mode=Mode.PRACTICE)

    def exams(self):
        return self.filter(mode=Mode.EXAM)

    def overdue(self, now):
        """In progress with a deadline already passed: to be graded at their deadline."""
        return self.in_progress().filter(deadline__isnull=False, deadline__lte=now)

    def open_exams(self, now):
        """Exams in progress and not past their deadline: their questions are kept out of practice and reviews."""
        return self.in_progress().exams().filter(models.Q(deadline__isnull=True) | models.Q(deadline__gt=now))

    def with_answered_counts(self):
        """Each attempt with ``n_answered``, its items answered (in the same query)."""
        return self.annotate(n_answered=models.Count("items", filter=models.Q(items__answered_at__isnull=False)))

    def with_topic_names(self):
        """Each attempt with its first item's topic names (``first_topic_name``, ``first_topic_names``), in the
        same query: ``display_title`` names a topic practice set with them in the viewer's language."""
        first = AttemptItem.objects.filter(attempt=models.OuterRef("pk"), position=0)
        topics = (AttemptItem.objects.filter(attempt=models.OuterRef("pk")).order_by().values("attempt")
                  .annotate(n=models.Count("topic_slug", distinct=True)).values("n"))
        return self.annotate(
            first_topic_name=models.Subquery(first.values("topic_name")[:1]),
            first_topic_names=models.Subquery(first.values("topic_names")[:1], output_field=models.JSONField()),
            topic_count=models.Subquery(topics[:1], output_field=models.IntegerField()),
        )

    def with_score_held(self, user, now):
        """Each attempt with ``score_held``: a practice set one of whose questions an exam of ``user`` in
        progress at ``now`` asks. Its score waits for the exam's end like the question's verdict (in a
        one-question set it is that verdict); an exam's score is its grade and stays. In the same query."""
        from .selection import in_open_exam

        # A scalar subquery, not EXISTS: PostgreSQL turns an EXISTS in the select list into one hashed pass over
        # every answer ever given to the exam's questions (4,000 rows, 20 ms at 100,000 answers, and growing with
        # them); a scalar subquery reads the listed set's own items, by its index on attempt (SQLite does either way)
        held = AttemptItem.objects.filter(attempt=models.OuterRef("pk"),
                                          question_id__in=in_open_exam(user, now)).order_by().values("pk")[:1]
        return self.annotate(score_held=models.ExpressionWrapper(
            models.Q(mode=Mode.PRACTICE) & models.Q(IsNull(models.Subquery(held), False)),
            output_field=models.BooleanField()))


def topic_set_name(name, more):
    """A practice set named after its topics: ``name``, its first topic's, and how many ``more`` it asks about
    ("Amazon S3 and 7 more topics"). ``Attempt.display_title`` and the practice summary's heading say it."""
    if more > 0:
        return ngettext("%(topic)s and %(n)d more topic", "%(topic)s and %(n)d more topics", more) % {
            "topic": name, "n": more}
    return name


class Attempt(models.Model):
    """One sitting of a quiz (or an ad-hoc practice set) by one user."""

    class State(models.TextChoices):
        IN_PROGRESS = "in_progress", _("In progress")
        SUBMITTED = "submitted", _("Submitted")
        EXPIRED = "expired", _("Expired")

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="attempts")
    quiz = models.ForeignKey(Quiz, null=True, blank=True, on_delete=models.SET_NULL, related_name="attempts")
    mode = models.CharField(max_length=10, choices=Mode.choices)
    title = models.CharField(max_length=200, blank=True, help_text="The quiz title (or practice label) at start.")
    origin = models.CharField(max_length=40, blank=True, help_text="What started it: topic, setup, review, exam.")
    language = models.CharField(max_length=2)
    pass_mark = models.PositiveIntegerField(default=720)
    started_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True, blank=True)
    # An exam without a time limit: its ``deadline`` is its last activity plus ``settings.QUIZ_IDLE_EXAM_DAYS`` (and
    # up to an hour, ``attempts.idle_deadline``), moved on by each visit or answer (``attempts.move_to``), so one left
    # for good ends and is graded as a timed exam that ran out (its questions held from practice and reviews
    # meanwhile). No countdown is shown for it.
    ends_when_idle = models.BooleanField(default=False)
    submitted_at = models.DateTimeField(null=True, blank=True)
    state = models.CharField(max_length=12, choices=State.choices, default=State.IN_PROGRESS)
    item_count = models.PositiveIntegerField(default=0)
    raw_score = models.PositiveIntegerField(null=True, blank=True, help_text="Items answered correctly.")
    scaled_score = models.PositiveIntegerField(null=True, blank=True)
    passed = models.BooleanField(null=True, blank=True)
    position = models.PositiveIntegerField(default=0, help_text="The item the learner is on (0-based).")
    # How many of a practice set's items are answered, counted by the answers themselves on the attempt's row
    # (the row each answer locks): on PostgreSQL an answer is one statement whose snapshot may predate its wait
    # for that lock, and this count, read from the row's newest version once locked, tells it whether it
    # finished the set (``quiz.pgwrites.answer_practice``). Never lower than the answered items (two tabs
    # racing on one item may both count it): grading counts the items themselves.
    answered_count = models.PositiveIntegerField(default=0)
    # Graded while its instructor kept the answers closed, or while another exam in progress asked one of its
    # questions: its items made no review cards then. ``attempts.catch_up_reviews`` makes them once review opens
    # and no exam in progress asks them, and clears this.
    reviews_withheld = models.BooleanField(default=False)

    objects = AttemptQuerySet.as_manager()

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "quiz"], condition=models.Q(state="in_progress"),
                name="attempt_one_in_progress_per_user_quiz",
            ),
        ]
        indexes = [
            models.Index(fields=["user", "state"], name="attempt_user_state"),
            # The few attempts waiting for their reviews, looked up on every dashboard: a tiny partial index.
            models.Index(fields=["user"], condition=models.Q(reviews_withheld=True),
                         name="attempt_reviews_withheld"),
        ]

    def __str__(self):
        return f"{self.title or self.get_mode_display()} · {self.user} · {self.started_at:%Y-%m-%d %H:%M}"

    def get_absolute_url(self):
        from django.urls import reverse

        if self.mode == Mode.EXAM:
            if self.state == self.State.IN_PROGRESS:
                return reverse("quiz:exam_item", args=[self.uid, self.position + 1])
            return reverse("quiz:exam_result", args=[self.uid])
        if self.state == self.State.IN_PROGRESS:
            return reverse("quiz:practice_item", args=[self.uid, self.position + 1])
        return reverse("quiz:practice_summary", args=[self.uid])

    @property
    def display_title(self):
        """``title`` in the interface language: ours ("Practice", "Mock exam") translated; a topic practice set
        named after its topic in the interface language when ``AttemptQuerySet.with_topic_names()`` read it
        (else as stored: the name in the language it was started in)."""
        if self.origin in ("topic", "setup") and self.__dict__.get("first_topic_name"):
            from django.utils.translation import get_language

            names = self.__dict__.get("first_topic_names") or {}
            name = names.get((get_language() or "en")[:2]) or self.first_topic_name
            if self.origin == "topic":
                return name
            # a set from the practice setup: "Practice" alone said nothing of what it asks
            more = (self.__dict__.get("topic_count") or 1) - 1
            return gettext("Practice: %(topic)s") % {"topic": topic_set_name(name, more)}
        return gettext(self.title) if self.title else self.get_mode_display()

    @property
    def is_open(self):
        return self.state == self.State.IN_PROGRESS

    def is_past_deadline(self, now):
        return self.deadline is not None and now >= self.deadline

    def seconds_left(self, now):
        """Whole seconds to the deadline, rounded up (a countdown reaching zero is never early); None without a
        time limit (an idle deadline is no countdown)."""
        if self.deadline is None or self.ends_when_idle:
            return None
        return max(0, math.ceil((self.deadline - now).total_seconds()))

    @property
    def percent_right(self):
        """The share of its items right, a whole percent (``scoring.percent``): what a practice set is scored by."""
        return scoring.percent(self.raw_score or 0, self.item_count)

    @property
    def time_used(self):
        """From start to submission; None when not known: unfinished, or an exam without a time limit ended
        left without activity (its end is days after its last answer)."""
        if self.submitted_at is None or (self.ends_when_idle and self.state == self.State.EXPIRED):
            return None
        return self.submitted_at - self.started_at


class AttemptItemQuerySet(models.QuerySet):
    def with_in_open_exam(self, user, now):
        """Each item with ``in_open_exam``: an exam of ``user`` in progress at ``now`` asks its question, so its key
        is not shown until that exam ends (``selection.in_open_exam``; in the same query)."""
        from .selection import asked_in_open_exam

        return self.annotate(in_open_exam=asked_in_open_exam(user, now))


class AttemptItem(models.Model):
    """One question of an attempt, frozen as shown.

    ``options`` is the shown order: ``[{"key", "text", "correct", "explanation": {lang: text}}]``;
    ``key`` is the question's own key (answers are stored by it), the label shown
    is the position letter. ``chosen`` is the list of chosen keys.
    """

    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(help_text="0-based order within the attempt.")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="attempt_items")
    question_version = models.PositiveIntegerField(default=1)
    stem = models.JSONField(default=dict)
    options = models.JSONField(default=list)
    correct_keys = models.JSONField(default=list)
    # The right options when the item was first shown (its exam's start). ``correct_keys`` is what it is graded
    # with: an instructor's correction while the exam is open changes that, not this (``key_changed_in_exam``).
    # None: an item from before this was kept.
    shown_keys = models.JSONField(null=True, blank=True)
    choose = models.PositiveSmallIntegerField(default=1)
    domain = models.CharField(max_length=20)
    topic_slug = models.CharField(max_length=100)
    topic_name = models.CharField(max_length=200)
    topic_names = models.JSONField(default=dict, blank=True,
                                   help_text="The topic's name in other interface languages when the attempt began.")
    sources = models.JSONField(default=list)
    figure = models.JSONField(
        default=dict, blank=True,
        help_text='The question\'s picture as shown: {"url", "thumb_url", "srcset", "width", "height", "alt"}; '
                  "empty when it had none.",
    )
    chosen = models.JSONField(default=list, blank=True)
    flagged = models.BooleanField(default=False)
    answered_at = models.DateTimeField(null=True, blank=True)
    correct = models.BooleanField(null=True, blank=True)
    rating = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Review rating (progress app).")

    objects = AttemptItemQuerySet.as_manager()

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "position"], name="attemptitem_unique_position"),
        ]
        indexes = [models.Index(fields=["question", "answered_at"], name="attemptitem_question_answered")]

    def __str__(self):
        return f"{self.attempt_id} #{self.position + 1}"

    @property
    def number(self):
        return self.position + 1

    @property
    def key_changed_in_exam(self):
        """An instructor corrected the key while the item's exam was open (``attempts.refresh_open_items``): it
        is graded with other right options than it was shown with at the start. (``attempts.apply_correction``
        keeps the graded key in ``graded_keys`` while it shows a later correction's.)"""
        graded = getattr(self, "graded_keys", self.correct_keys)
        return self.shown_keys is not None and sorted(self.shown_keys) != sorted(graded)

    def stem_in(self, language):
        if language in self.stem:
            return self.stem[language]
        return next(iter(self.stem.values()), "")

    def stem_lang(self, language):
        """The language ``stem_in(language)`` is written in when it is not ``language`` (a Japanese-only
        question in a Korean set), else "": the stem's ``lang`` attribute, for screen readers and CJK glyphs."""
        if language in self.stem or not self.stem:
            return ""
        return next(iter(self.stem))

    def text_lang(self, language):
        """The language ``stem_in(language)`` is written in (``language``, else the stem's first one): the
        ``lang`` of the stem and of the option texts, which the question writes in the stem's language."""
        if language in self.stem or not self.stem:
            return language
        return next(iter(self.stem))

    @property
    def display_topic_name(self):
        """The topic's name (as it was when the attempt began) in the active interface language."""
        from django.utils.translation import get_language

        return (self.topic_names or {}).get((get_language() or "en")[:2]) or self.topic_name

    def explanation_in(self, option, language):
        explanation = option.get("explanation") or {}
        if language in explanation:
            return explanation[language]
        return next(iter(explanation.values()), "")

    def explanation_lang(self, option, language):
        """The language ``explanation_in(option, language)`` is written in: its ``lang``."""
        explanation = option.get("explanation") or {}
        if language in explanation or not explanation:
            return language
        return next(iter(explanation))


class ProblemReport(models.Model):
    """A learner's "something is wrong with this question", for the instructors' queue."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                             related_name="problem_reports")
    # PROTECT: a learner's report outlives its attempt (``item`` goes null), not a deletion of its question
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="problem_reports")
    item = models.ForeignKey(AttemptItem, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="problem_reports")
    text = models.TextField(max_length=1000)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved = models.BooleanField(default=False)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="problem_reports_resolved")

    class Meta:
        ordering = ["resolved", "-created_at"]
        indexes = [models.Index(fields=["resolved", "created_at"], name="problemreport_open")]

    def __str__(self):
        return f"Report on {self.question_id}: {self.text[:60]}"

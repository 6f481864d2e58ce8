"""Questions, quizzes, attempts and progress. Reads studynotes; never the other way round."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from studynotes.models import Section, Topic


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
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    locked = models.BooleanField(default=False, help_text="Edited by an instructor: regeneration leaves it alone.")
    version = models.PositiveIntegerField(default=1)
    generator_version = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = QuestionQuerySet.as_manager()

    class Meta:
        ordering = ["topic", "type", "id"]

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

"""Classes, memberships, assignments of quizzes to classes, handled generator issues, and the audit log."""

import secrets

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q, Value
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

JOIN_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
JOIN_CODE_LENGTH = 8


def new_join_code():
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


class ClassroomQuerySet(models.QuerySet):
    def owned_by(self, user):
        """Classes an instructor may manage (superusers see all)."""
        if user.is_superuser:
            return self
        return self.filter(owner=user)

    def named(self, name):
        """Classes called ``name``, case aside, compared as the unique constraint ``classroom_name_unique`` compares
        them (``LOWER`` of both sides, in the database)."""
        return self.alias(lowered_name=Lower("name")).filter(lowered_name=Lower(Value(name)))


# the names of the classes the app makes itself (``quiz.instructor.demo``), shown in the interface language
DEMO_CLASS = gettext_noop("Demo class")
BUILT_IN_NAMES = frozenset({DEMO_CLASS})


def class_name_shown(name):
    """A class's ``name`` as pages show it: in the interface language when it is one of ours, else as written."""
    return gettext(name) if name in BUILT_IN_NAMES else name


class Classroom(models.Model):
    """A group of learners run by one instructor; learners join with ``join_code``."""

    name = models.CharField(_("name"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="classrooms_owned", verbose_name=_("owner")
    )
    join_code = models.CharField(_("join code"), max_length=16, unique=True, default=new_join_code)
    learners = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", through_fields=("classroom", "learner"),
        related_name="classrooms", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ClassroomQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("class")
        verbose_name_plural = _("classes")
        # one name per class of an instructor, case aside (as ``ClassroomForm`` checks it, with ``named``): the
        # form's check and the save are two steps, two creates at once (or the admin) could pass it both
        constraints = [
            models.UniqueConstraint(
                "owner", Lower("name"), name="classroom_name_unique",
                violation_error_message=_("This instructor already has a class with this name."),
            ),
        ]

    def __str__(self):
        return self.name  # what is stored (the audit log's label): pages show ``display_name``

    @property
    def display_name(self):
        """The name in the interface language when it is one of ours (``seed_demo``'s class), else as written."""
        return class_name_shown(self.name)

    def get_absolute_url(self):
        return reverse("instructor:class_detail", args=[self.pk])

    def quizzes_to_hand_over(self):
        """The quizzes that go with the class when it is handed over: those its owner made that are assigned to it
        and to no other class of theirs (a quiz they also set in a class they keep stays theirs)."""
        from quiz.models import Quiz

        kept = Assignment.objects.filter(quiz=OuterRef("pk"), classroom__owner_id=self.owner_id).exclude(
            classroom_id=self.pk)
        return Quiz.objects.filter(created_by_id=self.owner_id, assignments__classroom=self).exclude(
            Exists(kept)).order_by("title", "pk")

    def hand_over(self, new_owner):
        """Make ``new_owner`` the class's owner, with its assignments (they hang on the class) and
        ``quizzes_to_hand_over``; memberships, attempts and results stay as they are. Returns the quizzes moved,
        or None when the class is no longer its owner's to give (handed over from another tab meanwhile).
        Raises IntegrityError when ``new_owner`` has a class of this name (``classroom_name_unique``)."""
        from quiz.models import Quiz

        with transaction.atomic():
            quizzes = list(self.quizzes_to_hand_over())
            if not Classroom.objects.filter(pk=self.pk, owner_id=self.owner_id).update(owner=new_owner):
                return None
            Quiz.objects.filter(pk__in=[quiz.pk for quiz in quizzes]).update(created_by=new_owner)
        self.owner = new_owner
        return quizzes


class MembershipQuerySet(models.QuerySet):
    def current(self):
        """Memberships that have not ended: the learner is in the class now."""
        return self.filter(left_at__isnull=True)

    def during_attempt(self):
        """For an ``Exists`` over ``Attempt``: the memberships during which the outer attempt's learner
        started it (from ``joined_at`` until ``left_at``)."""
        started = OuterRef("started_at")
        return self.filter(learner_id=OuterRef("user_id"), joined_at__lte=started).filter(
            Q(left_at__isnull=True) | Q(left_at__gt=started))


class Membership(models.Model):
    """A learner in a class, from ``joined_at`` until ``left_at`` (the learner left, or was removed).

    ``extra_minutes`` lengthens every timed exam assigned to the class. A membership that ended stays: the
    attempts made during it stay in the class's results. Joining again starts a new membership."""

    # PROTECT: deleting a class (the admin; there is no such screen) would drop its learners' memberships, and
    # with them every attempt from the class's results. A class nobody ever joined may go.
    classroom = models.ForeignKey(Classroom, on_delete=models.PROTECT, related_name="memberships")
    learner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships")
    extra_minutes = models.PositiveSmallIntegerField(
        _("extra time (minutes)"), default=0, help_text=_("Accessibility arrangement: added to exam time limits.")
    )
    joined_at = models.DateTimeField(auto_now_add=True)
    left_at = models.DateTimeField(null=True, blank=True)
    # The instructor who added the learner by user name (None: the learner joined with the code), and when the
    # learner's dashboard told them so.
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    seen_at = models.DateTimeField(null=True, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        ordering = ["classroom", "learner__username"]
        constraints = [
            models.UniqueConstraint(fields=["classroom", "learner"], condition=Q(left_at__isnull=True),
                                    name="membership_unique_current"),
        ]

    def __str__(self):
        return f"{self.learner} in {self.classroom}"

    def end(self, now=None):
        """The learner leaves the class (or is removed): the class's rules stop applying to them, and the
        attempts they start from now on are not the class's. False when it had ended already (left from two
        tabs at once, or while the instructor removed them): it keeps the end it was given first."""
        now = now or timezone.now()
        if not Membership.objects.filter(pk=self.pk, left_at__isnull=True).update(left_at=now):
            return False
        self.left_at = now
        return True


class AuditLog(models.Model):
    """Who changed which question, quiz or class, and when."""

    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=40)
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now, db_index=True)
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="auditlog_object")]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_type} {self.object_label}"

    @classmethod
    def record(cls, actor, action, obj=None, *, object_type=None, label=None, details=None):
        """Write one entry; ``obj`` gives type, id and label unless given explicitly."""
        return cls.objects.create(
            actor=actor if actor is not None and actor.is_authenticated else None,
            action=action,
            object_type=object_type or (obj._meta.model_name if obj is not None else ""),
            object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
            object_label=(label if label is not None else str(obj) if obj is not None else "")[:300],
            details=details or {},
        )


class HandledIssue(models.Model):
    """An instructor has looked at a generator issue (``quiz.GenerationIssue``). Keyed by the issue's ``identity``,
    not its row: the mark survives re-import and regeneration while the same lines say the same thing, and an
    edited line makes a new identity, open again. Reopening deletes the row."""

    identity = models.CharField(max_length=40, unique=True)
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    handled_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.identity} ({self.handled_at:%Y-%m-%d})"

    @classmethod
    def marks_for(cls, issues):
        """``{identity: mark}`` of the handled ones among ``issues`` (``GenerationIssue`` rows), in one query."""
        return {mark.identity: mark for mark in cls.objects.filter(
            identity__in={issue.identity for issue in issues}).select_related("handled_by")}


class Assignment(models.Model):
    """A quiz set for a class, with a due date and a rule for when learners may review their answers."""

    class ReviewOpens(models.TextChoices):
        IMMEDIATELY = "immediately", _("Right after submitting")
        AFTER_DUE = "after_due", _("After the due date")
        NEVER = "never", _("Never")

    classroom = models.ForeignKey(Classroom, on_delete=models.CASCADE, related_name="assignments",
                                  verbose_name=_("class"))
    quiz = models.ForeignKey("quiz.Quiz", on_delete=models.PROTECT, related_name="assignments", verbose_name=_("quiz"))
    due_at = models.DateTimeField(_("due"), null=True, blank=True)
    review_opens = models.CharField(_("review opens"), max_length=12, choices=ReviewOpens.choices,
                                    default=ReviewOpens.IMMEDIATELY)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)  # a changed due date or rule reaches cached dashboards

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["classroom", "quiz"], name="assignment_unique_quiz_per_class"),
        ]

    def __str__(self):
        return f"{self.quiz} → {self.classroom}"

    def get_absolute_url(self):
        return reverse("instructor:results", args=[self.pk])

    def audit_details(self, **details):
        """What the audit log keeps of the assignment: its quiz, ``details``, its due date and, for an exam, its
        review rule (a practice set shows each answer's explanation as it is given: its stored rule means
        nothing, and the log would contradict the class page)."""
        from quiz.models import Mode

        kept = {"quiz": self.quiz_id, **details, "due_at": self.due_at.isoformat() if self.due_at else None}
        if self.quiz.mode != Mode.PRACTICE:
            kept["review_opens"] = self.review_opens
        return kept

    def class_attempts(self):
        """The attempts the class's instructor sees for this assignment (results, CSV, attempt reviews,
        item analysis): at its quiz, started once it was assigned, by a learner who was in the class then.
        Attempts made before joining, after leaving, or before the quiz was assigned to the class are the
        learner's own."""
        from quiz.models import Attempt

        members = Membership.objects.filter(classroom_id=self.classroom_id).during_attempt()
        return Attempt.objects.filter(quiz_id=self.quiz_id, started_at__gte=self.created_at).filter(
            models.Exists(members))

    def review_for_learner(self):
        """The review rule as the learner reads it: when they see the answers and explanations (the instructor's
        "Review opens" names the rule). A practice set shows each answer's as it is given, whatever the rule."""
        from quiz.models import Mode

        if self.quiz.mode == Mode.PRACTICE:
            return _("Shown as you answer each question")
        return {
            self.ReviewOpens.IMMEDIATELY: _("Shown right after you submit"),
            self.ReviewOpens.AFTER_DUE: _("Shown after the due date"),
            self.ReviewOpens.NEVER: _("Not shown"),
        }[self.review_opens]

    def review_open(self, now):
        if self.review_opens == self.ReviewOpens.IMMEDIATELY:
            return True
        if self.review_opens == self.ReviewOpens.AFTER_DUE:
            return self.due_at is None or now >= self.due_at
        return False

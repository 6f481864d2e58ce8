"""Progress: an FSRS card per learner and question, its review log and the learner's review settings."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from fsrs import Card

from studynotes.models import Domain, Topic

from . import reviews


class ReviewCardQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(user=user)

    def due(self, now=None):
        return self.filter(due__lte=now or timezone.now())

    def lock_or_create(self, user_id, question_id):
        """The learner's card for a question, locked for update; an unsaved new card if there is none.

        Call inside ``transaction.atomic()``.
        """
        card = self.select_for_update().filter(user_id=user_id, question_id=question_id).first()
        if card is not None:
            return card
        from quiz.models import Question

        topic_id, domain = Question.objects.filter(pk=question_id).values_list("topic_id", "topic__domain").get()
        return self.model(user_id=user_id, question_id=question_id, topic_id=topic_id, domain=domain)


class ReviewCard(models.Model):
    """What FSRS knows about one learner's memory of one question.

    ``state`` is ``fsrs.Card.to_dict()``; ``due``, ``stability``, ``last_review``,
    ``reps`` and ``lapses`` copy it so aggregates run in the database. ``topic``
    and ``domain`` copy the question's for the same reason.
    """

    # No index of its own: the unique (user, question) constraint leads with it (one fewer index per answer).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_cards", db_index=False)
    # PROTECT: deleting a question or topic (the admin; the app retires them) must not take a learner's
    # cards and history with it, as it would once their attempts (which protect the question) are gone.
    question = models.ForeignKey("quiz.Question", on_delete=models.PROTECT, related_name="review_cards")
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="review_cards")
    domain = models.CharField(max_length=20, choices=Domain.choices)
    state = models.JSONField(default=dict)
    due = models.DateTimeField()
    stability = models.FloatField(default=0)
    difficulty = models.FloatField(default=0)
    last_review = models.DateTimeField(null=True, blank=True)
    reps = models.PositiveIntegerField(default=0)
    lapses = models.PositiveIntegerField(default=0)
    # Whether the last review recalled the answer (any rating but Again). Right after a wrong answer FSRS's
    # retrievability is still about 1 (it models the answer just shown), so mastery counts such a card as 0
    # until it is answered right again. None: not known (a card from before this field), counted as recalled.
    last_recalled = models.BooleanField(null=True, blank=True)
    # Whether the learner has answered the question at least once. An exam item left blank makes no review now
    # (``reviews.record_answer``), but before it was rated Again: such a card, whose only reviews are those, stays
    # False, so mastery and readiness, which count answered questions, do not count it.
    answered = models.BooleanField(default=True, db_default=True)  # db_default: the release before inserts without it
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ReviewCardQuerySet.as_manager()

    class Meta:
        ordering = ["due", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "question"], name="reviewcard_unique_user_question"),
        ]
        indexes = [
            models.Index(fields=["user", "due"], name="reviewcard_user_due"),
            models.Index(fields=["user", "topic"], name="reviewcard_user_topic"),
        ]

    def __str__(self):
        return f"{self.user_id} · question {self.question_id} · due {self.due:%Y-%m-%d %H:%M}"

    def _copy(self, card):
        self.state = card.to_dict()
        self.due = card.due
        self.stability = card.stability or 0
        self.difficulty = card.difficulty or 0
        self.last_review = card.last_review

    FSRS_FIELDS = ["state", "due", "stability", "difficulty", "last_review", "reps", "lapses", "last_recalled",
                   "answered", "updated_at"]

    @property
    def fsrs_id(self):
        """FSRS's id of the card, which seeds the interval fuzz (``reviews.fsrs_id``)."""
        return reviews.fsrs_id(self.state, self.user_id, self.question_id)

    def apply(self, rating, when, *, save=True):
        """Apply one review (and save unless told not to; counts kept here, not in a signal)."""
        self.answered = True
        lapse = reviews.is_lapse(self.state, rating)
        card = reviews.review(self.state or None, rating, when, card_id=self.fsrs_id)
        self._copy(card)
        self.reps += 1
        self.lapses += lapse
        self.last_recalled = int(rating) != 1
        self.updated_at = timezone.now()
        if save:
            # An existing card: UPDATE only what a review changes (no SELECT-or-INSERT, fewer columns).
            self.save(update_fields=self.FSRS_FIELDS if self.pk else None)
        return card

    def rebuild(self):
        """Recompute the card from all of its logs, in order (after a rating changed)."""
        rows = self.logs.order_by("reviewed_at", "id").values_list(
            "id", "rating", "reviewed_at", "mode", "attempt_item_id", "attempt_item__answered_at")
        logs, unanswered = [], set()
        for log_id, rating, when, mode, item_id, answered_at in rows:
            logs.append((log_id, rating, when))
            if mode == ReviewLog.Mode.EXAM and item_id is not None and answered_at is None:
                # an exam item left blank, reviewed as Again before blanks made no review: no answer, and
                # not against the daily cap
                unanswered.add(log_id)
        if not logs:
            self.delete()
            return None
        fields, changes = reviews.replay_logs(logs, self.fsrs_id, unanswered)
        for name, value in fields.items():
            setattr(self, name, value)
        self.save()
        ReviewLog.objects.bulk_update([ReviewLog(pk=log_id, stability=stability, due=due, was_due=was_due)
                                       for log_id, stability, due, was_due in changes],
                                      ["stability", "due", "was_due"])
        return Card.from_dict(self.state)


class ReviewLog(models.Model):
    """One review: an answered (or graded) attempt item, with the rating it got."""

    class Mode(models.TextChoices):
        PRACTICE = "practice", _("Practice")
        EXAM = "exam", _("Exam")

    class RatingChoice(models.IntegerChoices):
        AGAIN = 1, _("Again")
        HARD = 2, _("Hard")
        GOOD = 3, _("Good")
        EASY = 4, _("Easy")

    # No index of its own: reviewlog_user_day_correct leads with it (one fewer index per answer).
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_logs", db_index=False)
    card = models.ForeignKey(ReviewCard, on_delete=models.CASCADE, related_name="logs")
    # No index on question or topic: every answer inserts a log, and each index is one more B-tree to write
    # (the two cost about 6 % of the practice answers the bench serves). Nothing reads logs by either: a log's
    # question is its card's, so logs of given questions are found through the card (indexed both ways,
    # ``reviews.follow_topic_changes``); only deleting a question or topic (which the app never does) scans.
    # PROTECT as on the card: a learner's history is never deleted with them.
    question = models.ForeignKey("quiz.Question", on_delete=models.PROTECT, related_name="review_logs",
                                 db_index=False)
    topic = models.ForeignKey(Topic, on_delete=models.PROTECT, related_name="review_logs", db_index=False)
    domain = models.CharField(max_length=20, choices=Domain.choices)
    attempt_item = models.OneToOneField(
        "quiz.AttemptItem", null=True, blank=True, on_delete=models.SET_NULL, related_name="review_log",
        help_text="The answer this review came from; unique, so an item is never counted twice.",
    )
    mode = models.CharField(max_length=10, choices=Mode.choices, default=Mode.PRACTICE)
    rating = models.PositiveSmallIntegerField(choices=RatingChoice.choices)
    correct = models.BooleanField()
    was_due = models.BooleanField(default=False, help_text="The card was due: counts against the daily cap.")
    reviewed_at = models.DateTimeField()
    stability = models.FloatField(default=0, help_text="Stability after this review, in days.")
    due = models.DateTimeField(help_text="When the card fell due after this review.")

    class Meta:
        ordering = ["reviewed_at", "id"]
        indexes = [
            # covering for the per-day activity aggregate and for "reviews done today"
            models.Index(fields=["user", "reviewed_at", "correct"], name="reviewlog_user_day_correct"),
        ]

    def __str__(self):
        return f"{self.user_id} · question {self.question_id} · {self.get_rating_display()}"


class LearnerSettings(models.Model):
    DEFAULT_DAILY_CAP = 100

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                related_name="learner_settings")
    daily_review_cap = models.PositiveSmallIntegerField(
        _("daily review cap"),
        default=DEFAULT_DAILY_CAP,
        validators=[MinValueValidator(1), MaxValueValidator(1000)],
        help_text=_("At most this many reviews a day; the rest wait for the next days."),
    )
    # "" is the site's TIME_ZONE. The learner's day (the daily cap, "due today", streaks) and every time shown
    # follow it: studynotes.middleware.TimeZoneMiddleware activates it from the session (set at login and on save).
    time_zone = models.CharField(_("time zone"), max_length=64, blank=True, default="",
                                 help_text=_("Your day starts at midnight here: daily reviews, due dates and times."))
    # The learner declined to use their device's zone (the offer on the home page and dashboard, shown while
    # time_zone is blank): not offered again. Copied into the session at login (studynotes.timezones.offer).
    time_zone_offer_dismissed = models.BooleanField(default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "learner settings"

    def __str__(self):
        return f"{self.user_id}: {self.daily_review_cap} a day"

    @classmethod
    def cap_for(cls, user):
        cap = cls.objects.filter(user=user).values_list("daily_review_cap", flat=True).first()
        return cap if cap is not None else cls.DEFAULT_DAILY_CAP

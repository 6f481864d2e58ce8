"""Attempt.reviews_withheld: an exam graded while its instructor kept the answers closed made no review cards;
``attempts.catch_up_reviews`` makes them once review opens. Existing exams of that kind are marked: finished,
assigned to one of the learner's classes with review not open right after submitting, and no review log for
any of their items."""

from django.conf import settings
from django.db import migrations, models
from django.db.models import Exists, OuterRef, Q


def mark_withheld(apps, schema_editor):
    Attempt = apps.get_model("quiz", "Attempt")
    Assignment = apps.get_model("instructor", "Assignment")
    ReviewLog = apps.get_model("progress", "ReviewLog")
    assigned = Assignment.objects.filter(quiz=OuterRef("quiz"), classroom__memberships__learner=OuterRef("user"))
    # review open right after submitting (``Assignment.review_open(submitted_at)``): grading made its reviews,
    # so no log means the learner deleted them (``delete_progress``), not that they were withheld
    open_then = assigned.filter(Q(review_opens="immediately") | Q(review_opens="after_due", due_at__isnull=True)
                                | Q(review_opens="after_due", due_at__lte=OuterRef("submitted_at")))
    logged = ReviewLog.objects.filter(attempt_item__attempt=OuterRef("pk"))
    (Attempt.objects.filter(mode="exam", quiz__isnull=False, submitted_at__isnull=False)
     .exclude(state="in_progress").filter(Exists(assigned)).exclude(Exists(open_then)).exclude(Exists(logged))
     .update(reviews_withheld=True))


class Migration(migrations.Migration):

    dependencies = [
        ('quiz', '0010_question_key_corrected_version'),
        ('instructor', '0002_assignment'),
        ('progress', '0006_cards_follow_question_topics'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name='attempt',
            name='reviews_withheld',
            field=models.BooleanField(default=False),
        ),
        migrations.AddIndex(
            model_name='attempt',
            index=models.Index(condition=models.Q(('reviews_withheld', True)), fields=['user'],
                               name='attempt_reviews_withheld'),
        ),
        migrations.RunPython(mark_withheld, migrations.RunPython.noop),
    ]

"""Make the review cards of exams whose review has opened since they were graded (run it from cron)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils import timezone

from quiz.attempts import catch_up_reviews
from quiz.models import Attempt
from studynotes.management.database import database_errors


class Command(BaseCommand):
    help = ("Turn the answers of exams graded while their review was closed, or while another exam in progress "
            "asked one of their questions, into review cards once the review has opened (due date passed, "
            "instructor opened it) and no exam in progress asks them. Learners' pages do this on their "
            "own; this keeps the due counts right for those who do not visit. "
            "Idempotent: a second run changes nothing.")

    def handle(self, *args, **options):
        now = timezone.now()
        waiting = Attempt.objects.filter(reviews_withheld=True)
        users = get_user_model().objects.filter(pk__in=waiting.values("user_id")).order_by("pk")
        with database_errors():
            caught = sum(catch_up_reviews(user, now) for user in users.iterator())
            still_closed = waiting.count()
        self.stdout.write(f"Exams caught up: {caught}; still closed: {still_closed}.")

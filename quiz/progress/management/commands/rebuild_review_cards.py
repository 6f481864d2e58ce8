"""Recompute every FSRS card from its review log (after a scheduler change or a bulk import); reviews of exam
items left blank, which no longer make any, are deleted first."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from quiz.progress.models import ReviewCard, ReviewLog
from quiz.progress.reviews import drop_blank_exam_reviews
from studynotes.management.database import database_errors


class Command(BaseCommand):
    help = ("Replay each review card's log through the FSRS scheduler and store the result "
            "(state, due, stability, reps, lapses), after deleting the reviews of exam questions left blank "
            "(graded as Again before they made none). Idempotent: a second run changes nothing.")

    def add_arguments(self, parser):
        parser.add_argument("--user", help="only this user name")

    def handle(self, *args, user=None, **options):
        with database_errors():
            dropped, emptied = self._drop_blanks(user)
            total, changed = self._rebuild(user)
        if dropped:
            self.stdout.write(f"{dropped} reviews of exam questions left blank deleted ({emptied} cards with no "
                              f"other review deleted).")
        self.stdout.write(f"{total} review cards replayed, {changed} changed.")

    def _drop_blanks(self, user):
        if user and not get_user_model().objects.filter(username=user).exists():  # a typo; a learner with none is 0
            raise CommandError(f"No review cards for user {user!r}: there is no such user.")
        # replays the cards these touch (the loop below finds them unchanged) and deletes those left with no log
        dropped, emptied, _replayed = drop_blank_exam_reviews(ReviewCard, ReviewLog, username=user)
        return dropped, emptied

    def _rebuild(self, user):
        cards = ReviewCard.objects.order_by("pk")
        if user:
            cards = cards.filter(user__username=user)
        changed = total = 0
        for pk in cards.values_list("pk", flat=True).iterator():
            with transaction.atomic():
                card = ReviewCard.objects.select_for_update().get(pk=pk)
                before = (card.due, card.stability, card.reps, card.lapses)
                card.rebuild()
                total += 1
                if card.pk is None or (card.due, card.stability, card.reps, card.lapses) != before:
                    changed += 1
        return total, changed

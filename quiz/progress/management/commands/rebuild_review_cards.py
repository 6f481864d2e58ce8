"""Recompute every FSRS card from its review log (after a scheduler change or a bulk import)."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from quiz.progress.models import ReviewCard
from studynotes.management.database import database_errors


class Command(BaseCommand):
    help = ("Replay each review card's log through the FSRS scheduler and store the result "
            "(state, due, stability, reps, lapses). Idempotent: a second run changes nothing.")

    def add_arguments(self, parser):
        parser.add_argument("--user", help="only this user name")

    def handle(self, *args, user=None, **options):
        with database_errors():
            total, changed = self._rebuild(user)
        self.stdout.write(f"{total} review cards replayed, {changed} changed.")

    def _rebuild(self, user):
        cards = ReviewCard.objects.order_by("pk")
        if user:
            if not get_user_model().objects.filter(username=user).exists():  # a typo; a learner with none is 0
                raise CommandError(f"No review cards for user {user!r}: there is no such user.")
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

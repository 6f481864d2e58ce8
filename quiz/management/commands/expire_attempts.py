from django.core.management.base import BaseCommand

from quiz.attempts import expire_overdue
from studynotes.management.database import database_errors


class Command(BaseCommand):
    help = "Grade every exam attempt whose deadline has passed (at its deadline). Safe to run any time."

    def handle(self, *args, **options):
        with database_errors():
            count = expire_overdue()
        self.stdout.write(f"Graded {count} overdue attempt(s).")

from django.core.management.base import BaseCommand

from studynotes.linking import link_topics
from studynotes.management.database import database_errors


class Command(BaseCommand):
    help = "Load fixtures/glossary.yaml and re-link every section to its topics (safe to re-run)."

    def handle(self, *args, **options):
        with database_errors():
            totals = link_topics()
        self.stdout.write(
            f"links created={totals['created']} updated={totals['updated']} deleted={totals['deleted']}"
        )

"""Build the question bank from the imported notes (idempotent)."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from quiz.generation import GENERATOR_VERSION
from quiz.generation.pipeline import GeneratorOutdated, run
from studynotes import notices
from studynotes.management.database import database_errors
from studynotes.models import Section


STALE_AFTER_DAYS = notices.STALE_AFTER_DAYS


class Command(BaseCommand):
    help = (
        "Generate multiple-choice questions from the active note sections. Questions are matched "
        "by identity, so running it again keeps ids, learner history and instructor edits; "
        "questions whose basis vanished are retired. Prints counts by type, topic and language "
        "and rejections by reason."
    )

    def add_arguments(self, parser):
        parser.add_argument("--allow-older", action="store_true",
                            help="let this release's generator save over a bank a newer release generated "
                                 "(only when rolling a release back on purpose)")

    def handle(self, *args, **options):
        started = time.perf_counter()
        with database_errors():
            try:
                result, summary = run(allow_older=options["allow_older"])
            except GeneratorOutdated as outdated:
                raise CommandError(f"{outdated} (--allow-older when rolling back on purpose)") from None
            no_notes = not Section.objects.active().exists()
        elapsed = time.perf_counter() - started
        out = self.stdout
        out.write(f"Generator {GENERATOR_VERSION}: {result.claims} claims, {len(result.questions)} questions "
                  f"passed the validator ({elapsed:.2f} s).")
        if no_notes:
            out.write("No note sections to generate from: import notes first (manage.py import_notes PATH).")
        out.write("Saved: " + ", ".join(f"{key} {summary.get(key, 0)}"
                                        for key in ("created", "updated", "unchanged", "locked", "retired")))
        if summary.get("unapproved"):
            out.write(f"Approved questions whose text changed, back to drafts (approve them again; quizzes of approved "
                      f"questions only leave them out until then): {summary['unapproved']}")
        if summary.get("reworded"):
            out.write("Reworded definitions and statements that kept their question (counted as updated): "
                      f"{summary['reworded']}")
        if summary.get("followed") or summary.get("lines_gone"):
            out.write(f"Edited questions that followed their moved note lines (counted as locked): "
                      f"{summary.get('followed', 0)}; with a quoted line no longer in the notes (kept, shown on "
                      f"their page): {summary.get('lines_gone', 0)}")
        self._counts("By type", result.counts("type"))
        self._counts("By topic", result.counts("topic"))
        self._counts("By language", result.language_counts())
        scenario = [q for q in result.questions if q["type"] == "scenario"]
        multi = sum(1 for q in scenario if len(q["clues"]) >= 2)
        share = multi / len(result.questions) if result.questions else 0
        out.write(f"Scenario questions with two or more clues: {multi} of {len(scenario)} scenarios, "
                  f"{share:.0%} of all questions")
        self._counts("Rejected by reason", result.rejections, empty="Rejected by reason: none")
        kinds = {}
        for issue in result.issues:
            kinds[issue["kind"]] = kinds.get(issue["kind"], 0) + 1
        self._counts("Issues for instructors", kinds, empty="Issues for instructors: none")
        out.write(f"Corrections shown on note sections: {len(result.corrections)}")
        self._reference_age()
        lines, warnings = notices.ages(notices.load_notices(), timezone.localdate())
        for line in lines:
            out.write(line)
        for warning in warnings:
            self.stderr.write(warning)

    def _reference_age(self):
        """How long ago the reference facts were checked against the AWS documentation; a warning past
        ``STALE_AFTER_DAYS`` (AWS limits change, and a fact out of date "corrects" learners' right lines)."""
        import datetime

        from django.utils import timezone

        from quiz.generation.reference import load_reference

        checked = load_reference().checked
        if not isinstance(checked, datetime.date):
            self.stderr.write("WARNING: fixtures/reference.yaml says nowhere when its facts were last checked "
                              "(a top-level 'checked: YYYY-MM-DD').")
            return
        days = (timezone.localdate() - checked).days
        self.stdout.write(f"Reference facts last checked against the AWS documentation: {checked:%Y-%m-%d} "
                          f"({days} days ago)")
        if days > STALE_AFTER_DAYS:
            self.stderr.write(f"WARNING: the reference facts were checked {days} days ago: check them against "
                              "the AWS documentation again (docs/QUESTIONS.md, gen-1.27) and update 'checked'.")

    def _counts(self, title, counter, empty=None):
        if not counter:
            if empty:
                self.stdout.write(empty)
            return
        self.stdout.write(f"{title}:")
        for key, count in sorted(counter.items(), key=lambda item: (-item[1], str(item[0]))):
            self.stdout.write(f"  {key}: {count}")

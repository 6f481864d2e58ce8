"""Write every question as JSON (format documented in docs/QUESTIONS.md)."""

import json

from django.core.management.base import BaseCommand

from quiz.models import Question
from studynotes.management.database import database_errors
from studynotes.management.output import write_file

FORMAT_VERSION = 1


def question_record(question):
    return {
        "id": str(question.uid),
        "pk": question.pk,
        "identity": question.identity,
        "type": question.type,
        "topic": question.topic.slug,
        "domain": question.topic.domain,
        "family": question.family,
        "languages": question.languages,
        "stem": question.stem,
        "choose": question.choose,
        "options": [
            {"key": o.get("key"), "text": o.get("text"), "correct": bool(o.get("correct")),
             "explanation": o.get("explanation") or {}}
            for o in question.options
        ],
        "clues": question.clues,
        "sources": [
            {"file": s.get("file"), "heading_path": s.get("heading_path"), "section": s.get("section"),
             "line_start": s.get("line_start"), "line_end": s.get("line_end"), "quote": s.get("quote"),
             # an edited question's line no longer in the notes (pipeline.follow_lines): a bank import keeps it
             **({"gone": True} if s.get("gone") else {})}
            for s in question.sources
        ],
        "figure": (
            {"sha256": question.figure.sha256, "name": question.figure.name, "alt": question.figure_alt}
            if question.figure_id else None
        ),
        "status": question.status,
        "locked": question.locked,
        "version": question.version,
        "generator_version": question.generator_version,
    }


class Command(BaseCommand):
    help = "Export every question (id, type, topic, languages, stems, options, clues, sources, status) as JSON."

    def add_arguments(self, parser):
        parser.add_argument("--format", default="json", choices=["json"], help="Only json is supported.")
        parser.add_argument("--output", "-o", metavar="FILE", help="Write to this file instead of standard output.")
        parser.add_argument("--status", choices=[s for s, _ in Question.Status.choices],
                            help="Only questions with this status.")

    def handle(self, *args, **options):
        questions = Question.objects.select_related("topic", "figure").order_by("pk")
        if options["status"]:
            questions = questions.filter(status=options["status"])
        with database_errors():
            payload = {"format_version": FORMAT_VERSION, "questions": [question_record(q) for q in questions]}
        text = json.dumps(payload, ensure_ascii=False, indent=2)
        if options["output"]:
            write_file(options["output"], text + "\n")  # whole or not at all (studynotes.management.output)
            self.stdout.write(f"Wrote {len(payload['questions'])} questions to {options['output']}")
        else:
            self.stdout.write(text)
